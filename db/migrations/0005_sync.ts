import type { Migration } from './types';

/**
 * Events received intact (their chain verifies) that this version cannot apply: kept in the log so the
 * chain after them stays whole, listed here with the reason, and never projected.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'sync',
  up: `
    CREATE TABLE sync_quarantine (
      event_id TEXT PRIMARY KEY,
      reason TEXT NOT NULL,
      received_at TEXT NOT NULL
    ) STRICT;
  `,
};
