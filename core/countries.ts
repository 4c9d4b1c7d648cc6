import countries from 'i18n-iso-countries';
import az from 'i18n-iso-countries/langs/az.json';
import en from 'i18n-iso-countries/langs/en.json';
import ru from 'i18n-iso-countries/langs/ru.json';
import { z } from 'zod';
import type { Locale } from './fields';

countries.registerLocale(az);
countries.registerLocale(en);
countries.registerLocale(ru);

/** ISO 3166-1 alpha-3 codes, as on passports' machine-readable zone. */
export const nationalityCodes: readonly string[] = Object.keys(countries.getAlpha3Codes()).sort();
const known = new Set(nationalityCodes);

export const nationalityCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => known.has(c), 'error.field.nationality');

export function countryName(code: string, locale: Locale): string {
  return countries.getName(code, locale, { select: 'official' }) ?? code;
}
