import type { IntlShape } from 'react-intl';
import type { Locale } from '../../../../core/fields';
import type { MessageKey } from '../../../../core/i18n';
import type { ReportLabel, ReportTable } from '../../../../core/reports/model';
import { isMessageKey } from '../../../i18n';
import { countryLabel, languageLabel } from '../../../places';

/**
 * How the report's labels and numbers read in the interface language (issue #16 §2): numbers by
 * Intl.NumberFormat of az, en or ru (az and ru group thousands with a space or a dot and write a decimal
 * comma), months and days by Intl in the same language.
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

/** A year (YYYY), a month (YYYY-MM) or a day (YYYY-MM-DD) of a series, in the locale; anything else as it is. */
export function periodText(value: string, locale: Locale): string {
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) return cached(monthFormats, locale, { month: 'short', year: 'numeric' }).format(new Date(`${value}-01T00:00:00Z`));
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return cached(dayFormats, locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${value}T00:00:00Z`));
  return value;
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
      return periodText(label.value, locale);
    case 'language':
      return languageLabel(label.code, locale);
    case 'text':
      return label.text;
  }
}

export function translator(intl: IntlShape): Translate {
  return (id) => intl.formatMessage({ id });
}

/** A cell's number as text: counts as integers, hours and days with a unit, percents with the sign; none as a dash. */
export function numberFormatter(locale: Locale, measure: ReportTable['measure']): (v: number | null) => string {
  const f =
    measure === 'hours' || measure === 'days'
      ? new Intl.NumberFormat(locale, { style: 'unit', unit: measure === 'hours' ? 'hour' : 'day', unitDisplay: 'short', maximumFractionDigits: 1 })
      : measure === 'percent'
        ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
        : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  // Percent cells are 0..100 (the table's share of a basis); Intl's percent style multiplies by 100.
  return (v) => (v === null ? '—' : f.format(measure === 'percent' ? v / 100 : v));
}

/** Row and column sums of a count table; the grand total last. Null cells count as nothing. */
export function tableTotals(cells: readonly (readonly (number | null)[])[], columns: number): { rows: number[]; columns: number[]; all: number } {
  const rows = cells.map((r) => r.reduce<number>((n, v) => n + (v ?? 0), 0));
  const cols = Array.from({ length: columns }, (_, j) => cells.reduce<number>((n, r) => n + (r[j] ?? 0), 0));
  return { rows, columns: cols, all: rows.reduce((n, v) => n + v, 0) };
}
