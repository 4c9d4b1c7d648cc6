import ExcelJS from 'exceljs';
import type { ExportInput } from './export-types';
import { message, reportName } from './labels';
import { exportLines, NOTHING, tableGrid, watermark, type GridCell } from './layout';

/**
 * A report's tables as an XLSX workbook (issue #16 §3), suppressed for publication: first a sheet
 * describing the export (report, period, each filter, the suppression rule, who exported and when), then
 * one sheet per table with its headers in the chosen language, counts as numeric cells, a suppressed
 * count as the text "<5" (from the threshold), and the totals row and column where published. Every
 * sheet carries the watermark (who, when, the threshold) in its printed header and footer.
 */

const SHEET_NAME_MAX = 31;

/**
 * Excel's rules for sheet names: at most 31 characters, none of [ ] : * ? / \, not starting or ending
 * with an apostrophe, unique without regard to case. Table titles are translated sentences, so they are
 * cleaned and, when two clash after shortening, numbered.
 */
export function sheetName(title: string, taken: Set<string>): string {
  const clean =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '') || 'Sheet';
  const chars = [...clean];
  let name = chars.slice(0, SHEET_NAME_MAX).join('').trim();
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
    const suffix = ` (${n})`;
    name =
      chars
        .slice(0, SHEET_NAME_MAX - suffix.length)
        .join('')
        .trim() + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Header and footer text is a small language of its own: & starts a code, so a literal & is doubled.
 * Excel refuses a header or footer longer than 255 characters (the file "needs repair"), so a long text
 * is shortened to `max` characters, codes included, with an ellipsis.
 */
function hf(text: string, max: number): string {
  const escaped = (s: string) => s.replace(/&/g, '&&');
  if (escaped(text).length <= max) return escaped(text);
  const chars = [...text];
  let n = Math.min(chars.length, max - 1);
  while (n > 0 && escaped(chars.slice(0, n).join('') + '…').length > max) n -= 1;
  return escaped(chars.slice(0, n).join('') + '…');
}

const HEADER_FOOTER_MAX = 255;

export async function exportXlsx(input: ExportInput): Promise<Buffer> {
  const l = input.language;
  const mark = watermark(input);
  const at = new Date(input.exportedAt);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = input.exportedBy;
  workbook.lastModifiedBy = input.exportedBy;
  workbook.created = at;
  workbook.modified = at;
  workbook.title = reportName(input.result.reportId, l);
  workbook.subject = mark;

  const headerFooter = {
    oddHeader: `&L${hf(workbook.title, HEADER_FOOTER_MAX - '&L'.length)}`,
    oddFooter: `&L${hf(mark, HEADER_FOOTER_MAX - '&L&R&P / &N'.length)}&R&P / &N`,
  };
  const taken = new Set<string>();

  const filters = workbook.addWorksheet(sheetName(message(l, 'reportExport.sheet.filters'), taken), { headerFooter });
  filters.columns = [{ width: 28 }, { width: 90 }];
  const title = filters.addRow([message(l, 'reportExport.filters.title')]);
  title.font = { bold: true, size: 13 };
  for (const [name, value] of exportLines(input)) {
    const row = filters.addRow([name, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }

  const grids = input.tables.map((t) => tableGrid(t, input.threshold, l));
  if (grids.length > 0) {
    filters.addRow([]);
    filters.addRow([message(l, 'reportExport.field.tables')]).font = { bold: true };
  }

  for (const grid of grids) {
    const name = sheetName(grid.title, taken);
    filters.addRow([name, grid.description]).getCell(2).alignment = { wrapText: true, vertical: 'top' };

    const sheet = workbook.addWorksheet(name, { headerFooter, views: [{ state: 'frozen', xSplit: 1, ySplit: grid.unit ? 4 : 3 }] });
    sheet.addRow([grid.title]).font = { bold: true, size: 13 };
    sheet.addRow([grid.description]);
    if (grid.unit) sheet.addRow([grid.unit]);
    const head = sheet.addRow(grid.head);
    head.font = { bold: true };
    head.eachCell((c) => {
      c.alignment = { wrapText: true, vertical: 'top' };
      c.border = { bottom: { style: 'thin' } };
    });
    for (const r of grid.rows) {
      const row = sheet.addRow([r.head, ...r.cells.map((c) => value(c, grid.marker))]);
      if (r.isTotal) {
        row.font = { bold: true };
        row.eachCell((c) => (c.border = { top: { style: 'thin' } }));
      }
      // Numbers right-aligned, and the "<5" and "–" texts beside them alike, so a column reads as one.
      for (let i = 2; i <= grid.head.length; i += 1) row.getCell(i).alignment = { horizontal: 'right' };
    }
    sheet.getColumn(1).width = Math.min(60, Math.max(16, ...grid.rows.map((r) => r.head.length + 2), (grid.head[0]?.length ?? 0) + 2));
    for (let i = 2; i <= grid.head.length; i += 1) sheet.getColumn(i).width = Math.min(30, Math.max(10, (grid.head[i - 1]?.length ?? 0) + 2));
  }

  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data);
}

/** A count is a number cell (sums and charts work on it); a hidden one is the marker text, never its value. */
function value(c: GridCell, marker: string): number | string {
  return c.kind === 'number' ? c.value : c.kind === 'suppressed' ? marker : NOTHING;
}
