import type { Migration } from './types';

/**
 * HQ's per-episode facts table (issue #16 §5): one row per detention episode with the dimensions the
 * national reports filter by and the episode's facts (core/due-now.ts EpisodeFacts, JSON), refreshed by
 * the console feed in the same transaction as it ingests the events that change them
 * (main/services/reports/facts.ts). `seq` is the newest event the row reflects, so a reader holding the
 * rows in memory re-reads only those written since. Empty on a centre's device: only HQ's console fills it.
 */
export const migration0023: Migration = {
  version: 23,
  name: 'report_facts',
  up: `
    CREATE TABLE report_facts (
      episode_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      admitted_facility TEXT,
      current_facility TEXT,
      nationality TEXT NOT NULL,
      sex TEXT NOT NULL,
      age_band TEXT NOT NULL,
      regime TEXT,
      apprehended_at TEXT NOT NULL,
      apprehended_day TEXT NOT NULL,
      closed_at TEXT,
      closed_day TEXT,
      outcome TEXT,
      destination TEXT,
      open INTEGER NOT NULL,
      interpreters TEXT NOT NULL,
      facts TEXT NOT NULL,
      obligations TEXT NOT NULL,
      seq INTEGER NOT NULL
    );
    CREATE INDEX report_facts_person ON report_facts (person_id);
    CREATE INDEX report_facts_seq ON report_facts (seq);
  `,
};
