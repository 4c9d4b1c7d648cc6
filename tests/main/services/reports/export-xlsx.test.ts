import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../../core/fields';
import type { ReportTable } from '../../../../core/reports/model';
import { recoverableCells } from '../../../../core/suppression';
import type { ExportInput } from '../../../../main/services/reports/export-types';
import { exportXlsx, sheetName } from '../../../../main/services/reports/export-xlsx';
import { admissionsBySex, hoursToDefender, result, vulnerabilitiesByFacility } from './report-fixtures';

/**
 * Issue #16 §3–§4: a report as an XLSX workbook, read back with exceljs as a ministry's spreadsheet would
 * open it: a Filters sheet first, a sheet per table with headers in the chosen language, counts as numbers,
 * no count from 1 to 4, hidden counts as "<5" that the totals do not give away, and the exporter on every
 * sheet.
 */

const exporter = 'Aysel Məmmədova (aysel)';

function input(language: Locale, over: Partial<ExportInput> = {}): ExportInput {
  const r = result([admissionsBySex, vulnerabilitiesByFacility, hoursToDefender]);
  return { result: r, tables: r.tables, language, threshold: 5, exportedBy: exporter, exportedAt: '2026-04-02T10:15:00.000Z', facilityName: null, timeZone: 'Asia/Baku', ...over };
}

async function open(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as plain values (row 1 first), without exceljs's leading empty slot. */
function values(sheet: ExcelJS.Worksheet): (string | number | null)[][] {
  const out: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const v = row.values as (ExcelJS.CellValue | undefined)[];
    out[n - 1] = Array.from({ length: Math.max(0, v.length - 1) }, (_, i) => {
      const c = v[i + 1];
      return c === undefined || c === null ? null : typeof c === 'number' || typeof c === 'string' ? c : String(c);
    });
  });
  return out;
}

/** The table on a sheet: the header row (the first whose first cell is the row header) and the rows under it. */
function tableOn(sheet: ExcelJS.Worksheet, rowHeader: string): { head: (string | number | null)[]; body: (string | number | null)[][] } {
  const rows = values(sheet);
  const at = rows.findIndex((r) => r?.[0] === rowHeader);
  expect(at, `header row on ${sheet.name}`).toBeGreaterThanOrEqual(0);
  return { head: rows[at]!, body: rows.slice(at + 1) };
}

describe('the XLSX export', () => {
  it('publishes counts as numbers, none from 1 to 4, hidden ones as "<5", with totals that give none away', async () => {
    const workbook = await open(await exportXlsx(input('en')));
    const sheet = workbook.getWorksheet('Admissions and exits')!;
    const { head, body } = tableOn(sheet, 'Nationality');
    expect(head).toEqual(['Nationality', 'Male', 'Female', 'Not known', 'Total']);
    expect(body.at(-1)![0]).toBe('Total');
    const cells = body.map((r) => r.slice(1));
    for (const c of cells.flat()) {
      if (typeof c === 'number') expect(c === 0 || c >= 5, `published ${c}`).toBe(true);
      else expect(c).toBe('<5');
    }
    expect(cells[0]![0]).toBe(120);
    expect(sheet.getCell(`B${sheet.rowCount - body.length + 1}`).type).toBe(ExcelJS.ValueType.Number);

    const m = admissionsBySex.rows.length;
    const n = admissionsBySex.columns.length;
    const hidden = cells.map((r) => r.map((c) => c === '<5'));
    const mask = {
      cells: hidden.slice(0, m).map((r) => r.slice(0, n)),
      rowTotals: hidden.slice(0, m).map((r) => r[n]!),
      columnTotals: hidden[m]!.slice(0, n),
      grandTotal: hidden[m]![n]!,
    };
    expect(mask.cells.flat().filter(Boolean).length).toBeGreaterThan(3);
    expect(recoverableCells(admissionsBySex.cells as number[][], mask)).toEqual([]);
  });

  it('publishes no totals where counts do not add up, and hides measures resting on few people', async () => {
    const workbook = await open(await exportXlsx(input('en')));
    const screening = tableOn(workbook.getWorksheet('Screening and referrals')!, 'Facility');
    expect(screening.head).toEqual(['Facility', 'Under 14', 'January 2026', 'Turkish', '+ other']);
    expect(screening.body).toEqual([
      ['Bakı mərkəzi', '<5', 12, 0, 7],
      ['=HYPERLINK("http://x","y")', '<5', 30, 5, '<5'],
    ]);
    // The facility's odd name is text, not a formula: exceljs would read a formula back as an object.
    expect(workbook.getWorksheet('Screening and referrals')!.getCell('A5').type).toBe(ExcelJS.ValueType.String);
    const hours = tableOn(workbook.getWorksheet('Safeguards')!, 'Facility');
    expect(hours.body).toEqual([
      ['Bakı mərkəzi', 5.5, 'n<5'],
      ['Şəki mərkəzi', 3, '–'],
    ]);
  });

  it('with a threshold of 10 hides 1 to 9 and says "<10"', async () => {
    const workbook = await open(await exportXlsx(input('en', { threshold: 10 })));
    for (const [name, rowHeader] of [
      ['Admissions and exits', 'Nationality'],
      ['Screening and referrals', 'Facility'],
    ] as const) {
      const cells = tableOn(workbook.getWorksheet(name)!, rowHeader).body.flatMap((r) => r.slice(1));
      expect(cells.filter((c) => typeof c === 'number' && c >= 1 && c <= 9)).toEqual([]);
      expect(cells).toContain('<10');
      expect(cells).not.toContain('<5');
    }
  });

  it.each([
    ['az', 'Filtrlər', 'Qəbul və çıxış', ['Vətəndaşlıq', 'Kişi', 'Qadın', 'Məlum deyil', 'Cəmi'], 'İxrac edən'],
    ['en', 'Filters', 'Admissions and exits', ['Nationality', 'Male', 'Female', 'Not known', 'Total'], 'Exported by'],
    ['ru', 'Фильтры', 'Поступление и выбытие', ['Гражданство', 'Мужской', 'Женский', 'Неизвестно', 'Итого'], 'Выгрузил(а)'],
  ] as const)('in %s, names the sheets and headers in that language', async (language, filters, first, head, exportedBy) => {
    const workbook = await open(await exportXlsx(input(language)));
    expect(workbook.worksheets[0]!.name).toBe(filters);
    expect(workbook.worksheets[1]!.name).toBe(first);
    expect(tableOn(workbook.worksheets[1]!, head[0]).head).toEqual([...head]);
    expect(values(workbook.worksheets[0]!)).toContainEqual([exportedBy, exporter]);
  });

  it('describes the export on the Filters sheet: the report, period, each filter, the threshold, who and when', async () => {
    const workbook = await open(
      await exportXlsx(
        input('en', { facilityName: 'Şəki mərkəzi', result: result([admissionsBySex], { nationality: 'STATELESS', sex: 'male', ageBand: 'under_14', regime: 'voluntary_protection' }) }),
      ),
    );
    const rows = values(workbook.getWorksheet('Filters')!);
    const fields = Object.fromEntries(rows.filter((r) => r?.length === 2).map((r) => [r[0], r[1]]));
    expect(fields).toMatchObject({
      Report: 'Admissions and exits',
      Period: 'January 1, 2026 – March 31, 2026',
      Facility: 'Şəki mərkəzi',
      Nationality: 'Stateless',
      Sex: 'Male',
      'Age band': 'Under 14',
      Regime: 'Voluntary placement of a refugee or asylum applicant',
      'Figures as of': 'April 1, 2026, 12:00 (Asia/Baku)',
      'Exported by': exporter,
      'Exported at': 'April 2, 2026, 14:15 (Asia/Baku)',
    });
    expect(String(fields['Small-cell suppression'])).toContain('Counts from 1 to 4 are shown as “<5”');
  });

  it('says who exported it and when, on every sheet and in the file’s properties', async () => {
    const workbook = await open(await exportXlsx(input('en')));
    expect(workbook.creator).toBe(exporter);
    expect(workbook.lastModifiedBy).toBe(exporter);
    expect(workbook.created.toISOString()).toBe('2026-04-02T10:15:00.000Z');
    expect(workbook.worksheets).toHaveLength(4);
    for (const sheet of workbook.worksheets) {
      expect(sheet.headerFooter.oddFooter).toContain('Exported by Aysel Məmmədova (aysel) at April 2, 2026, 14:15 (Asia/Baku) — counts below 5 suppressed');
    }
  });

  it('keeps the printed footer within Excel’s 255 characters for a long name, and a literal & as text', async () => {
    const long = `${'Nigar '.repeat(40)}& Co (nigar)`;
    const workbook = await open(await exportXlsx(input('en', { exportedBy: long })));
    const footer = workbook.worksheets[0]!.headerFooter.oddFooter!;
    expect(footer.length).toBeLessThanOrEqual(255);
    expect(footer).toMatch(/^&LExported by Nigar Nigar .*…&R&P \/ &N$/);
    const short = await open(await exportXlsx(input('en', { exportedBy: 'R&D (rd)' })));
    expect(short.worksheets[1]!.headerFooter.oddFooter).toContain('Exported by R&&D (rd) at');
    expect(short.creator).toBe('R&D (rd)');
  });

  it('names sheets within Excel’s rules: at most 31 characters, none of []:*?/\\, each once', async () => {
    const taken = new Set<string>();
    const names = [
      sheetName('Removals, voluntary departures and assisted returns by destination', taken),
      sheetName('Removals, voluntary departures and assisted returns by month', taken),
      sheetName('Rights: within the limit? [per cent] / facility \\ day*', taken),
      sheetName('filters', taken),
      sheetName('Filters', taken),
    ];
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);

    // Two tables with one title still make two sheets, and the workbook opens.
    const twin: ReportTable = { ...admissionsBySex, id: 'admissions.bySex.twin' };
    const workbook = await open(await exportXlsx(input('en', { tables: [admissionsBySex, twin] })));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Filters', 'Admissions and exits', 'Admissions and exits (2)']);
  });
});
