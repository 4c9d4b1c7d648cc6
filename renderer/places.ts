import { countryName, nationalityCodes } from '../core/countries';
import type { Locale } from '../core/fields';
import { catalogs } from '../core/i18n';

export interface Option {
  value: string;
  label: string;
}

const countryCache = new Map<Locale, Option[]>();

/** Every country by its name in the interface language, alphabetised in that language. */
export function countryOptions(locale: Locale): Option[] {
  let list = countryCache.get(locale);
  if (!list) {
    const collator = new Intl.Collator(locale);
    list = nationalityCodes.map((code) => ({ value: code, label: countryName(code, locale) })).sort((a, b) => collator.compare(a.label, b.label));
    countryCache.set(locale, list);
  }
  return list;
}

export function countryLabel(code: string, locale: Locale): string {
  return countryName(code, locale);
}

/**
 * Languages people held in Azerbaijan's centres commonly speak (ISO 639 codes, as the rights-letter
 * library names them). Others can be typed in; they are kept as written.
 */
export const languageCodes = [
  'az',
  'ru',
  'en',
  'fa',
  'prs',
  'ps',
  'ar',
  'ur',
  'hi',
  'bn',
  'pa',
  'ne',
  'si',
  'ta',
  'tr',
  'ka',
  'hy',
  'uk',
  'be',
  'uz',
  'tg',
  'ky',
  'kk',
  'tk',
  'ug',
  'mn',
  'zh',
  'vi',
  'ku',
  'ckb',
  'so',
  'ti',
  'am',
  'om',
  'sw',
  'ha',
  'yo',
  'ig',
  'fr',
  'es',
  'pt',
  'de',
  'it',
  'ro',
  'pl',
  'ln',
  'wo',
  'ff',
] as const;

const languageCache = new Map<Locale, Option[]>();

function displayNames(locale: Locale): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
  } catch {
    return null;
  }
}

/**
 * A language's name in the interface language. The common ones are in the catalogs (Chromium has no
 * Azerbaijani language names); another code falls back to the runtime's names, and a name typed in
 * stays as it was typed.
 */
export function languageLabel(code: string, locale: Locale): string {
  const known = catalogs[locale][`lang.${code}`];
  if (known) return known;
  if (!/^[a-z]{2,3}$/.test(code)) return code;
  for (const l of [locale, 'en'] as const) {
    const name = displayNames(l)?.of(code);
    if (name && name !== code) return name.charAt(0).toLocaleUpperCase(l) + name.slice(1);
  }
  return code;
}

export function languageOptions(locale: Locale): Option[] {
  let list = languageCache.get(locale);
  if (!list) {
    const collator = new Intl.Collator(locale);
    list = languageCodes.map((code) => ({ value: code, label: languageLabel(code, locale) })).sort((a, b) => collator.compare(a.label, b.label));
    languageCache.set(locale, list);
  }
  return list;
}
