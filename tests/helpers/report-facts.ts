import { expect } from 'vitest';
import { obligations, type EpisodeFacts } from '../../core/due-now';
import { catalogs } from '../../core/i18n';
import type { ReportExtras } from '../../core/reports/extras';
import { reportTable, type ReportFilter, type ReportLabel } from '../../core/reports/model';
import { published, type ComputedTable, type FactRow, type ReportContext } from '../../core/reports/table';
import { defaultSettings } from '../../core/settings';
import { localDate } from '../../core/time';

/**
 * Hand-built episodes for the national reports (core/reports): a FactRow with its EpisodeFacts, where a
 * test states only what its story needs. The console's time zone is the default, Asia/Baku (UTC+4), so
 * 2026-03-10T21:30Z is the local day 2026-03-11.
 */

export const settings = defaultSettings;
export const dayOf = (instant: string) => localDate(Date.parse(instant), settings.timeZone);

export const facilities = [
  { facilityId: 'fac-yev', name: 'Yevlax centre' },
  { facilityId: 'fac-bak', name: 'Baku centre' },
];

type RowInput = Partial<Omit<FactRow, 'facts'>> & { episodeId: string; facts?: Partial<EpisodeFacts> };

export function factRow(input: RowInput): FactRow {
  const { facts, ...row } = input;
  const apprehendedAt = row.apprehendedAt ?? '2026-03-02T08:00:00.000Z';
  const closedAt = row.closedAt ?? null;
  const personId = row.personId ?? `person-of-${row.episodeId}`;
  const episode: EpisodeFacts = {
    personId,
    episodeId: row.episodeId,
    state: closedAt === null ? 'ACTIVE' : 'CLOSED',
    regime: row.regime ?? 'forced_court',
    apprehendedAt,
    admittedAt: apprehendedAt,
    termEnd: null,
    lastReviewAt: null,
    medicalCheckAt: null,
    screenedAt: null,
    flags: [],
    guardianAppointed: false,
    referrals: [],
    asylum: [],
    removalCheck: null,
    rights: [],
    statusChanges: [],
    unaccompaniedChildSince: null,
    consular: null,
    legalAid: { firstContactAt: null, waived: false },
    ...facts,
  };
  return {
    personId,
    admittedFacility: 'fac-yev',
    currentFacility: row.currentFacility ?? row.admittedFacility ?? 'fac-yev',
    nationality: 'AFG',
    sex: 'male',
    ageBand: '18_34',
    regime: 'forced_court',
    apprehendedAt,
    apprehendedDay: dayOf(apprehendedAt),
    closedAt,
    closedDay: closedAt === null ? null : dayOf(closedAt),
    outcome: null,
    destination: null,
    open: closedAt === null,
    interpreterLanguages: [],
    ...row,
    facts: episode,
    // as the console's facts table keeps them: computed when the facts were written
    obligations: obligations(episode, settings),
  };
}

export function reportContext(rows: readonly FactRow[], opts: { from?: string; to?: string; facilityId?: string | null; now?: string; extras?: Partial<ReportExtras> } = {}): ReportContext {
  const filter: ReportFilter = {
    from: opts.from ?? '2026-03-01',
    to: opts.to ?? '2026-03-31',
    facilityId: opts.facilityId ?? null,
    nationality: null,
    sex: null,
    ageBand: null,
    regime: null,
  };
  return {
    filter,
    rows,
    facilities,
    capacities: new Map(),
    settings,
    now: Date.parse(opts.now ?? '2026-04-15T09:00:00.000Z'),
    dayOf,
    extras: { recommendations: [], inquiries: [], ...opts.extras },
  };
}

export function table(tables: readonly ComputedTable[], id: string): ComputedTable {
  const t = tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id} among ${tables.map((x) => x.id).join(', ')}`);
  return t;
}

/** One cell: its count and, for counts of episodes, the episodes it counts (sorted). */
export function cell(t: ComputedTable, rowKey: string, columnKey: string): { count: number | null; members: string[] | null } {
  const i = t.rows.findIndex((r) => r.key === rowKey);
  const j = t.columns.findIndex((c) => c.key === columnKey);
  if (j < 0) throw new Error(`table ${t.id} has no column ${columnKey}`);
  if (i < 0) return { count: 0, members: t.members ? [] : null };
  return { count: t.cells[i]![j]!, members: t.members ? [...t.members[i]![j]!].sort() : null };
}

export const rowKeys = (t: ComputedTable) => t.rows.map((r) => r.key);

/** Every message a table names (title, description, row header, message labels) exists in az, en and ru. */
export function expectMessagesExist(tables: readonly ComputedTable[]): void {
  const ids = new Set<string>();
  const label = (l: ReportLabel) => (l.kind === 'message' ? ids.add(l.id) : undefined);
  for (const t of tables) {
    ids.add(t.titleKey).add(t.descriptionKey).add(t.rowHeaderKey);
    t.rows.forEach((r) => label(r.label));
    t.columns.forEach((c) => label(c.label));
  }
  for (const locale of ['az', 'en', 'ru'] as const) {
    const missing = [...ids].filter((id) => !(id in catalogs[locale]));
    expect(missing, `missing in ${locale}`).toEqual([]);
  }
}

/** The shape every table keeps: the contract's, cells rows × columns, and for counts of episodes as many members as the count. */
export function expectWellFormed(tables: readonly ComputedTable[]): void {
  for (const t of tables) {
    // What the screen receives is the published shape, and nothing more.
    expect(reportTable.strict().parse(published(t))).toEqual(published(t));
    expect(t.cells.length, t.id).toBe(t.rows.length);
    for (const [i, r] of t.cells.entries()) {
      expect(r.length, t.id).toBe(t.columns.length);
      if (t.members) r.forEach((n, j) => expect(t.members![i]![j]!.length, `${t.id} ${i},${j}`).toBe(n));
    }
    if (!t.opensPeople) expect(t.members, t.id).toBeNull();
  }
}
