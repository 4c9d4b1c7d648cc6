import { describe, expect, it } from 'vitest';
import { formatInstant, formatPeriod, message, renderLabel } from '../../../../main/services/reports/labels';

/** Rows and columns of a published report are named in the reader's language (issue #16 §2–§3). */

describe('naming rows and columns', () => {
  it('names a month as each language writes it alone', () => {
    expect(renderLabel({ kind: 'period', value: '2026-01' }, 'az')).toBe('yanvar 2026');
    expect(renderLabel({ kind: 'period', value: '2026-01' }, 'en')).toBe('January 2026');
    expect(renderLabel({ kind: 'period', value: '2026-01' }, 'ru')).toBe('январь 2026');
  });

  it('names a year as the year and a day in the long form, whatever the server’s time zone', () => {
    expect(formatPeriod('2026', 'ru')).toBe('2026');
    expect(renderLabel({ kind: 'period', value: '2026-03-01' }, 'en')).toBe('March 1, 2026');
    expect(renderLabel({ kind: 'period', value: '2026-03-01' }, 'ru')).toBe('1 марта 2026 г.');
    expect(renderLabel({ kind: 'period', value: '2026-03-01' }, 'az')).toBe('1 mart 2026');
  });

  it('names countries, stateless people and unknown nationality in each language', () => {
    expect(renderLabel({ kind: 'country', code: 'GEO' }, 'az')).toBe('Gürcüstan');
    expect(renderLabel({ kind: 'country', code: 'GEO' }, 'ru')).toBe('Грузия');
    expect(renderLabel({ kind: 'country', code: 'STATELESS' }, 'en')).toBe('Stateless');
    expect(renderLabel({ kind: 'country', code: 'UNKNOWN' }, 'ru')).toMatch(/^[А-Я][а-яё ]+$/);
  });

  it('names messages, languages, facilities and bare text', () => {
    expect(renderLabel({ kind: 'message', id: 'sex.female' }, 'az')).toBe('Qadın');
    expect(renderLabel({ kind: 'message', id: 'sex.female' }, 'ru')).toBe('Женский');
    expect(renderLabel({ kind: 'language', code: 'ar' }, 'en')).toBe('Arabic');
    expect(renderLabel({ kind: 'facility', name: 'Şəki mərkəzi' }, 'ru')).toBe('Şəki mərkəzi');
    expect(renderLabel({ kind: 'text', text: '0–24 h' }, 'az')).toBe('0–24 h');
  });

  it('shows the id of a message no catalog has, rather than failing the export', () => {
    expect(message('ru', 'report.not.yet.written')).toBe('report.not.yet.written');
  });

  it('gives the time of export in the console’s zone, naming it', () => {
    expect(formatInstant('2026-04-02T21:15:00.000Z', 'en', 'Asia/Baku')).toBe('April 3, 2026, 01:15 (Asia/Baku)');
    expect(formatInstant('2026-04-02T21:15:00.000Z', 'ru', 'Asia/Baku')).toBe('3 апреля 2026 г., 01:15 (Asia/Baku)');
  });
});
