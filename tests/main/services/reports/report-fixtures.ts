import type { ReportResult, ReportTable } from '../../../../core/reports/model';

/**
 * Report results as HQ's handlers compute them (exact, internal), built by hand: admissions by
 * nationality and sex with small counts in several places, vulnerabilities found per facility (a person
 * may have several, so no totals), and hours to a defender with how many people each median rests on.
 * Titles and headers use message ids of the catalogs so that every language names them.
 */

export const admissionsBySex: ReportTable = {
  id: 'admissions.bySex',
  titleKey: 'reportExport.report.admissions',
  descriptionKey: 'reportExport.filters.title',
  rowHeaderKey: 'reportExport.field.nationality',
  chart: 'stacked',
  measure: 'count',
  opensPeople: true,
  totals: true,
  rows: [
    { key: 'AZE', label: { kind: 'country', code: 'AZE' } },
    { key: 'GEO', label: { kind: 'country', code: 'GEO' } },
    { key: 'IRN', label: { kind: 'country', code: 'IRN' } },
    { key: 'AFG', label: { kind: 'country', code: 'AFG' } },
    { key: 'STATELESS', label: { kind: 'country', code: 'STATELESS' } },
  ],
  columns: [
    { key: 'male', label: { kind: 'message', id: 'sex.male' } },
    { key: 'female', label: { kind: 'message', id: 'sex.female' } },
    { key: 'unknown', label: { kind: 'message', id: 'sex.unknown' } },
  ],
  cells: [
    [120, 34, 2],
    [45, 3, 0],
    [17, 9, 1],
    [8, 6, 0],
    [3, 1, 0],
  ],
  basis: null,
};

export const vulnerabilitiesByFacility: ReportTable = {
  id: 'screening.vulnerabilities',
  titleKey: 'reportExport.report.screening',
  descriptionKey: 'reportExport.filters.title',
  rowHeaderKey: 'reportExport.field.facility',
  chart: 'bar',
  measure: 'count',
  opensPeople: true,
  totals: false,
  rows: [
    { key: 'f1', label: { kind: 'facility', name: 'Bakı mərkəzi' } },
    { key: 'f2', label: { kind: 'facility', name: '=HYPERLINK("http://x","y")' } },
  ],
  columns: [
    { key: 'minor', label: { kind: 'message', id: 'reportExport.ageBand.under_14' } },
    { key: 'jan', label: { kind: 'period', value: '2026-01' } },
    { key: 'tr', label: { kind: 'language', code: 'tr' } },
    { key: 'note', label: { kind: 'text', text: '+ other' } },
  ],
  cells: [
    [4, 12, 0, 7],
    [1, 30, 5, 2],
  ],
  basis: null,
};

export const hoursToDefender: ReportTable = {
  id: 'safeguards.defenderHours',
  titleKey: 'reportExport.report.safeguards',
  descriptionKey: 'reportExport.filters.title',
  rowHeaderKey: 'reportExport.field.facility',
  chart: 'bar',
  measure: 'hours',
  opensPeople: false,
  totals: false,
  rows: [
    { key: 'f1', label: { kind: 'facility', name: 'Bakı mərkəzi' } },
    { key: 'f2', label: { kind: 'facility', name: 'Şəki mərkəzi' } },
  ],
  columns: [
    { key: 'median', label: { kind: 'period', value: '2026-01' } },
    { key: 'p90', label: { kind: 'period', value: '2026-02' } },
  ],
  cells: [
    [5.5, 20.25],
    [3, null],
  ],
  basis: [
    [40, 3],
    [12, 0],
  ],
};

export function result(tables: ReportTable[], over: Partial<ReportResult['filter']> = {}): ReportResult {
  return {
    reportId: 'admissions',
    filter: { from: '2026-01-01', to: '2026-03-31', facilityId: null, nationality: null, sex: null, ageBand: null, regime: null, ...over },
    tables,
    internal: true,
    asOf: '2026-04-01T08:00:00.000Z',
  };
}

/** RFC 4180: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The counts a reader of a published table sees: a number, or hidden. */
export type Seen = number | 'hidden' | 'none';

/**
 * A published table read back as a grid of body rows (the last row and column are the totals when the
 * table publishes them): what the reader has to work with.
 */
export function seen(texts: string[][], marker: string): Seen[][] {
  return texts.map((r) => r.map((t) => (t === marker ? 'hidden' : t === '–' || t === '' ? 'none' : Number(t))));
}
