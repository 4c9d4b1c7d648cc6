import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../../core/fields';
import { recoverableCells } from '../../../../core/suppression';
import { csvField, exportCsv } from '../../../../main/services/reports/export-csv';
import type { ExportInput } from '../../../../main/services/reports/export-types';
import { message } from '../../../../main/services/reports/labels';
import { admissionsBySex, hoursToDefender, parseCsv, result, seen, vulnerabilitiesByFacility, type Seen } from './report-fixtures';

/**
 * Issue #16 §3–§4: a report's tables as CSV. Read back as a spreadsheet would: no count from 1 to 4 leaves
 * HQ, no hidden count follows from the totals, headers are in the chosen language, the file says who
 * exported it and when, and nothing in it runs as a formula.
 */

const exporter = 'Aysel Məmmədova (aysel)';

function input(language: Locale, over: Partial<ExportInput> = {}): ExportInput {
  const r = result([admissionsBySex, vulnerabilitiesByFacility, hoursToDefender]);
  return { result: r, tables: r.tables, language, threshold: 5, exportedBy: exporter, exportedAt: '2026-04-02T10:15:00.000Z', facilityName: null, timeZone: 'Asia/Baku', ...over };
}

function read(buffer: Buffer): string[][] {
  expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(buffer.toString('utf8').slice(1));
}

/** A table read back: its header row and its body rows (the totals row last when published), found by its title. */
function tableAt(rows: string[][], title: string): { head: string[]; body: string[][] } {
  // Each table follows a blank line (the report's name also heads the file).
  const at = rows.findIndex((r, i) => r.length === 1 && r[0] === title && rows[i - 1]?.join('') === '');
  expect(at, `table "${title}"`).toBeGreaterThanOrEqual(0);
  let i = at + 2; // the title, then the description
  if (rows[i]!.length === 1) i += 1; // the unit of a measure
  const head = rows[i]!;
  const body: string[][] = [];
  for (i += 1; i < rows.length && rows[i]!.length > 1; i += 1) body.push(rows[i]!);
  return { head, body };
}

const numbers = (grid: Seen[][]): number[] => grid.flat().filter((v): v is number => typeof v === 'number');

describe('the CSV export', () => {
  it('publishes no count from 1 to 4, cells or totals, and marks hidden ones "<5"', () => {
    const rows = read(exportCsv(input('en')));
    for (const title of ['Admissions and exits', 'Screening and referrals']) {
      const { body } = tableAt(rows, title);
      const grid = seen(
        body.map((r) => r.slice(1)),
        '<5',
      );
      expect(numbers(grid).filter((n) => n >= 1 && n <= 4)).toEqual([]);
      expect(grid.flat()).toContain('hidden');
    }
  });

  it('hides enough that no hidden count can be worked out from the published totals', () => {
    const { head, body } = tableAt(read(exportCsv(input('en'))), 'Admissions and exits');
    expect(head.at(-1)).toBe('Total');
    expect(body.at(-1)![0]).toBe('Total');
    const grid = seen(
      body.map((r) => r.slice(1)),
      '<5',
    );
    const m = admissionsBySex.rows.length;
    const n = admissionsBySex.columns.length;
    const mask = {
      cells: grid.slice(0, m).map((r) => r.slice(0, n).map((c) => c === 'hidden')),
      rowTotals: grid.slice(0, m).map((r) => r[n] === 'hidden'),
      columnTotals: grid[m]!.slice(0, n).map((c) => c === 'hidden'),
      grandTotal: grid[m]![n] === 'hidden',
    };
    expect(recoverableCells(admissionsBySex.cells as number[][], mask)).toEqual([]);
    // What is published is exact: the true grand total and the large counts.
    expect(grid[m]![n]).toBe(249);
    expect(grid[0]![0]).toBe(120);
  });

  it('publishes no totals for counts that do not add up, and hides a measure resting on few people', () => {
    const rows = read(exportCsv(input('en')));
    const screening = tableAt(rows, 'Screening and referrals');
    expect(screening.head).not.toContain('Total');
    expect(screening.body.map((r) => r[0])).toEqual(['Bakı mərkəzi', `'=HYPERLINK("http://x","y")`]);
    const hours = tableAt(rows, 'Safeguards');
    expect(hours.body).toEqual([
      // "<5" under hours would read as "under five hours": a hidden measure says it rests on few people.
      ['Bakı mərkəzi', '5.5', 'n<5'],
      ['Şəki mərkəzi', '3', '–'],
    ]);
    expect(rows).toContainEqual(['Figures in hours.']);
  });

  it('with a threshold of 10 hides every count from 1 to 9 and says "<10"', () => {
    const rows = read(exportCsv(input('en', { threshold: 10 })));
    for (const title of ['Admissions and exits', 'Screening and referrals']) {
      const grid = seen(
        tableAt(rows, title).body.map((r) => r.slice(1)),
        '<10',
      );
      expect(numbers(grid).filter((n) => n >= 1 && n <= 9)).toEqual([]);
      expect(grid.flat()).toContain('hidden');
    }
    expect(rows.flat().some((f) => f === '<5')).toBe(false);
  });

  it.each([
    ['az', 'Vətəndaşlıq', ['Kişi', 'Qadın', 'Məlum deyil', 'Cəmi'], 'Gürcüstan', 'İxrac edən', 'Bütün müəssisələr'],
    ['en', 'Nationality', ['Male', 'Female', 'Not known', 'Total'], 'Georgia', 'Exported by', 'All facilities'],
    ['ru', 'Гражданство', ['Мужской', 'Женский', 'Неизвестно', 'Итого'], 'Грузия', 'Выгрузил(а)', 'Все учреждения'],
  ] as const)('in %s, names headers, rows and the export in that language', (language, rowHeader, columns, georgia, exportedBy, allFacilities) => {
    const rows = read(exportCsv(input(language)));
    const { head, body } = tableAt(rows, message(language, admissionsBySex.titleKey));
    expect(head).toEqual([rowHeader, ...columns]);
    expect(body.map((r) => r[0])).toContain(georgia);
    expect(rows).toContainEqual([exportedBy, exporter]);
    expect(rows.find((r) => r.length === 2 && r[1] === allFacilities)).toBeDefined();
  });

  it('begins with the watermark and the filters: who exported when, the period, each filter', () => {
    const rows = read(exportCsv(input('en', { facilityName: 'Bakı mərkəzi', result: result([admissionsBySex], { nationality: 'GEO', sex: 'female', ageBand: '18_34', regime: 'forced_court' }) })));
    expect(rows[1]![0]).toBe('Exported by Aysel Məmmədova (aysel) at April 2, 2026, 14:15 (Asia/Baku) — counts below 5 suppressed');
    const fields = Object.fromEntries(rows.filter((r) => r.length === 2).map((r) => [r[0], r[1]]));
    expect(fields).toMatchObject({
      Report: 'Admissions and exits',
      Period: 'January 1, 2026 – March 31, 2026',
      Facility: 'Bakı mərkəzi',
      Nationality: 'Georgia',
      Sex: 'Female',
      'Age band': '18–34',
      Regime: 'Forced placement by court decision',
      'Exported by': exporter,
      'Exported at': 'April 2, 2026, 14:15 (Asia/Baku)',
    });
    expect(fields['Small-cell suppression']).toContain('Counts from 1 to 4 are shown as “<5”');
    expect(fields['Small-cell suppression']).toContain('resting on fewer than 5 people is shown as “n<5”');
  });

  it('quotes as RFC 4180 says and keeps anything a spreadsheet would run as a formula as text', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+994')).toBe("'+994");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('Bakı')).toBe('Bakı');
    const rows = read(exportCsv(input('en', { exportedBy: '=cmd|calc (evil)' })));
    expect(rows).toContainEqual(['Exported by', "'=cmd|calc (evil)"]);
    // A column named by free text starting with "+" is guarded too; counts stay plain numbers.
    expect(tableAt(rows, 'Screening and referrals').head.at(-1)).toBe("'+ other");
    expect(rows.flat().filter((f) => /^[=+\-@]/.test(f))).toEqual([]);
  });
});
