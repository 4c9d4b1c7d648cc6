import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { AnnexInput } from './export-types';
import { formatNumber, formatRange, message, reportName } from './labels';
import { filterLines, NOTHING, tableGrid, thresholdRule, watermark, type GridCell, type TableGrid } from './layout';

/**
 * The periodic statistical annex (issue #16 §3): every report's tables for one period, suppressed for
 * publication, in the shape a ministry attaches to its answer to a UN mandate-holder. Landscape A4; a
 * title page part (title, period, facility scope, what the annex is, the suppression rule), then each
 * report with its tables as ruled tables. A table wider than the page is split into column groups, each
 * repeating the row names; a table longer than the page repeats its header row. Every page's footer
 * carries the watermark (who exported, when, the threshold) and "Page n of N". The PDF's metadata names
 * the annex (Title), the exporter (Author), the period (Subject) and the language (Keywords).
 *
 * DejaVu Sans is embedded (subset) because the standard PDF fonts have no ə, ğ, ı, ş nor Cyrillic.
 */

const require = createRequire(import.meta.url);

let fontFiles: { regular: string; bold: string } | null = null;

/** The fonts, found through the package so any working directory works; a missing file is said plainly. */
export function annexFonts(): { regular: string; bold: string } {
  if (fontFiles) return fontFiles;
  const regular = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  const bold = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
  for (const file of [regular, bold]) if (!existsSync(file)) throw new Error(`annex font missing: ${file} (npm install dejavu-fonts-ttf)`);
  fontFiles = { regular, bold };
  return fontFiles;
}

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Fonts are selected by their file, the key pdfkit caches them under. (A name given with registerFont
 * for the file the document opened with is not cached: pdfkit parsed the whole font again on every
 * switch, seconds for a large table.)
 */
function face(doc: Doc, bold: boolean): Doc {
  const f = annexFonts();
  return doc.font(bold ? f.bold : f.regular);
}

const MARGIN = 40;
/** room kept under the text for the footer */
const FOOTER_SPACE = 28;
const ROW_HEAD_MIN = 130;
const ROW_HEAD_MAX = 230;
const VALUE_WIDTH = 64;
const PAD = 3;
const BODY_SIZE = 8;

export async function annexPdf(input: AnnexInput): Promise<Buffer> {
  const l = input.language;
  const fonts = annexFonts();
  const period = formatRange(input.from, input.to, l);
  const scope = input.facilityName ?? message(l, 'reportExport.allFacilities');
  const title = message(l, 'reportExport.annex.title');
  const subtitle = message(l, 'reportExport.annex.subtitle', { period });
  const mark = watermark(input);
  const at = new Date(input.exportedAt);

  const doc: Doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    bufferPages: true,
    font: fonts.regular,
    lang: l,
    displayTitle: true,
    info: {
      Title: `${title} — ${period}`,
      Author: input.exportedBy,
      Subject: subtitle,
      Keywords: `${message(l, 'reportExport.keywords')}, ${l}`,
      Creator: 'Qeyd',
      CreationDate: at,
      ModDate: at,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - MARGIN * 2;
  face(doc, true).fontSize(18).text(title, { width });
  doc.moveDown(0.3);
  face(doc, false).fontSize(12).text(subtitle, { width });
  doc.text(message(l, 'reportExport.annex.scope', { scope }), { width });
  // The dimensions the analyst narrowed the figures to (nationality, sex, age band, regime), if any: an
  // annex of women only must say so. Period and facility are said above.
  const filter = input.results[0]?.filter;
  const all = message(l, 'reportExport.all');
  if (filter) for (const [name, value] of filterLines(filter, input.facilityName, l).slice(2)) if (value !== all) doc.text(`${name}: ${value}`, { width });
  doc.moveDown(0.8);
  doc.fontSize(10).text(message(l, 'reportExport.annex.intro', { period, scope }), { width });
  doc.moveDown(0.4);
  doc.text(thresholdRule(input.threshold, l), { width });
  doc.moveDown(0.4);
  doc.text(mark, { width });

  const reports = input.results.filter((r) => r.tables.length > 0);
  if (reports.length === 0) {
    doc.moveDown(1);
    doc.text(message(l, 'reportExport.annex.empty'), { width });
  }
  for (const result of reports) {
    ensureRoom(doc, 80);
    doc.moveDown(1.2);
    face(doc, true).fontSize(14).text(reportName(result.reportId, l), MARGIN, doc.y, { width });
    for (const table of result.tables) drawTable(doc, tableGrid(table, input.threshold, l), l);
  }

  // Footers last, when the number of pages is known. Writing below the bottom margin would start a new
  // page, so the margin is lifted while the footer is drawn.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 10;
    const pageText = message(l, 'reportExport.page', { page: i + 1, pages: range.count });
    face(doc, false).fontSize(7.5).fillColor('#333333');
    doc.text(mark, MARGIN, y, { width: width - 90, lineBreak: false, ellipsis: true });
    doc.text(pageText, MARGIN + width - 85, y, { width: 85, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

const bottomOf = (doc: Doc): number => doc.page.height - doc.page.margins.bottom;

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

function cellText(c: GridCell, locale: AnnexInput['language'], marker: string): string {
  return c.kind === 'number' ? formatNumber(c.value, locale) : c.kind === 'suppressed' ? marker : NOTHING;
}

/** One table, in as many column groups as the page width needs, each repeating the row names. */
function drawTable(doc: Doc, grid: TableGrid, locale: AnnexInput['language']): void {
  const width = doc.page.width - MARGIN * 2;
  face(doc, false).fontSize(BODY_SIZE);
  const longest = Math.max(doc.widthOfString(grid.head[0] ?? ''), ...grid.rows.map((r) => doc.widthOfString(r.head)));
  const rowHeadWidth = Math.min(ROW_HEAD_MAX, Math.max(ROW_HEAD_MIN, longest + PAD * 2 + 2));
  const perGroup = Math.max(1, Math.floor((width - rowHeadWidth) / VALUE_WIDTH));
  const valueCount = grid.head.length - 1;
  const groups: number[][] = [];
  for (let start = 0; start < Math.max(valueCount, 1); start += perGroup) {
    groups.push(Array.from({ length: Math.min(perGroup, valueCount - start) }, (_, k) => start + k));
  }

  groups.forEach((columns, g) => {
    const heading = g === 0 ? grid.title : message(locale, 'reportExport.annex.continued', { title: grid.title });
    face(doc, true).fontSize(10);
    const headingHeight = doc.heightOfString(heading, { width });
    face(doc, false).fontSize(BODY_SIZE);
    const descriptionHeight = g === 0 ? doc.heightOfString(grid.description, { width }) + (grid.unit ? doc.heightOfString(grid.unit, { width }) : 0) : 0;
    // Keep the heading with the header row and a first line of figures.
    ensureRoom(doc, 14 + headingHeight + descriptionHeight + 60);
    doc.y += 10;
    face(doc, true).fontSize(10).fillColor('black').text(heading, MARGIN, doc.y, { width });
    if (g === 0) {
      face(doc, false).fontSize(BODY_SIZE).text(grid.description, MARGIN, doc.y, { width });
      if (grid.unit) doc.text(grid.unit, MARGIN, doc.y, { width });
    }
    doc.y += 4;

    const widths = [rowHeadWidth, ...columns.map(() => VALUE_WIDTH)];
    const tableWidth = widths.reduce((a, b) => a + b, 0);
    const head = [grid.head[0] ?? '', ...columns.map((c) => grid.head[c + 1] ?? '')];
    const drawHead = () => drawRow(doc, head, widths, { bold: true, ruleBelow: 0.8 });
    drawHead();
    for (const row of grid.rows) {
      const texts = [row.head, ...columns.map((c) => cellText(row.cells[c] ?? { kind: 'none' }, locale, grid.marker))];
      const height = rowHeight(doc, texts, widths, row.isTotal);
      if (doc.y + height > bottomOf(doc)) {
        doc.addPage();
        drawHead();
      }
      if (row.isTotal) rule(doc, doc.y, tableWidth, 0.8);
      drawRow(doc, texts, widths, { bold: row.isTotal, ruleBelow: 0.25 });
    }
    doc.x = MARGIN;
  });
}

/**
 * Figures are short and sit on one line; only names and headings wrap. Measuring and wrapping every
 * figure made a 250 × 36 table take seconds, so a figure that fits is placed by its width alone.
 */
function fits(doc: Doc, text: string, width: number): boolean {
  return doc.widthOfString(text) <= width - PAD * 2;
}

function rowHeight(doc: Doc, texts: string[], widths: number[], bold: boolean): number {
  face(doc, bold).fontSize(BODY_SIZE);
  const line = doc.currentLineHeight(true);
  let height = line;
  texts.forEach((t, i) => {
    if (i === 0 || !fits(doc, t, widths[i]!)) height = Math.max(height, doc.heightOfString(t, { width: widths[i]! - PAD * 2 }));
  });
  return height + PAD * 2;
}

/** A row of cells from the left margin at doc.y: the first cell a name (left), the others figures or their headings (right). */
function drawRow(doc: Doc, texts: string[], widths: number[], o: { bold: boolean; ruleBelow: number }): void {
  const height = rowHeight(doc, texts, widths, o.bold);
  const top = doc.y;
  let x = MARGIN;
  doc.fillColor('black');
  texts.forEach((t, i) => {
    const w = widths[i]!;
    if (i > 0 && fits(doc, t, w)) doc.text(t, x + w - PAD - doc.widthOfString(t), top + PAD, { lineBreak: false });
    else doc.text(t, x + PAD, top + PAD, { width: w - PAD * 2, align: i > 0 ? 'right' : 'left' });
    x += w;
  });
  const bottom = top + height;
  rule(
    doc,
    bottom,
    widths.reduce((a, b) => a + b, 0),
    o.ruleBelow,
  );
  doc.x = MARGIN;
  doc.y = bottom;
}

function rule(doc: Doc, y: number, width: number, lineWidth: number): void {
  doc
    .save()
    .lineWidth(lineWidth)
    .strokeColor(lineWidth < 0.5 ? '#999999' : 'black')
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .stroke()
    .restore();
}
