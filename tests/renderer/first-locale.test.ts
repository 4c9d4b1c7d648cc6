import { describe, expect, it } from 'vitest';
import { browserLanguages, localeFromLanguages } from '../../renderer/first-locale';

describe('the language the first screen opens in', () => {
  it('is the first of the browser languages the app speaks, by its primary subtag', () => {
    expect(localeFromLanguages(['en-GB', 'az'])).toBe('en');
    expect(localeFromLanguages(['ru-RU'])).toBe('ru');
    expect(localeFromLanguages(['az-Latn-AZ', 'en-US'])).toBe('az');
    expect(localeFromLanguages(['EN_us'])).toBe('en');
  });

  it('passes over languages the app does not speak to reach one it does', () => {
    expect(localeFromLanguages(['tr-TR', 'de', 'ru'])).toBe('ru');
  });

  it('is none when the browser asks only for languages the app lacks, so Azerbaijani is used', () => {
    expect(localeFromLanguages(['fa-IR', 'ur'])).toBeNull();
    expect(localeFromLanguages([])).toBeNull();
    // "azb" (South Azerbaijani, Arabic script) is another language, not az.
    expect(localeFromLanguages(['azb'])).toBeNull();
  });

  it('falls back to navigator.language when the list is empty', () => {
    expect(browserLanguages({ languages: [], language: 'ru-RU' })).toEqual(['ru-RU']);
    expect(browserLanguages({ languages: ['en-GB', 'en'], language: 'en-GB' })).toEqual(['en-GB', 'en']);
    expect(browserLanguages(undefined)).toEqual([]);
  });
});
