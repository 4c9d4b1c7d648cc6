import type { Migration } from './types';

/**
 * Transfers between centres that arrive (issue #15 §6, docs/sync.md#transfers-between-centres).
 * `transfers`: one row per transfer, a projection of the transfer.* events on every replica that holds
 * them (the sending centre's, the receiving centre's, HQ's console). `transfer_inbox`: transfer packages
 * for this centre not yet admitted or refused, as they arrived from HQ or in a signed file (not events:
 * the package is the sending centre's record until this centre records its handover check).
 * `episodes.in_transfer`: the transfer under way, while the escort holds the person (the episode stays
 * open and its clocks run).
 */
export const migration0022: Migration = {
  version: 22,
  name: 'transfers',
  up: `
    CREATE TABLE transfers (
      transfer_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      from_facility_id TEXT NOT NULL,
      from_facility_name TEXT NOT NULL,
      to_facility_id TEXT NOT NULL,
      to_facility_name TEXT NOT NULL,
      dispatched_at TEXT NOT NULL,
      reason TEXT NOT NULL,
      handover TEXT NOT NULL,
      status TEXT NOT NULL,
      outcome_at TEXT,
      outcome TEXT,
      discrepancies INTEGER NOT NULL DEFAULT 0,
      received_here INTEGER NOT NULL DEFAULT 0,
      confirmed_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      last_event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX transfers_person ON transfers (person_id);
    CREATE INDEX transfers_episode ON transfers (episode_id);
    CREATE TABLE transfer_inbox (
      transfer_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      from_facility_id TEXT NOT NULL,
      from_facility_name TEXT NOT NULL,
      package TEXT NOT NULL,
      source TEXT NOT NULL,
      arrived_at TEXT NOT NULL
    ) STRICT;
    ALTER TABLE episodes ADD COLUMN in_transfer TEXT;
  `,
};
