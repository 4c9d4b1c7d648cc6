/**
 * Small-cell suppression for published outputs (docs/domain.md §6: "HQ reports (aggregate; small-cell
 * suppression <5)"; issue #16 §4). Pure and I/O-free: exports and the statistical annex call it on the
 * exact counts and publish what it returns; the internal console keeps showing exact counts, marked
 * "internal". docs/suppression.md explains the choices; the short version:
 *
 * - A count in 1..threshold-1 is hidden (primary). A 0 is not sensitive and is always published as 0,
 *   and is never used as a complementary suppression either (so a reader may know every hidden count
 *   is at least 1; the audit below assumes exactly that reader).
 * - Totals are the true totals. A total in 1..threshold-1 is itself hidden (primary), as is every
 *   small cell in its row or column; we do not merge rows, which is the report's choice to make first.
 * - Complementary suppressions are added until no hidden number can be recovered exactly from the
 *   published totals, the published cells and the knowledge that every hidden count is at least 1.
 *
 * The model: a table with its margins is a network. Take one node per row, one for the row of column
 * totals, one per column and one for the column of row totals. Every published number is an edge: cell
 * (i, j) joins row i and column j, the total of row i joins row i and the column of row totals, the total
 * of column j joins the totals row and column j, the grand total joins the totals row and the totals
 * column. With the totals counted negatively (cells and the grand total positively) the numbers at every
 * node sum to zero, so the table is a circulation, and every way of changing hidden numbers while
 * keeping every published one is a circulation on the hidden edges. A hidden number can be changed iff
 * a cycle of hidden edges passes through it, respecting that a hidden number already at the floor (1)
 * may only go up. Because the network matrix is totally unimodular, "a real alternative exists" and
 * "an integer alternative differing by one exists" are the same condition (docs/suppression.md).
 */

/** docs/domain.md §6: counts below 5 are not published. A setting will supply it; this is the default. */
export const DEFAULT_SMALL_CELL_THRESHOLD = 5;

/** What a published output shows instead of a hidden count; the export renders it (e.g. "<5"). */
export const SUPPRESSED = 'suppressed' as const;
export type Published = number | typeof SUPPRESSED;

/** A number of a two-dimensional table: a cell, a row total (column 'total'), a column total (row 'total') or the grand total. */
export interface Position {
  row: number | 'total';
  column: number | 'total';
}

export interface SuppressedTable {
  threshold: number;
  cells: Published[][];
  rowTotals: Published[];
  columnTotals: Published[];
  grandTotal: Published;
  /**
   * Why each number is hidden. Internal only: publishing which hidden numbers are small would tell a
   * reader which ones are in 1..threshold-1 and undo the complementary suppression.
   */
  primary: Position[];
  complementary: Position[];
}

/** Which numbers of a table are hidden. */
export interface SuppressionMask {
  cells: boolean[][];
  rowTotals: boolean[];
  columnTotals: boolean[];
  grandTotal: boolean;
}

/** A number of a one-dimensional list (e.g. count by nationality): an entry, or the total. */
export type ListPosition = number | 'total';

export interface SuppressedList {
  threshold: number;
  counts: Published[];
  total: Published;
  /** internal only, as for tables */
  primary: ListPosition[];
  complementary: ListPosition[];
}

export interface ListMask {
  counts: boolean[];
  total: boolean;
}

/**
 * Hides the small counts of a rows × columns table and enough others that none can be recovered. The
 * totals are computed from the cells, so the published totals are the true ones.
 */
export function suppressTable(counts: readonly (readonly number[])[], threshold: number = DEFAULT_SMALL_CELL_THRESHOLD): SuppressedTable {
  checkThreshold(threshold);
  const net = tableNetwork(counts);
  const hidden = protect(net, threshold);
  const show = (e: number): Published => (hidden[e] ? SUPPRESSED : net.edges[e]!.value);
  const primary: Position[] = [];
  const complementary: Position[] = [];
  net.edges.forEach((edge, e) => {
    if (!hidden[e]) return;
    (isSmall(edge.value, threshold) ? primary : complementary).push(net.positions[e]!);
  });
  return {
    threshold,
    cells: net.cellEdge.map((row) => row.map(show)),
    rowTotals: net.rowTotalEdge.map(show),
    columnTotals: net.columnTotalEdge.map(show),
    grandTotal: show(net.grandTotalEdge),
    primary,
    complementary,
  };
}

/** Hides the small counts of a list with its total (e.g. detained people by nationality) and enough others that none can be recovered. */
export function suppressList(counts: readonly number[], threshold: number = DEFAULT_SMALL_CELL_THRESHOLD): SuppressedList {
  checkThreshold(threshold);
  const net = listNetwork(counts);
  const hidden = protect(net, threshold);
  const show = (e: number): Published => (hidden[e] ? SUPPRESSED : net.edges[e]!.value);
  const primary: ListPosition[] = [];
  const complementary: ListPosition[] = [];
  net.edges.forEach((edge, e) => {
    if (!hidden[e]) return;
    (isSmall(edge.value, threshold) ? primary : complementary).push(net.positions[e]!);
  });
  return { threshold, counts: net.countEdge.map(show), total: show(net.totalEdge), primary, complementary };
}

/** The hidden numbers of a suppressed table, as a mask for {@link recoverableCells}. */
export function maskOf(table: SuppressedTable): SuppressionMask {
  const hid = (p: Published): boolean => p === SUPPRESSED;
  return { cells: table.cells.map((row) => row.map(hid)), rowTotals: table.rowTotals.map(hid), columnTotals: table.columnTotals.map(hid), grandTotal: hid(table.grandTotal) };
}

export function listMaskOf(list: SuppressedList): ListMask {
  return { counts: list.counts.map((p) => p === SUPPRESSED), total: list.total === SUPPRESSED };
}

/**
 * The audit: every hidden number of `counts` (cells and totals, as `mask` hides them) whose exact value
 * follows from the numbers the mask leaves published, the row and column sums, and every count being
 * non-negative. When the mask hides no 0, a reader may also assume every hidden number is at least 1
 * (suppressTable never hides a 0), and the audit assumes that stronger reader. Empty means safe to publish.
 */
export function recoverableCells(counts: readonly (readonly number[])[], mask: SuppressionMask): Position[] {
  const net = tableNetwork(counts);
  const hidden = net.edges.map(() => false);
  const shape = (what: string, ok: boolean): void => {
    if (!ok) throw new RangeError(`suppression mask: ${what} does not match the table`);
  };
  shape('cells', mask.cells.length === net.cellEdge.length && mask.cells.every((row, i) => row.length === net.cellEdge[i]!.length));
  shape('row totals', mask.rowTotals.length === net.rowTotalEdge.length);
  shape('column totals', mask.columnTotals.length === net.columnTotalEdge.length);
  net.cellEdge.forEach((row, i) => row.forEach((e, j) => (hidden[e] = mask.cells[i]![j]!)));
  net.rowTotalEdge.forEach((e, i) => (hidden[e] = mask.rowTotals[i]!));
  net.columnTotalEdge.forEach((e, j) => (hidden[e] = mask.columnTotals[j]!));
  hidden[net.grandTotalEdge] = mask.grandTotal;
  return pinned(net, hidden, floorFor(net, hidden)).map((e) => net.positions[e]!);
}

/** The audit for lists, as {@link recoverableCells}. */
export function recoverableListEntries(counts: readonly number[], mask: ListMask): ListPosition[] {
  const net = listNetwork(counts);
  if (mask.counts.length !== counts.length) throw new RangeError('suppression mask: counts do not match the list');
  const hidden = [...mask.counts, mask.total];
  return pinned(net, hidden, floorFor(net, hidden)).map((e) => net.positions[e]!);
}

// --- the network --------------------------------------------------------------------------------

interface Edge {
  /** endpoints; the edge carries `sign * value` from `a` to `b`, and at every node what comes in equals what goes out */
  a: number;
  b: number;
  sign: 1 | -1;
  value: number;
  /** what hiding it costs the reader: totals cost more than any number of cells, the grand total more than any number of totals */
  weight: number;
}

interface Network<P> {
  nodes: number;
  edges: Edge[];
  positions: P[];
}

interface TableNetwork extends Network<Position> {
  cellEdge: number[][];
  rowTotalEdge: number[];
  columnTotalEdge: number[];
  grandTotalEdge: number;
}

interface ListNetwork extends Network<ListPosition> {
  countEdge: number[];
  totalEdge: number;
}

function checkCount(n: number, where: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`suppression: ${where} is ${n}, not a non-negative integer count`);
}

function checkThreshold(t: number): void {
  if (!Number.isSafeInteger(t) || t < 1) throw new RangeError(`suppression: the threshold is ${t}, not a positive integer`);
}

const isSmall = (value: number, threshold: number): boolean => value >= 1 && value < threshold;

function tableNetwork(counts: readonly (readonly number[])[]): TableNetwork {
  const m = counts.length;
  const n = counts[0]?.length ?? 0;
  counts.forEach((row, i) => {
    if (row.length !== n) throw new RangeError(`suppression: row ${i} has ${row.length} cells, row 0 has ${n}`);
    row.forEach((c, j) => checkCount(c, `cell (${i}, ${j})`));
  });
  const rowTotals = counts.map((row) => row.reduce((s, c) => s + c, 0));
  const columnTotals = Array.from({ length: n }, (_, j) => counts.reduce((s, row) => s + row[j]!, 0));
  const grand = rowTotals.reduce((s, c) => s + c, 0);
  // nodes: rows 0..m-1, the totals row m, columns m+1..m+n, the totals column m+n+1
  const totalsRow = m;
  const column = (j: number): number => m + 1 + j;
  const totalsColumn = m + n + 1;
  const cellCost = counts.reduce((s, row) => row.reduce((r, c) => r + c + 1, s), 0) + 1;
  const grandCost = cellCost * (m + n + 4);
  const edges: Edge[] = [];
  const positions: Position[] = [];
  const add = (edge: Edge, p: Position): number => {
    edges.push(edge);
    positions.push(p);
    return edges.length - 1;
  };
  const cellEdge = counts.map((row, i) => row.map((value, j) => add({ a: i, b: column(j), sign: 1, value, weight: value + 1 }, { row: i, column: j })));
  const rowTotalEdge = rowTotals.map((value, i) => add({ a: i, b: totalsColumn, sign: -1, value, weight: cellCost + value + 1 }, { row: i, column: 'total' }));
  const columnTotalEdge = columnTotals.map((value, j) => add({ a: totalsRow, b: column(j), sign: -1, value, weight: cellCost + value + 1 }, { row: 'total', column: j }));
  const grandTotalEdge = add({ a: totalsRow, b: totalsColumn, sign: 1, value: grand, weight: grandCost + grand + 1 }, { row: 'total', column: 'total' });
  return { nodes: m + n + 2, edges, positions, cellEdge, rowTotalEdge, columnTotalEdge, grandTotalEdge };
}

/**
 * A list is the one-row case: node 0 is the list (its entries sum to its total), node 1 closes the
 * circuit (its balance follows from node 0's, so it adds no knowledge).
 */
function listNetwork(counts: readonly number[]): ListNetwork {
  counts.forEach((c, i) => checkCount(c, `entry ${i}`));
  const total = counts.reduce((s, c) => s + c, 0);
  const cellCost = counts.reduce((s, c) => s + c + 1, 0) + 1;
  const edges: Edge[] = counts.map((value) => ({ a: 0, b: 1, sign: 1, value, weight: value + 1 }));
  const positions: ListPosition[] = counts.map((_, i) => i);
  edges.push({ a: 0, b: 1, sign: -1, value: total, weight: cellCost + total + 1 });
  positions.push('total');
  return { nodes: 2, edges, positions, countEdge: counts.map((_, i) => i), totalEdge: counts.length };
}

/** What a reader may assume of every hidden number: at least 1 when no 0 is hidden (a 0 is never hidden by us), else at least 0. */
function floorFor(net: Network<unknown>, hidden: readonly boolean[]): number {
  return net.edges.some((edge, e) => hidden[e] && edge.value === 0) ? 0 : 1;
}

// --- the audit and the repair -------------------------------------------------------------------

interface Arc {
  from: number;
  to: number;
  edge: number;
}

/**
 * The ways a number may move while staying possible: up always, down only if above the floor. Moving
 * edge e up changes what it carries by `sign`, i.e. pushes one unit a→b when sign is 1, b→a when -1.
 */
function arcsOf(edge: Edge, e: number, floor: number): Arc[] {
  const up: Arc = edge.sign === 1 ? { from: edge.a, to: edge.b, edge: e } : { from: edge.b, to: edge.a, edge: e };
  const down: Arc = { from: up.to, to: up.from, edge: e };
  return edge.value > floor ? [up, down] : [up];
}

function outgoing(net: Network<unknown>, usable: (e: number) => boolean, floor: number): Arc[][] {
  const out: Arc[][] = Array.from({ length: net.nodes }, () => []);
  net.edges.forEach((edge, e) => {
    if (usable(e)) for (const arc of arcsOf(edge, e, floor)) out[arc.from]!.push(arc);
  });
  return out;
}

/**
 * The hidden edges whose value is fixed by the published ones: no cycle of hidden edges, each moved in a
 * direction the floor allows, passes through them. (A cycle gives another filling, one unit away, that
 * every published number and the floor accept; conversely any other filling differs from the true one
 * by a circulation, which splits into such cycles.)
 */
function pinned(net: Network<unknown>, hidden: readonly boolean[], floor: number): number[] {
  const out = outgoing(net, (e) => hidden[e] === true, floor);
  return net.edges.flatMap((_, k) => (hidden[k] && isPinned(net, out, k, floor) ? [k] : []));
}

function isPinned(net: Network<unknown>, hiddenArcs: readonly Arc[][], k: number, floor: number): boolean {
  return !arcsOf(net.edges[k]!, k, floor).some((arc) => reaches(hiddenArcs, arc.to, arc.from, k));
}

function reaches(out: readonly Arc[][], from: number, to: number, without: number): boolean {
  const seen = new Set<number>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === to) return true;
    for (const arc of out[node]!) {
      if (arc.edge === without || seen.has(arc.to)) continue;
      seen.add(arc.to);
      queue.push(arc.to);
    }
  }
  return false;
}

/**
 * Primary suppression, then complementary: while the audit finds a hidden number it can recover, close
 * the cheapest cycle through it (already hidden edges cost nothing, a cell its value + 1, totals more
 * than any cells) and hide that cycle's edges. Hiding more never makes a protected number recoverable,
 * so each repair fixes one for good; the loop ends when the audit, run afresh, finds nothing.
 */
function protect(net: Network<unknown>, threshold: number): boolean[] {
  const hidden = net.edges.map((edge) => isSmall(edge.value, threshold));
  // never hidden: a 0, so a reader may assume every hidden number is at least 1
  const floor = 1;
  for (let fixed = pinned(net, hidden, floor); fixed.length > 0; fixed = pinned(net, hidden, floor)) {
    for (const k of fixed) {
      if (
        !isPinned(
          net,
          outgoing(net, (e) => hidden[e] === true, floor),
          k,
          floor,
        )
      )
        continue;
      const path = cheapestClosingPath(net, hidden, k, floor);
      // The table itself is a circulation on its non-zero numbers, so a cycle through k always exists.
      if (path === null) throw new Error('suppression: no cycle through a hidden number; the counts and totals disagree');
      for (const e of path) hidden[e] = true;
    }
  }
  return hidden;
}

function cheapestClosingPath(net: Network<unknown>, hidden: readonly boolean[], k: number, floor: number): number[] | null {
  const out = outgoing(net, (e) => e !== k && net.edges[e]!.value > 0, floor);
  const cost = (e: number): number => (hidden[e] ? 0 : net.edges[e]!.weight);
  let best: { cost: number; edges: number[] } | null = null;
  for (const arc of arcsOf(net.edges[k]!, k, floor)) {
    const found = dijkstra(out, cost, arc.to, arc.from, net.nodes);
    if (found !== null && (best === null || found.cost < best.cost)) best = found;
  }
  return best?.edges ?? null;
}

/** Deterministic: the closest unsettled node with the lowest number first, edges in table order. */
function dijkstra(out: readonly Arc[][], cost: (e: number) => number, from: number, to: number, nodes: number): { cost: number; edges: number[] } | null {
  const dist = new Array<number>(nodes).fill(Infinity);
  const via = new Array<Arc | null>(nodes).fill(null);
  const done = new Array<boolean>(nodes).fill(false);
  dist[from] = 0;
  for (;;) {
    let node = -1;
    for (let v = 0; v < nodes; v++) if (!done[v] && dist[v]! < Infinity && (node === -1 || dist[v]! < dist[node]!)) node = v;
    if (node === -1) return null;
    if (node === to) break;
    done[node] = true;
    for (const arc of out[node]!) {
      const d = dist[node]! + cost(arc.edge);
      if (d < dist[arc.to]!) {
        dist[arc.to] = d;
        via[arc.to] = arc;
      }
    }
  }
  const edges: number[] = [];
  for (let v = to; v !== from; v = via[v]!.from) edges.push(via[v]!.edge);
  return { cost: dist[to]!, edges };
}
