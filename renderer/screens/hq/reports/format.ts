import type { IntlShape } from 'react-intl';
import type { Locale } from '../../../../core/fields';
import type { MessageKey } from '../../../../core/i18n';
import type { ReportLabel, ReportTable } from '../../../../core/reports/model';
import { isMessageKey } from '../../../i18n';
import { countryLabel, languageLabel } from '../../../places';

/**
 * How the report's labels and numbers read in the interface language (issue #16 §2): numbers by
 * Intl.NumberFormat (az and ru write a decimal comma and group thousands with a dot or a space), months
 * and days by Intl in the same language.
 *
 * Chromium says it supports Azerbaijani but ships none of its data: months come out as "2026 M11" and
 * numbers as "1,234.5". Where a probe finds that, months come from the catalogs (reportsUi.month.*),
 * numbers are written as CLDR's az writes them (1.234,5, as de does) and units from the catalogs.
 */

const monthFormats = new Map<Locale, Intl.DateTimeFormat>();
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();

function cached(map: Map<Locale, Intl.DateTimeFormat>, locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = map.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    map.set(locale, f);
  }
  return f;
}

/** Whether the runtime knows the language's month names (not the root locale's "M11"). */
export function intlHasMonths(locale: Locale): boolean {
  return !/\bM\d{2}\b|^\d+$/.test(cached(monthFormats, locale, { month: 'short', year: 'numeric' }).format(new Date('2026-11-01T00:00:00Z')));
}

/** CLDR's decimal separator per interface language, to tell real data from the root locale's. */
const cldrDecimal: Record<Locale, string> = { az: ',', en: '.', ru: ',' };
/** Where a language's number data is missing: a locale that writes numbers the same way. */
const numbersLike: Record<Locale, string> = { az: 'de', en: 'en', ru: 'de' };

export function intlHasNumbers(locale: Locale): boolean {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value === cldrDecimal[locale];
}

const monthKeys: readonly MessageKey[] = [
  'reportsUi.month.1',
  'reportsUi.month.2',
  'reportsUi.month.3',
  'reportsUi.month.4',
  'reportsUi.month.5',
  'reportsUi.month.6',
  'reportsUi.month.7',
  'reportsUi.month.8',
  'reportsUi.month.9',
  'reportsUi.month.10',
  'reportsUi.month.11',
  'reportsUi.month.12',
];

/** The catalogs' short month names, for a language the runtime has no names for. */
export const catalogMonths = (t: Translate): string[] => monthKeys.map((k) => t(k));

/**
 * A year (YYYY), a month (YYYY-MM) or a day (YYYY-MM-DD) of a series, in the locale; anything else as
 * it is. `months` are the short names to use where Intl has none (CLDR's az patterns: "noy 2026", "5 noy 2026").
 */
export function periodText(value: string, locale: Locale, months: readonly string[] | null = null): string {
  if (/^\d{4}$/.test(value)) return value;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!m) return value;
  if (months) {
    const name = months[Number(m[2]) - 1] ?? m[2];
    return m[3] ? `${Number(m[3])} ${name} ${m[1]}` : `${name} ${m[1]}`;
  }
  return m[3]
    ? cached(dayFormats, locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${value}T00:00:00Z`))
    : cached(monthFormats, locale, { month: 'short', year: 'numeric' }).format(new Date(`${value}-01T00:00:00Z`));
}

export type Translate = (id: MessageKey) => string;

/** What a row or a column is called, as text (for charts, exports' captions and aria labels). */
export function labelText(label: ReportLabel, locale: Locale, t: Translate): string {
  switch (label.kind) {
    case 'message':
      // A label another file has not named yet shows its id rather than a blank.
      return isMessageKey(label.id) ? t(label.id) : label.id;
    case 'country':
      return label.code === 'STATELESS' ? t('reportsUi.stateless') : label.code === 'UNKNOWN' ? t('reportsUi.unknownCountry') : countryLabel(label.code, locale);
    case 'facility':
      return label.name;
    case 'period':
      return periodText(label.value, locale, intlHasMonths(locale) ? null : catalogMonths(t));
    case 'language':
      return languageLabel(label.code, locale);
    case 'text':
      return label.text;
  }
}

export function translator(intl: IntlShape): Translate {
  return (id) => intl.formatMessage({ id });
}

/**
 * A cell's number as text: counts as integers, hours and days with a unit, percents with the sign; none
 * as a dash. `t` gives the units where the runtime has no data for the language.
 */
export function numberFormatter(locale: Locale, measure: ReportTable['measure'], t: Translate | null = null, hasData = intlHasNumbers(locale)): (v: number | null) => string {
  const dash = (f: (v: number) => string) => (v: number | null) => (v === null ? '—' : f(v));
  if (!hasData) {
    const n = new Intl.NumberFormat(numbersLike[locale], { maximumFractionDigits: measure === 'count' ? 0 : 1 });
    const unit = measure === 'hours' ? t?.('reportsUi.unit.hour') : measure === 'days' ? t?.('reportsUi.unit.day') : measure === 'percent' ? '%' : null;
    return dash((v) => (unit === '%' ? `${n.format(v)}%` : unit ? `${n.format(v)} ${unit}` : n.format(v)));
  }
  const f =
    measure === 'hours' || measure === 'days'
      ? new Intl.NumberFormat(locale, { style: 'unit', unit: measure === 'hours' ? 'hour' : 'day', unitDisplay: 'short', maximumFractionDigits: 1 })
      : measure === 'percent'
        ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
        : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  // Percent cells are 0..100 (the table's share of a basis); Intl's percent style multiplies by 100.
  return dash((v) => f.format(measure === 'percent' ? v / 100 : v));
}

/** Row and column sums of a count table; the grand total last. Null cells count as nothing. */
export function tableTotals(cells: readonly (readonly (number | null)[])[], columns: number): { rows: number[]; columns: number[]; all: number } {
  const rows = cells.map((r) => r.reduce<number>((n, v) => n + (v ?? 0), 0));
  const cols = Array.from({ length: columns }, (_, j) => cells.reduce<number>((n, r) => n + (r[j] ?? 0), 0));
  return { rows, columns: cols, all: rows.reduce((n, v) => n + v, 0) };
}
