import type { ExportInput } from './export-types';
import { reportName } from './labels';
import { exportLines, NOTHING, tableGrid, watermark } from './layout';

/**
 * A report's tables as CSV (issue #16 §3), suppressed for publication: UTF-8 with a byte-order mark (so
 * a spreadsheet reads Azerbaijani and Russian right), RFC 4180 quoting and CRLF line ends. A header block
 * says what the file shows and who exported it when (the watermark); then each table, its row header and
 * column headers in the chosen language, its totals where published, a blank line between tables.
 *
 * Numbers are written plainly (12345, 12.5), not in the locale's form, so that a spreadsheet or a script
 * reads them as numbers whatever its own locale.
 */

const BOM = '\uFEFF';

/**
 * RFC 4180 quoting, and the formula-injection guard: a cell a spreadsheet would run as a formula (it
 * starts with = + - @, or a tab or carriage return that some spreadsheets skip first) is written with a
 * leading apostrophe. Names come from centres' records (a facility, a free-text label).
 */
export function csvField(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Numbers are ours, not a name: a negative one (never a count) is still a number, not a formula. */
const numberField = (n: number): string => String(n);

export function exportCsv(input: ExportInput): Buffer {
  const l = input.language;
  const lines: string[] = [];
  const row = (fields: string[]) => lines.push(fields.map(csvField).join(','));

  row([reportName(input.result.reportId, l)]);
  row([watermark(input)]);
  for (const [name, value] of exportLines(input)) row([name, value]);

  for (const table of input.tables) {
    const grid = tableGrid(table, input.threshold, l);
    lines.push('');
    row([grid.title]);
    row([grid.description]);
    if (grid.unit) row([grid.unit]);
    row(grid.head);
    for (const r of grid.rows)
      lines.push([csvField(r.head), ...r.cells.map((c) => (c.kind === 'number' ? numberField(c.value) : csvField(c.kind === 'suppressed' ? grid.marker : NOTHING)))].join(','));
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
