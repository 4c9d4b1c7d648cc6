import type { Locale } from '../../../core/fields';
import { publishTable, type PublishedCell, type PublishedTable } from '../../../core/reports/publish';
import type { ReportResult, ReportTable } from '../../../core/reports/model';
import { SUPPRESSED } from '../../../core/suppression';
import type { ExportInput } from './export-types';
import { ageBandName, formatInstant, formatRange, message, nationalityName, renderLabel, reportName } from './labels';

/**
 * What every published format lays out alike: the lines describing the export (report, period, filters,
 * suppression, who and when) and each table as published (suppressed), in the reader's language. The
 * CSV, XLSX and annex writers only decide how to draw it; none of them sees an exact table.
 */

export type GridCell = { kind: 'number'; value: number } | { kind: 'suppressed' } | { kind: 'none' };

export interface GridRow {
  head: string;
  cells: GridCell[];
  /** the totals row (bold in the formats that can) */
  isTotal: boolean;
}

export interface TableGrid {
  id: string;
  title: string;
  description: string;
  /** "Figures in hours." for measures; null for counts */
  unit: string | null;
  /** what a hidden number reads as: "<5" for a count, "n<5" for a measure resting on fewer than 5 people */
  marker: string;
  /** the row header's name, then each column's, then "Total" when row totals are published */
  head: string[];
  rows: GridRow[];
}

const cell = (c: PublishedCell): GridCell => (c === null ? { kind: 'none' } : c === SUPPRESSED ? { kind: 'suppressed' } : { kind: 'number', value: c });

const unitIds: Record<PublishedTable['measure'], string | null> = {
  count: null,
  hours: 'reportExport.unit.hours',
  percent: 'reportExport.unit.percent',
  days: 'reportExport.unit.days',
};

/** A table suppressed for publication, with its rows and columns named in `locale`. */
export function tableGrid(table: ReportTable, threshold: number, locale: Locale): TableGrid {
  const p = publishTable(table, threshold);
  const total = message(locale, 'reportExport.total');
  const unitId = unitIds[p.measure];
  const rows: GridRow[] = p.rows.map((r, i) => ({
    head: renderLabel(r.label, locale),
    cells: [...p.cells[i]!.map(cell), ...(p.totals ? [cell(p.totals.rows[i]!)] : [])],
    isTotal: false,
  }));
  if (p.totals) rows.push({ head: total, cells: [...p.totals.columns.map(cell), cell(p.totals.grand)], isTotal: true });
  return {
    id: p.id,
    title: message(locale, p.titleKey),
    description: message(locale, p.descriptionKey),
    unit: unitId ? message(locale, unitId) : null,
    // "<5" in a column of hours would read as "under five hours": a hidden measure says it rests on few people.
    marker: p.measure === 'count' ? suppressedMarker(threshold, locale) : suppressedMeasureMarker(threshold, locale),
    head: [message(locale, p.rowHeaderKey), ...p.columns.map((c) => renderLabel(c.label, locale)), ...(p.totals ? [total] : [])],
    rows,
  };
}

/** What a suppressed count reads as: "<5" for a threshold of 5. */
export const suppressedMarker = (threshold: number, locale: Locale): string => message(locale, 'reportExport.suppressed', { threshold });

/** What a measure resting on fewer than `threshold` people reads as: "n<5". */
export const suppressedMeasureMarker = (threshold: number, locale: Locale): string => message(locale, 'reportExport.suppressedMeasure', { threshold });

/** "–" where there is nothing to measure (a median of no one). */
export const NOTHING = '–';

export function watermark(input: Pick<ExportInput, 'exportedBy' | 'exportedAt' | 'timeZone' | 'language' | 'threshold'>): string {
  const when = formatInstant(input.exportedAt, input.language, input.timeZone);
  return message(input.language, 'reportExport.watermark', { who: input.exportedBy, when, threshold: input.threshold });
}

export function thresholdRule(threshold: number, locale: Locale): string {
  return message(locale, 'reportExport.thresholdRule', {
    max: threshold - 1,
    threshold,
    marker: suppressedMarker(threshold, locale),
    measureMarker: suppressedMeasureMarker(threshold, locale),
  });
}

const sexIds: Record<string, string> = { male: 'sex.male', female: 'sex.female', other: 'sex.other', unknown: 'sex.unknown' };
const regimeIds: Record<string, string> = {
  forced_court: 'regime.forced_court',
  voluntary_expulsion: 'regime.voluntary_expulsion',
  voluntary_protection: 'regime.voluntary_protection',
};

/** The filter's period, facility and dimensions, each named; a dimension not filtered reads "All". */
export function filterLines(filter: ReportResult['filter'], facilityName: string | null, locale: Locale): [string, string][] {
  const all = message(locale, 'reportExport.all');
  const named = (value: string | null, name: (v: string) => string): string => (value === null ? all : name(value));
  return [
    [message(locale, 'reportExport.field.period'), formatRange(filter.from, filter.to, locale)],
    [message(locale, 'reportExport.field.facility'), facilityName ?? message(locale, 'reportExport.allFacilities')],
    [message(locale, 'reportExport.field.nationality'), named(filter.nationality, (v) => nationalityName(v, locale))],
    [message(locale, 'reportExport.field.sex'), named(filter.sex, (v) => (sexIds[v] ? message(locale, sexIds[v]) : v))],
    [message(locale, 'reportExport.field.ageBand'), named(filter.ageBand, (v) => ageBandName(v, locale))],
    [message(locale, 'reportExport.field.regime'), named(filter.regime, (v) => (regimeIds[v] ? message(locale, regimeIds[v]) : v))],
  ];
}

/** The description of an export: the report, its filters, the figures' time, the suppression rule, who exported and when. */
export function exportLines(input: ExportInput): [string, string][] {
  const l = input.language;
  return [
    [message(l, 'reportExport.field.report'), reportName(input.result.reportId, l)],
    ...filterLines(input.result.filter, input.facilityName, l),
    [message(l, 'reportExport.field.asOf'), formatInstant(input.result.asOf, l, input.timeZone)],
    [message(l, 'reportExport.field.threshold'), thresholdRule(input.threshold, l)],
    [message(l, 'reportExport.field.language'), message(l, languageIds[l])],
    [message(l, 'reportExport.field.exportedBy'), input.exportedBy],
    [message(l, 'reportExport.field.exportedAt'), formatInstant(input.exportedAt, l, input.timeZone)],
  ];
}

const languageIds: Record<Locale, string> = { az: 'language.az', en: 'language.en', ru: 'language.ru' };
