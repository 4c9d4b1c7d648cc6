import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReportTable } from '../../../core/reports/model';
import { publishTable, type PublishedTable } from '../../../core/reports/publish';
import { recoverableCells, SUPPRESSED, type SuppressionMask } from '../../../core/suppression';

/**
 * Issue #16 §4: what a published report (an export, the annex) may show of a table. No count in
 * 1..threshold-1 is published, no hidden count follows from the published totals (checked with the
 * suppression core's exact audit), measures resting on few people are hidden, and the published table
 * does not say which hidden numbers are the small ones.
 */

function countTable(cells: number[][], totals: boolean): ReportTable {
  return {
    id: 't',
    titleKey: 'reportExport.report.admissions',
    descriptionKey: 'reportExport.filters.title',
    rowHeaderKey: 'reportExport.field.nationality',
    chart: 'bar',
    measure: 'count',
    opensPeople: true,
    totals,
    rows: cells.map((_, i) => ({ key: `r${i}`, label: { kind: 'text', text: `row ${i}` } })),
    columns: (cells[0] ?? []).map((_, j) => ({ key: `c${j}`, label: { kind: 'text', text: `column ${j}` } })),
    cells,
    basis: null,
  };
}

/** Every number the table publishes: its cells and, if any, its totals. */
function publishedNumbers(p: PublishedTable): number[] {
  const all = [...p.cells.flat(), ...(p.totals ? [...p.totals.rows, ...p.totals.columns, p.totals.grand] : [])];
  return all.filter((v): v is number => typeof v === 'number');
}

const maskOfPublished = (p: PublishedTable): SuppressionMask => ({
  cells: p.cells.map((r) => r.map((c) => c === SUPPRESSED)),
  rowTotals: p.totals!.rows.map((c) => c === SUPPRESSED),
  columnTotals: p.totals!.columns.map((c) => c === SUPPRESSED),
  grandTotal: p.totals!.grand === SUPPRESSED,
});

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('publishing a table of counts that adds up', () => {
  const cells = [
    [120, 34, 2],
    [45, 3, 0],
    [17, 9, 1],
    [8, 6, 0],
  ];
  const published = publishTable(countTable(cells, true), 5);

  it('publishes no count from 1 to 4, cells or totals', () => {
    expect(publishedNumbers(published).filter((n) => n >= 1 && n <= 4)).toEqual([]);
    expect(published.cells[0]![2]).toBe(SUPPRESSED);
    expect(published.cells[1]![1]).toBe(SUPPRESSED);
    expect(published.cells[2]![2]).toBe(SUPPRESSED);
  });

  it('hides more than the small counts, so that none can be worked out from the totals', () => {
    const hidden = published.cells.flat().filter((c) => c === SUPPRESSED).length;
    expect(hidden).toBeGreaterThan(3);
    expect(recoverableCells(cells, maskOfPublished(published))).toEqual([]);
  });

  it('publishes the true totals and the other counts exactly, and 0 as 0', () => {
    const t = published.totals!;
    cells.forEach((row, i) => {
      if (t.rows[i] !== SUPPRESSED) expect(t.rows[i]).toBe(sum(row));
      row.forEach((c, j) => {
        if (published.cells[i]![j] !== SUPPRESSED) expect(published.cells[i]![j]).toBe(c);
      });
    });
    if (t.grand !== SUPPRESSED) expect(t.grand).toBe(sum(cells.flat()));
    expect(published.cells[1]![2]).toBe(0);
    expect(published.cells[0]![0]).toBe(120);
  });

  it('does not say which hidden counts are the small ones', () => {
    expect(Object.keys(published).sort()).toEqual(['cells', 'columns', 'descriptionKey', 'id', 'measure', 'rowHeaderKey', 'rows', 'threshold', 'titleKey', 'totals']);
    expect(JSON.stringify(published)).not.toMatch(/primary|complementary/);
  });

  it('with a threshold of 10 hides every count from 1 to 9, and still none can be recovered', () => {
    const p = publishTable(countTable(cells, true), 10);
    expect(publishedNumbers(p).filter((n) => n >= 1 && n <= 9)).toEqual([]);
    expect(p.cells[3]![0]).toBe(SUPPRESSED);
    expect(p.cells[2]![1]).toBe(SUPPRESSED);
    expect(recoverableCells(cells, maskOfPublished(p))).toEqual([]);
  });

  it('publishes a table nobody falls in with zero totals for each of its columns', () => {
    const none = { ...countTable([], true), columns: [0, 1, 2].map((j) => ({ key: `c${j}`, label: { kind: 'text' as const, text: `column ${j}` } })) };
    expect(publishTable(none, 5).totals).toEqual({ rows: [], columns: [0, 0, 0], grand: 0 });
  });

  it('holds for any table: nothing small published, nothing hidden recoverable', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((m) => fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 200 })), { minLength: 3, maxLength: 3 }), { minLength: m, maxLength: m })),
        fc.constantFrom(3, 5, 10),
        (table, threshold) => {
          const p = publishTable(countTable(table, true), threshold);
          expect(publishedNumbers(p).filter((n) => n >= 1 && n < threshold)).toEqual([]);
          expect(recoverableCells(table, maskOfPublished(p))).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('publishing counts that do not add up (a person in two columns)', () => {
  const cells = [
    [4, 12, 0, 7],
    [1, 30, 5, 2],
  ];

  it('hides each small count alone and publishes no totals', () => {
    const p = publishTable(countTable(cells, false), 5);
    expect(p.totals).toBeNull();
    expect(p.cells).toEqual([
      [SUPPRESSED, 12, 0, 7],
      [SUPPRESSED, 30, 5, SUPPRESSED],
    ]);
  });

  it('with a threshold of 10 hides 1 to 9', () => {
    expect(publishTable(countTable(cells, false), 10).cells).toEqual([
      [SUPPRESSED, 12, 0, SUPPRESSED],
      [SUPPRESSED, 30, SUPPRESSED, SUPPRESSED],
    ]);
  });
});

describe('publishing measures', () => {
  const hours: ReportTable = {
    ...countTable([], false),
    measure: 'hours',
    rows: [
      { key: 'a', label: { kind: 'facility', name: 'A' } },
      { key: 'b', label: { kind: 'facility', name: 'B' } },
    ],
    columns: [
      { key: 'median', label: { kind: 'text', text: 'median' } },
      { key: 'p90', label: { kind: 'text', text: 'p90' } },
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

  it('hides a measure resting on a small count, shows nothing where nobody was measured, and never totals', () => {
    const p = publishTable(hours, 5);
    expect(p.cells).toEqual([
      [5.5, SUPPRESSED],
      [3, null],
    ]);
    expect(p.totals).toBeNull();
  });

  it('hides a measure whose basis is under a threshold of 10 (12 people are enough, 3 are not)', () => {
    expect(
      publishTable(
        {
          ...hours,
          basis: [
            [9, 10],
            [12, 0],
          ],
        },
        10,
      ).cells,
    ).toEqual([
      [SUPPRESSED, 20.25],
      [3, null],
    ]);
  });

  it('hides every measure of a table that does not say what its measures rest on', () => {
    expect(publishTable({ ...hours, basis: null }, 5).cells).toEqual([
      [SUPPRESSED, SUPPRESSED],
      [SUPPRESSED, null],
    ]);
  });
});
