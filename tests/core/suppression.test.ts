import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  listMaskOf,
  maskOf,
  recoverableCells,
  recoverableListEntries,
  SUPPRESSED,
  suppressList,
  suppressTable,
  type Position,
  type Published,
  type SuppressedTable,
  type SuppressionMask,
} from '../../core/suppression';

/**
 * docs/domain.md §6 (HQ reports: small-cell suppression below 5), issue #16 §4: no published count is in
 * 1–4, and no hidden count can be derived from the totals. Besides the module's own audit, two
 * independent oracles: Gaussian elimination over the row and column equations (is a hidden number fixed
 * by linear algebra?) and, for tiny tables, enumeration of the integer fillings of the hidden numbers
 * that every published number accepts.
 */

const S = SUPPRESSED;
type Table = number[][];

// --- the extended table: cells, row totals as an extra column, column totals and the grand total as an extra row

interface Extended {
  /** (m+1) × (n+1): the cells, each row ended by its total, and a last row of column totals ended by the grand total */
  values: number[][];
  hidden: boolean[][];
}

function extended(table: Table, mask: SuppressionMask): Extended {
  const m = table.length;
  const n = table[0]?.length ?? 0;
  const rowTotals = table.map((row) => row.reduce((s, c) => s + c, 0));
  const columnTotals = Array.from({ length: n }, (_, j) => table.reduce((s, row) => s + row[j]!, 0));
  const grand = rowTotals.reduce((s, c) => s + c, 0);
  return {
    values: [...table.map((row, i) => [...row, rowTotals[i]!]), [...columnTotals, grand]],
    hidden: [...Array.from({ length: m }, (_, i) => [...mask.cells[i]!, mask.rowTotals[i]!]), [...mask.columnTotals, mask.grandTotal]],
  };
}

const position = (i: number, j: number, m: number, n: number): Position => ({ row: i === m ? 'total' : i, column: j === n ? 'total' : j });
const key = (p: Position): string => `${p.row}/${p.column}`;
const keys = (ps: readonly Position[]): string[] => ps.map(key).sort();

function publishedOf(t: SuppressedTable): Published[][] {
  return [...t.cells.map((row, i) => [...row, t.rowTotals[i]!]), [...t.columnTotals, t.grandTotal]];
}

/**
 * Oracle 1: the hidden numbers fixed by the equations alone (every row of the extended table sums to its
 * last entry, every column to its last entry), by fraction-free Gaussian elimination: a hidden number is
 * fixed iff its variable is a pivot whose reduced row has no free variable in it.
 */
function fixedByLinearAlgebra(table: Table, mask: SuppressionMask): Position[] {
  const { hidden } = extended(table, mask);
  const m = table.length;
  const n = table[0]?.length ?? 0;
  const vars: [number, number][] = [];
  hidden.forEach((row, i) => row.forEach((h, j) => h && vars.push([i, j])));
  const index = new Map(vars.map(([i, j], v) => [`${i}/${j}`, v]));
  const equations: number[][] = [];
  const coefficient = (i: number, j: number, last: boolean): [number, number] | null => {
    const v = index.get(`${i}/${j}`);
    return v === undefined ? null : [v, last ? -1 : 1];
  };
  for (let i = 0; i <= m; i++) {
    const eq = new Array<number>(vars.length).fill(0);
    for (let j = 0; j <= n; j++) {
      const c = coefficient(i, j, j === n);
      if (c) eq[c[0]] = c[1];
    }
    equations.push(eq);
  }
  for (let j = 0; j <= n; j++) {
    const eq = new Array<number>(vars.length).fill(0);
    for (let i = 0; i <= m; i++) {
      const c = coefficient(i, j, i === m);
      if (c) eq[c[0]] = c[1];
    }
    equations.push(eq);
  }
  const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));
  const pivotRowOf = new Map<number, number>();
  const used = new Set<number>();
  for (let c = 0; c < vars.length; c++) {
    const r = equations.findIndex((eq, k) => !used.has(k) && eq[c] !== 0);
    if (r === -1) continue;
    used.add(r);
    pivotRowOf.set(c, r);
    const p = equations[r]!;
    equations.forEach((eq, s) => {
      if (s === r || eq[c] === 0) return;
      const f = eq[c]!;
      const next = eq.map((x, k) => x * p[c]! - p[k]! * f);
      const g = next.reduce((a, x) => gcd(a, x), 0) || 1;
      equations[s] = next.map((x) => x / g);
    });
  }
  const free = new Set(vars.map((_, c) => c).filter((c) => !pivotRowOf.has(c)));
  return vars.flatMap(([i, j], c) => {
    const r = pivotRowOf.get(c);
    if (r === undefined) return [];
    return [...free].every((f) => equations[r]![f] === 0) ? [position(i, j, m, n)] : [];
  });
}

/**
 * Oracle 2, for tiny tables: every integer filling of the hidden cells within `window` of the true
 * counts (each hidden number at least `floor`) that gives every published total and cell; for each hidden
 * number of the extended table, the values it takes. A window can only miss fillings, so two values found
 * prove protection, and a value found besides the true one disproves "recoverable".
 */
function fillings(table: Table, mask: SuppressionMask, floor: number, window: number): Map<string, Set<number>> {
  const { values, hidden } = extended(table, mask);
  const m = table.length;
  const n = table[0]?.length ?? 0;
  const seen = new Map<string, Set<number>>();
  hidden.forEach((row, i) => row.forEach((h, j) => h && seen.set(key(position(i, j, m, n)), new Set())));
  const cells: [number, number][] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (hidden[i]![j]) cells.push([i, j]);
  const filled = table.map((row) => [...row]);
  const fits = (want: number, got: number, isHidden: boolean): boolean => (isHidden ? got >= floor : got === want);
  const check = (): void => {
    const rowTotals = filled.map((row) => row.reduce((s, c) => s + c, 0));
    const columnTotals = Array.from({ length: n }, (_, j) => filled.reduce((s, row) => s + row[j]!, 0));
    const grand = rowTotals.reduce((s, c) => s + c, 0);
    const ext = [...filled.map((row, i) => [...row, rowTotals[i]!]), [...columnTotals, grand]];
    for (let i = 0; i <= m; i++) for (let j = 0; j <= n; j++) if ((i === m || j === n) && !fits(values[i]![j]!, ext[i]![j]!, hidden[i]![j]!)) return;
    for (let i = 0; i <= m; i++) for (let j = 0; j <= n; j++) if (hidden[i]![j]) seen.get(key(position(i, j, m, n)))!.add(ext[i]![j]!);
  };
  const go = (k: number): void => {
    if (k === cells.length) return check();
    const [i, j] = cells[k]!;
    const truth = table[i]![j]!;
    for (let v = Math.max(floor, truth - window); v <= truth + window; v++) {
      filled[i]![j] = v;
      go(k + 1);
    }
    filled[i]![j] = truth;
  };
  go(0);
  return seen;
}

const fromRows = (cells: boolean[][]): SuppressionMask => {
  const ext = cells;
  const m = ext.length - 1;
  const n = ext[0]!.length - 1;
  return {
    cells: ext.slice(0, m).map((row) => row.slice(0, n)),
    rowTotals: ext.slice(0, m).map((row) => row[n]!),
    columnTotals: ext[m]!.slice(0, n),
    grandTotal: ext[m]![n]!,
  };
};

/** The hidden numbers of each row and column of the extended table (cells and totals). */
function hiddenPerLine(t: SuppressedTable): number[] {
  const p = publishedOf(t);
  const rows = p.map((row) => row.filter((x) => x === S).length);
  const columns = p[0]!.map((_, j) => p.filter((row) => row[j] === S).length);
  return [...rows, ...columns];
}

const everyNumber = (t: SuppressedTable): Published[] => publishedOf(t).flat();

const countArb = (max: number) => fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: max }));
const tableArb = (maxSide: number, maxCount: number): fc.Arbitrary<Table> =>
  fc
    .tuple(fc.integer({ min: 1, max: maxSide }), fc.integer({ min: 1, max: maxSide }))
    .chain(([m, n]) => fc.array(fc.array(countArb(maxCount), { minLength: n, maxLength: n }), { minLength: m, maxLength: m }));

const byNationality = [
  [41, 17, 3, 22],
  [12, 9, 14, 30],
  [25, 11, 19, 8],
];

describe('a published table', () => {
  it('no published cell or total is between 1 and 4', () => {
    const t = suppressTable([
      [1, 12, 30, 4],
      [8, 2, 15, 9],
      [20, 7, 3, 11],
    ]);
    for (const x of everyNumber(t)) if (x !== S) expect(x < 1 || x > 4, `published ${x}`).toBe(true);
    expect(keys(t.primary)).toEqual(
      keys([
        { row: 0, column: 0 },
        { row: 0, column: 3 },
        { row: 1, column: 1 },
        { row: 2, column: 2 },
      ]),
    );
  });

  it('a lone small cell in a row is joined by a second suppression, so the row total does not give it away', () => {
    const t = suppressTable(byNationality);
    expect(t.primary).toEqual([{ row: 0, column: 2 }]);
    // the cheapest rectangle through the 3: the 17 beside it in its row, the 14 below it in its column, closed by the 9
    expect(t.cells).toEqual([
      [41, S, S, 22],
      [12, S, S, 30],
      [25, 11, 19, 8],
    ]);
    expect(t.rowTotals).toEqual([83, 65, 63]);
    expect(t.columnTotals).toEqual([78, 37, 36, 60]);
    expect(t.grandTotal).toBe(211);
    expect(keys(t.complementary)).toEqual(
      keys([
        { row: 0, column: 1 },
        { row: 1, column: 1 },
        { row: 1, column: 2 },
      ]),
    );
    expect(hiddenPerLine(t)).toEqual([2, 2, 0, 0, 0, 2, 2, 0, 0]);
  });

  it('a row total of 83 with 41 and 22 published leaves 20 for the two hidden cells together, not either alone', () => {
    const t = suppressTable(byNationality);
    expect(recoverableCells(byNationality, maskOf(t))).toEqual([]);
    const found = fillings(byNationality, maskOf(t), 1, 2).get('0/2')!;
    expect([...found].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('published numbers are the true counts and totals; only hidden ones are replaced', () => {
    const t = suppressTable(byNationality);
    const truth = extended(byNationality, maskOf(t)).values;
    publishedOf(t).forEach((row, i) => row.forEach((x, j) => x !== S && expect(x).toBe(truth[i]![j])));
  });

  it('a 0 is not sensitive: it is published as 0 and never hidden, even beside a small count', () => {
    const table = [
      [3, 0, 0, 10],
      [5, 6, 7, 8],
    ];
    const t = suppressTable(table);
    expect(t.cells[0]![1]).toBe(0);
    expect(t.cells[0]![2]).toBe(0);
    expect(t.cells).toEqual([
      [S, 0, 0, S],
      [S, 6, 7, S],
    ]);
    expect(recoverableCells(table, maskOf(t))).toEqual([]);
  });

  it('a small row total is hidden with its cells, and the other totals do not give it away by subtraction', () => {
    const table = [
      [3, 0, 0],
      [20, 15, 9],
      [11, 25, 14],
    ];
    const t = suppressTable(table);
    expect(t.rowTotals[0]).toBe(S);
    expect(t.cells[0]).toEqual([S, 0, 0]);
    // the grand total minus the other row totals would give row 0's total: a second row total is hidden
    expect(t.rowTotals.filter((x) => x === S).length).toBeGreaterThanOrEqual(2);
    expect(recoverableCells(table, maskOf(t))).toEqual([]);
    expect(fixedByLinearAlgebra(table, maskOf(t))).toEqual([]);
  });

  it('a small grand total hides everything that is not 0', () => {
    const table = [
      [1, 0],
      [0, 2],
    ];
    const t = suppressTable(table);
    expect(publishedOf(t)).toEqual([
      [S, 0, S],
      [0, S, S],
      [S, S, S],
    ]);
    expect(recoverableCells(table, maskOf(t))).toEqual([]);
  });

  it('a table of all zeros is published whole', () => {
    const t = suppressTable([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(publishedOf(t)).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect([...t.primary, ...t.complementary]).toEqual([]);
  });

  it('a table with no rows has a grand total of 0 and nothing to hide', () => {
    expect(suppressTable([])).toEqual({ threshold: 5, cells: [], rowTotals: [], columnTotals: [], grandTotal: 0, primary: [], complementary: [] });
  });

  it('a single column with its total hides the small count and the smallest other one that keeps it hidden', () => {
    const table = [[3], [20], [15], [0]];
    const t = suppressTable(table);
    expect(t.cells).toEqual([[S], [20], [S], [0]]);
    expect(t.columnTotals).toEqual([38]);
    expect(recoverableCells(table, maskOf(t))).toEqual([]);
  });

  it('the threshold is a parameter: with 10, counts up to 9 are hidden; with 1, nothing is', () => {
    const at10 = suppressTable(byNationality, 10);
    for (const x of everyNumber(at10)) if (x !== S) expect(x === 0 || x >= 10, `published ${x}`).toBe(true);
    expect(keys(at10.primary)).toEqual(
      keys([
        { row: 0, column: 2 },
        { row: 1, column: 1 },
        { row: 2, column: 3 },
      ]),
    );
    expect(suppressTable(byNationality, 1).cells).toEqual(byNationality);
  });

  it('the same counts always get the same suppressions', () => {
    const table = [
      [2, 9, 14, 6],
      [7, 3, 22, 18],
      [16, 12, 1, 5],
    ];
    expect(suppressTable(table)).toEqual(suppressTable(table.map((row) => [...row])));
  });

  it('refuses what is not a table of counts', () => {
    expect(() => suppressTable([[1, -2]])).toThrow(RangeError);
    expect(() => suppressTable([[1.5]])).toThrow(RangeError);
    expect(() => suppressTable([[1, 2], [3]])).toThrow(RangeError);
    expect(() => suppressTable([[1]], 0)).toThrow(RangeError);
    expect(() => suppressList([Number.NaN])).toThrow(RangeError);
  });
});

describe('the audit of hidden numbers', () => {
  it('finds a lone hidden cell, which its row total gives away', () => {
    const mask = fromRows([
      [false, false, true, false, false],
      [false, false, false, false, false],
      [false, false, false, false, false],
      [false, false, false, false, false],
    ]);
    expect(recoverableCells(byNationality, mask)).toEqual([{ row: 0, column: 2 }]);
    expect(fixedByLinearAlgebra(byNationality, mask)).toEqual([{ row: 0, column: 2 }]);
  });

  it('two hidden cells in every row and column are not enough: a cell joining two hidden rectangles follows from the totals', () => {
    const table = [
      [7, 8, 9, 6],
      [6, 7, 8, 9],
      [9, 6, 7, 8],
      [8, 9, 6, 7],
    ];
    const mask: SuppressionMask = {
      cells: [
        [true, true, false, false],
        [true, true, true, false],
        [false, false, true, true],
        [false, false, true, true],
      ],
      rowTotals: [false, false, false, false],
      columnTotals: [false, false, false, false],
      grandTotal: false,
    };
    // rows 0–1 against columns 0–1: their totals differ by exactly the one hidden cell that crosses over
    expect(recoverableCells(table, mask)).toEqual([{ row: 1, column: 2 }]);
    expect(fixedByLinearAlgebra(table, mask)).toEqual([{ row: 1, column: 2 }]);
  });

  it('a reader who knows hidden counts are at least 1 reads two hidden 1s that share a published row total', () => {
    const table = [
      [1, 1, 10],
      [6, 7, 8],
    ];
    const mask = fromRows([
      [true, true, false, false],
      [true, true, false, false],
      [false, false, false, false],
    ]);
    // the sums alone allow moving a unit round the rectangle, but either way one of the 1s would become 0,
    // and a hidden count is never 0
    expect(fixedByLinearAlgebra(table, mask)).toEqual([]);
    expect(keys(recoverableCells(table, mask))).toEqual(
      keys([
        { row: 0, column: 0 },
        { row: 0, column: 1 },
        { row: 1, column: 0 },
        { row: 1, column: 1 },
      ]),
    );
    for (const values of fillings(table, mask, 1, 3).values()) expect(values.size).toBe(1);
  });

  it('agrees with enumeration of fillings on tiny tables under any pattern of hidden numbers', () => {
    const case_ = tableArb(3, 6).chain((table) =>
      fc.record({
        table: fc.constant(table),
        hidden: fc.array(fc.array(fc.boolean(), { minLength: table[0]!.length + 1, maxLength: table[0]!.length + 1 }), { minLength: table.length + 1, maxLength: table.length + 1 }),
      }),
    );
    fc.assert(
      fc.property(case_, ({ table, hidden }) => {
        const mask = fromRows(hidden);
        const floor = extended(table, mask).values.some((row, i) => row.some((v, j) => hidden[i]![j] && v === 0)) ? 0 : 1;
        if (hidden.flat().filter(Boolean).length > 7) return;
        const found = fillings(table, mask, floor, 2);
        const fixed = [...found].filter(([, values]) => values.size < 2).map(([k]) => k);
        expect(keys(recoverableCells(table, mask))).toEqual(fixed.sort());
        // what linear algebra alone fixes is recoverable whatever the bounds
        for (const p of fixedByLinearAlgebra(table, mask)) expect(fixed).toContain(key(p));
      }),
      { numRuns: 300, seed: 16_2026 },
    );
  });
});

describe('no suppressed cell can be derived from the published totals', () => {
  it('for random tables up to 6 × 6 with counts up to 30, at thresholds 3, 5 and 10', () => {
    fc.assert(
      fc.property(tableArb(6, 30), fc.constantFrom(3, 5, 10), (table, threshold) => {
        const t = suppressTable(table, threshold);
        const mask = maskOf(t);
        const truth = extended(table, mask).values;
        publishedOf(t).forEach((row, i) =>
          row.forEach((x, j) => {
            const v = truth[i]![j]!;
            if (x === S) expect(v, 'a 0 is never hidden').toBeGreaterThan(0);
            else expect(x).toBe(v);
            if (v >= 1 && v < threshold) expect(x, `a count of ${v} is published`).toBe(S);
          }),
        );
        for (const hiddenInLine of hiddenPerLine(t)) expect(hiddenInLine).not.toBe(1);
        expect(recoverableCells(table, mask)).toEqual([]);
        expect(fixedByLinearAlgebra(table, mask)).toEqual([]);
      }),
      { numRuns: 500, seed: 16_2026 },
    );
  });

  it('every hidden number of a tiny table has at least two fillings that fit every published number', () => {
    fc.assert(
      fc.property(tableArb(3, 8), (table) => {
        const t = suppressTable(table);
        const mask = maskOf(t);
        if (t.primary.length + t.complementary.length > 8) return;
        for (const [where, values] of fillings(table, mask, 1, 1)) expect(values.size, where).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 300, seed: 16_2026 },
    );
  });
});

describe('a published list (e.g. people by nationality)', () => {
  it('no published count is between 1 and 4, and a lone small count is joined by the smallest count that can hide it', () => {
    const l = suppressList([41, 3, 17, 0, 22, 9]);
    expect(l.counts).toEqual([41, S, 17, 0, 22, S]);
    expect(l.total).toBe(92);
    expect(l.primary).toEqual([1]);
    expect(l.complementary).toEqual([5]);
  });

  it('two hidden 1s beside a published total are joined by a third, or a reader would know both are 1', () => {
    expect(recoverableListEntries([1, 1, 10], { counts: [true, true, false], total: false })).toEqual([0, 1]);
    const l = suppressList([1, 1, 10]);
    expect(l.counts).toEqual([S, S, S]);
    expect(l.total).toBe(12);
    expect(recoverableListEntries([1, 1, 10], listMaskOf(l))).toEqual([]);
  });

  it('a list whose only non-zero count is small hides its total too', () => {
    const l = suppressList([0, 3, 0]);
    expect(l.counts).toEqual([0, S, 0]);
    expect(l.total).toBe(S);
    expect(recoverableListEntries([0, 3, 0], listMaskOf(l))).toEqual([]);
  });

  it('an empty list and a list of zeros are published whole', () => {
    expect(suppressList([])).toEqual({ threshold: 5, counts: [], total: 0, primary: [], complementary: [] });
    expect(suppressList([0, 0]).counts).toEqual([0, 0]);
  });

  it('no hidden count of a random list can be derived from its total', () => {
    fc.assert(
      fc.property(fc.array(countArb(30), { maxLength: 12 }), fc.constantFrom(3, 5, 10), (counts, threshold) => {
        const l = suppressList(counts, threshold);
        l.counts.forEach((x, i) => {
          if (x !== S) expect(x).toBe(counts[i]);
          else expect(counts[i]).toBeGreaterThan(0);
          if (counts[i]! >= 1 && counts[i]! < threshold) expect(x).toBe(S);
        });
        expect(recoverableListEntries(counts, listMaskOf(l))).toEqual([]);
        // the same list as a one-column table: its audit, and linear algebra, find nothing either
        if (counts.length === 0) return;
        const asColumn = counts.map((c) => [c]);
        const mask: SuppressionMask = { cells: l.counts.map((x) => [x === S]), rowTotals: l.counts.map((x) => x === S), columnTotals: [l.total === S], grandTotal: l.total === S };
        expect(recoverableCells(asColumn, mask)).toEqual([]);
        expect(fixedByLinearAlgebra(asColumn, mask)).toEqual([]);
      }),
      { numRuns: 500, seed: 16_2026 },
    );
  });
});
