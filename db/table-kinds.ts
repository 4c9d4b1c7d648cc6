import { projectedTables } from './projections';

/**
 * Every table in the device's SQLite schema that projections do NOT own, with why it is not rebuilt
 * from the event log. Together with `projectedTables` this is the whole schema: a new table must be
 * added to one list or the other (tests/db/rebuild.test.ts fails otherwise), so nobody adds state that
 * a rebuild silently leaves stale, or wipes state that the log cannot give back (issue #12).
 */
export const unprojectedTables = {
  events: 'the log itself: the source every projection is rebuilt from',
  audit_log: 'hash-chained record of who read and changed what; written beside events, never derived from them',
  meta: "this device's identity, keys and settings: local configuration, not history",
  devices: 'device identities and public keys, from creation and enrolment, not from events',
  chain_heads: "signed heads of the devices' chains: signatures over the log, made at sync time",
  users: 'accounts and their key slots: changed by account commands and audited, not written as events',
  drafts: "unsaved forms: a user's work in progress, by design never in the log",
  sync_quarantine: 'received events this version could not apply: a fact about ingest, which a rebuild reads to skip them',
  national_checks: "this device's intakes and whether HQ checked them nationally yet, with HQ's answer: a fact about a lookup, not history (docs/sync.md#national-duplicate-check)",
  tracing_requests: "HQ's tracing requests to this centre, received with a pull: HQ writes nothing into a device's log (docs/sync.md#tracing-requests-to-a-centre)",
  transfer_inbox:
    'transfer packages HQ (or a file) brought for this centre, not yet admitted or refused: received like tracing requests, never events; admitting or refusing one is an event that removes it (docs/sync.md#transfers-between-centres)',
  report_facts:
    "HQ's per-episode facts for the national reports: derived from the projections by the console feed in the transaction of each batch, and rebuilt whole when its code or the settings change (main/services/reports/facts.ts); empty on a device",
} as const satisfies Record<string, string>;

export type UnprojectedTable = keyof typeof unprojectedTables;
export type ProjectedTable = (typeof projectedTables)[number];

/** How a table is kept: rebuilt from the log, or declared as not (with its reason above). */
export function tableKind(name: string): 'projected' | 'unprojected' | null {
  if ((projectedTables as readonly string[]).includes(name)) return 'projected';
  if (Object.prototype.hasOwnProperty.call(unprojectedTables, name)) return 'unprojected';
  return null;
}
