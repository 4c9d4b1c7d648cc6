import { IntlMessageFormat } from 'intl-messageformat';
import { countryName } from '../../../core/countries';
import type { Locale } from '../../../core/fields';
import { catalogs, defaultLocale } from '../../../core/i18n';
import type { AgeBand, ReportId, ReportLabel } from '../../../core/reports/model';

/**
 * Text for HQ's published reports (CSV, XLSX, the annex) in the reader's language, on the server: the
 * same ICU catalogs the screens use (core/i18n), so a row is named alike on screen and on paper.
 */

type Values = Record<string, string | number>;

/** A message of the catalogs, formatted; falls back to English, then to the id (never throws on a missing key). */
export function message(locale: Locale, id: string, values: Values = {}): string {
  const text = catalogs[locale][id] ?? catalogs.en[id] ?? catalogs[defaultLocale][id];
  if (text === undefined) return id;
  try {
    const formatted = new IntlMessageFormat(text, locale).format<string>(values);
    return Array.isArray(formatted) ? formatted.join('') : String(formatted);
  } catch {
    // A value the message wants was not given (a report's sentence reused as a heading): show the sentence
    // rather than fail the whole export.
    return text;
  }
}

/** The first of `ids` some catalog has, formatted; the last is ours (core/i18n/<lang>/report-exports.ts) and always there. */
function firstKnown(locale: Locale, ids: readonly string[]): string {
  const id = ids.find((k) => k in catalogs[locale] || k in catalogs.en) ?? ids[ids.length - 1]!;
  return message(locale, id);
}

// The console's own names come first (core/i18n/<lang>/reports.ts), so that a report, an age band or
// "stateless" reads the same on screen and on paper; the exports' own words stand in if those go.
const reportNames: Record<ReportId, readonly string[]> = {
  occupancy: ['report.name.occupancy', 'reportExport.report.occupancy'],
  admissions: ['report.name.admissions', 'reportExport.report.admissions'],
  stay: ['report.name.stay', 'reportExport.report.stay'],
  screening: ['report.name.screening', 'reportExport.report.screening'],
  asylum: ['report.name.asylum', 'reportExport.report.asylum'],
  removals: ['report.name.removals', 'reportExport.report.removals'],
  safeguards: ['report.name.safeguards', 'reportExport.report.safeguards'],
  incidents: ['report.name.incidents', 'reportExport.report.incidents'],
  ombudsman: ['report.name.ombudsman', 'reportExport.report.ombudsman'],
  tracing: ['report.name.tracing', 'reportExport.report.tracing'],
};

export const reportName = (id: ReportId, locale: Locale): string => firstKnown(locale, reportNames[id]);

const ageBandNames: Record<AgeBand, readonly string[]> = {
  under_14: ['report.age.under_14', 'reportExport.ageBand.under_14'],
  '14_17': ['report.age.14_17', 'reportExport.ageBand.14_17'],
  '18_34': ['report.age.18_34', 'reportExport.ageBand.18_34'],
  '35_59': ['report.age.35_59', 'reportExport.ageBand.35_59'],
  '60_plus': ['report.age.60_plus', 'reportExport.ageBand.60_plus'],
  unknown: ['report.age.unknown', 'reportExport.ageBand.unknown'],
};

export function ageBandName(band: string, locale: Locale): string {
  const ids = (ageBandNames as Record<string, readonly string[] | undefined>)[band];
  return ids ? firstKnown(locale, ids) : band;
}

/** Not ISO codes, so not countries: the facts table writes these for people without a (known) nationality. */
const nonCountries: Record<string, readonly string[]> = {
  STATELESS: ['report.nationality.STATELESS', 'reportExport.country.STATELESS'],
  UNKNOWN: ['report.nationality.UNKNOWN', 'reportExport.country.UNKNOWN'],
};

export function nationalityName(code: string, locale: Locale): string {
  const ids = nonCountries[code];
  return ids ? firstKnown(locale, ids) : countryName(code, locale);
}

export function languageName(code: string, locale: Locale): string {
  const known = catalogs[locale][`lang.${code}`];
  if (known) return known;
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A calendar day's parts as a Date at UTC noon: formatting it in UTC never moves it to another day. */
const utcDay = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d, 12));

/** A period bucket: "2026", "January 2026" / "yanvar 2026" / "январь 2026", or a day in the locale's long form. */
export function formatPeriod(value: string, locale: Locale): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return formatDay(value, locale);
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) {
    // The month standing alone (nominative in Russian: "январь", not "января") and then the year, as a
    // table heading reads; Intl's month-and-year form adds "г." in Russian.
    const at = utcDay(Number(month[1]), Number(month[2]), 1);
    const name = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(at);
    return `${name} ${month[1]}`;
  }
  return value;
}

/** A calendar day (YYYY-MM-DD) in the locale's long form: "5 January 2026" reads alike in every time zone. */
export function formatDay(day: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(utcDay(Number(m[1]), Number(m[2]), Number(m[3])));
}

export const formatRange = (from: string, to: string, locale: Locale): string => (from === to ? formatDay(from, locale) : `${formatDay(from, locale)} – ${formatDay(to, locale)}`);

/** An instant as the console's time zone reads it, naming the zone: "8 December 2026, 03:25 (Asia/Baku)". */
export function formatInstant(iso: string, locale: Locale, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(at);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
  return message(locale, 'reportExport.dateTime', { date, time, zone: timeZone });
}

/** A figure for reading (the annex): grouped the locale's way, at most one decimal (hours, per cent). */
export const formatNumber = (n: number, locale: Locale): string => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);

/** A row's or column's name in the reader's language. */
export function renderLabel(label: ReportLabel, locale: Locale): string {
  switch (label.kind) {
    case 'message':
      return message(locale, label.id);
    case 'country':
      return nationalityName(label.code, locale);
    case 'facility':
      return label.name;
    case 'period':
      return formatPeriod(label.value, locale);
    case 'language':
      return languageName(label.code, locale);
    case 'text':
      return label.text;
  }
}
