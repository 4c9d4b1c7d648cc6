import { episodeCompliance, type EpisodeCompliance } from '../compliance';
import type { EpisodeFacts, Obligation } from '../due-now';
import type { OutcomeType, Regime } from '../episode';
import type { Settings } from '../settings';
import { addCalendarDays } from '../time';
import type { ReportExtras } from './extras';
import type { AgeBand, ReportFilter, ReportLabel, ReportTable } from './model';

/**
 * One episode as the national reports see it: the per-episode facts table the HQ console keeps up to
 * date as its feed ingests (issue #16 §5; main/services/reports/facts.ts), dimensions apart for filtering.
 */
export interface FactRow {
  episodeId: string;
  personId: string;
  /** HQ's id of the facility that admitted the person (its device recorded the episode first) */
  admittedFacility: string | null;
  /** where the person is, or was last held: the admitting facility, or the centre that received them by transfer */
  currentFacility: string | null;
  /** the first nationality on record, `STATELESS`, or `UNKNOWN` */
  nationality: string;
  sex: string;
  ageBand: AgeBand;
  regime: Regime | null;
  apprehendedAt: string;
  /** the facility's local day of the apprehension */
  apprehendedDay: string;
  closedAt: string | null;
  closedDay: string | null;
  outcome: OutcomeType | null;
  /** the state a removal sent the person to (ISO alpha-3) */
  destination: string | null;
  open: boolean;
  /** interpreters used during the episode: the language of each use */
  interpreterLanguages: readonly string[];
  facts: EpisodeFacts;
  /** the episode's obligations, computed from its facts when they were written (they do not depend on the time) */
  obligations: readonly Obligation[];
}

export interface ReportContext {
  filter: ReportFilter;
  /** every episode that passes the filter's dimensions (facility, nationality, sex, age band, regime), whatever its dates */
  rows: readonly FactRow[];
  facilities: readonly { facilityId: string; name: string }[];
  capacities: ReadonlyMap<string, number>;
  settings: Settings;
  now: number;
  /** the local day of an instant, in the console's time zone */
  dayOf: (instant: string) => string;
  extras: ReportExtras;
}

/** A computed table: the published shape plus, for counts of episodes, which episodes each cell counts. */
export interface ComputedTable extends ReportTable {
  members: string[][][] | null;
}

export type TableHead = Pick<ReportTable, 'id' | 'titleKey' | 'descriptionKey' | 'rowHeaderKey' | 'chart'>;

/** Whether a local day lies in the filter's period. */
export const inPeriod = (f: Pick<ReportFilter, 'from' | 'to'>, day: string | null): boolean => day !== null && day >= f.from && day <= f.to;

/**
 * A table of counts of episodes: each row gives the (row, column) cells it falls in. Rows and columns
 * keep the order given; `keepEmptyRows: false` drops rows nobody falls in (a nationality with no one).
 */
export function countTable(
  head: TableHead,
  rows: readonly { key: string; label: ReportLabel }[],
  columns: readonly { key: string; label: ReportLabel }[],
  facts: readonly FactRow[],
  cellsOf: (r: FactRow) => readonly (readonly [rowKey: string, columnKey: string])[],
  opts: { keepEmptyRows?: boolean; totals?: boolean; opensPeople?: boolean } = {},
): ComputedTable {
  const rowIndex = new Map(rows.map((r, i) => [r.key, i]));
  const colIndex = new Map(columns.map((c, i) => [c.key, i]));
  const members: string[][][] = rows.map(() => columns.map(() => []));
  for (const f of facts) {
    for (const [rk, ck] of cellsOf(f)) {
      const i = rowIndex.get(rk);
      const j = colIndex.get(ck);
      if (i !== undefined && j !== undefined) members[i]![j]!.push(f.episodeId);
    }
  }
  const keep = rows.map((_, i) => opts.keepEmptyRows !== false || members[i]!.some((m) => m.length > 0));
  const keptMembers = members.filter((_, i) => keep[i]);
  return {
    ...head,
    measure: 'count',
    opensPeople: opts.opensPeople ?? true,
    totals: opts.totals ?? true,
    rows: rows.filter((_, i) => keep[i]),
    columns: [...columns],
    cells: keptMembers.map((r) => r.map((m) => m.length)),
    basis: null,
    members: keptMembers,
  };
}

/** A table of counts of records that are not people (recommendations, inquiries): nothing to open. */
export function recordTable(
  head: TableHead,
  rows: readonly { key: string; label: ReportLabel }[],
  columns: readonly { key: string; label: ReportLabel }[],
  cells: number[][],
  totals = true,
): ComputedTable {
  return { ...head, measure: 'count', opensPeople: false, totals, rows: [...rows], columns: [...columns], cells, basis: null, members: null };
}

/** A table of measures (a median of hours, a percentage), each with the count it rests on. */
export function measureTable(
  head: TableHead,
  measure: 'hours' | 'days' | 'percent',
  rows: readonly { key: string; label: ReportLabel }[],
  columns: readonly { key: string; label: ReportLabel }[],
  cells: (number | null)[][],
  basis: number[][],
): ComputedTable {
  return { ...head, measure, opensPeople: false, totals: false, rows: [...rows], columns: [...columns], cells, basis, members: null };
}

export const message = (id: string): ReportLabel => ({ kind: 'message', id });

/** Labels for fixed keys: `report.<group>.<key>` message ids. */
export const keyed = (group: string, keys: readonly string[]) => keys.map((key) => ({ key, label: message(`report.${group}.${key}`) }));

/**
 * The buckets a period is drawn in: days up to a month, months up to three years, years beyond. Keys are
 * local days' prefixes, so a day's bucket is `day.slice(0, key.length)`.
 */
export function periodBuckets(f: Pick<ReportFilter, 'from' | 'to'>): { key: string; label: ReportLabel }[] {
  const days = Math.round((Date.parse(`${f.to}T00:00:00Z`) - Date.parse(`${f.from}T00:00:00Z`)) / 86_400_000) + 1;
  const width = days <= 31 ? 10 : days <= 3 * 366 ? 7 : 4;
  const out: { key: string; label: ReportLabel }[] = [];
  let day = f.from;
  while (day <= f.to) {
    const key = day.slice(0, width);
    if (out[out.length - 1]?.key !== key) out.push({ key, label: { kind: 'period', value: key } });
    day = width === 10 ? addCalendarDays(day, 1) : width === 7 ? `${nextMonth(day.slice(0, 7))}-01` : `${Number(day.slice(0, 4)) + 1}-01-01`;
  }
  return out;
}

function nextMonth(ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export const bucketOf = (buckets: readonly { key: string }[], day: string): string => day.slice(0, buckets[0]?.key.length ?? 10);

/** The facilities as rows, labelled by name. */
export const facilityRows = (ctx: ReportContext): { key: string; label: ReportLabel }[] => ctx.facilities.map((f) => ({ key: f.facilityId, label: { kind: 'facility', name: f.name } }));

/** Strips what the screen must not receive (which episodes a cell counts). */
export function published(t: ComputedTable): ReportTable {
  const { members: _members, ...rest } = t;
  return rest;
}

/**
 * An episode's compliance (core/compliance.ts) as a report needs it. A closed episode's does not depend
 * on the time (nothing of it is overdue now), so it is worked out once per row and settings and kept with
 * the row for as long as the row is held; an open episode's is worked out at `now`.
 */
export function complianceOf(r: FactRow, settings: Settings, now: number): EpisodeCompliance | null {
  if (r.open) return episodeCompliance(r.facts, settings, now, r.obligations);
  const kept = closedCompliance.get(r);
  if (kept && kept.settings === settings) return kept.c;
  const c = episodeCompliance(r.facts, settings, now, r.obligations);
  closedCompliance.set(r, { settings, c });
  return c;
}

const closedCompliance = new WeakMap<FactRow, { settings: Settings; c: EpisodeCompliance | null }>();
