import { SUPPRESSED, suppressTable, type Published } from '../suppression';
import type { ReportTable } from './model';

/**
 * What a published output (CSV, XLSX, the statistical annex) may show of a report table (issue #16 §4,
 * docs/suppression.md). Pure: the exports call it on the console's exact table and render only what it
 * returns, so nothing exact can slip into a file by another path.
 *
 * - Counts whose rows and columns add up (`totals: true`): suppressTable, with the true row, column and
 *   grand totals and complementary suppression, so no hidden count follows from the totals.
 * - Counts that do not add up (a person in two columns): every count in 1..threshold-1 is hidden on its
 *   own and no totals are published. Without published totals there is nothing to subtract from.
 * - Measures (hours, days, percent): a measure resting on a count (`basis`) in 1..threshold-1 is
 *   hidden; one resting on nobody (basis 0) is published as null (nothing to measure). A measure table
 *   without a basis is published blind: every non-null measure hidden, as we cannot tell what it rests on.
 *
 * Which hidden numbers are small (primary) and which were hidden to protect them (complementary) is not
 * part of the result: publishing it would undo the complementary suppression.
 */

export type PublishedCell = Published | null;

export interface PublishedTotals {
  /** one per row: the row's total */
  rows: Published[];
  /** one per column: the column's total */
  columns: Published[];
  grand: Published;
}

export interface PublishedTable extends Pick<ReportTable, 'id' | 'titleKey' | 'descriptionKey' | 'rowHeaderKey' | 'measure' | 'rows' | 'columns'> {
  /** counts in 1..threshold-1 are hidden */
  threshold: number;
  /** rows × columns: a number, `'suppressed'`, or null where there is nothing to measure */
  cells: PublishedCell[][];
  /** the true totals, suppressed where needed; null when the table's rows and columns do not add up or it is a measure */
  totals: PublishedTotals | null;
}

const small = (n: number, threshold: number): boolean => n >= 1 && n < threshold;

export function publishTable(t: ReportTable, threshold: number): PublishedTable {
  if (!Number.isInteger(threshold) || threshold < 1) throw new Error(`publishTable: threshold must be a positive integer, got ${threshold}`);
  const head = {
    id: t.id,
    titleKey: t.titleKey,
    descriptionKey: t.descriptionKey,
    rowHeaderKey: t.rowHeaderKey,
    measure: t.measure,
    rows: t.rows,
    columns: t.columns,
    threshold,
  };
  const at = (i: number, j: number): number | null => t.cells[i]?.[j] ?? null;
  const grid = <T>(f: (i: number, j: number) => T): T[][] => t.rows.map((_, i) => t.columns.map((_, j) => f(i, j)));

  if (t.measure === 'count') {
    if (t.totals) {
      // No rows or no columns: every total is 0 (suppressTable cannot tell how many columns an empty table has).
      if (t.rows.length === 0 || t.columns.length === 0) {
        return { ...head, cells: grid(() => null), totals: { rows: t.rows.map(() => 0), columns: t.columns.map(() => 0), grand: 0 } };
      }
      // A count table's null means nobody: it adds 0 to the totals and is shown as it was.
      const counts = grid((i, j) => at(i, j) ?? 0);
      const s = suppressTable(counts, threshold);
      return {
        ...head,
        cells: grid((i, j) => (at(i, j) === null ? null : s.cells[i]![j]!)),
        totals: { rows: s.rowTotals, columns: s.columnTotals, grand: s.grandTotal },
      };
    }
    return { ...head, cells: grid((i, j) => hideSmall(at(i, j), threshold)), totals: null };
  }

  const basis = t.basis;
  return {
    ...head,
    cells: grid((i, j) => {
      const value = at(i, j);
      if (basis === null) return value === null ? null : SUPPRESSED;
      const b = basis[i]?.[j] ?? 0;
      if (b === 0) return null;
      if (small(b, threshold)) return SUPPRESSED;
      return value;
    }),
    totals: null,
  };
}

function hideSmall(n: number | null, threshold: number): PublishedCell {
  if (n === null) return null;
  return small(n, threshold) ? SUPPRESSED : n;
}
