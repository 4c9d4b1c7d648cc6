import type { Migration } from './types';

/**
 * A centre's side of ombudsman oversight (OPCAT Arts 19–22). All four tables are projections of the
 * oversight.* events: the ombudsman office this centre trusts (one at a time; its signing key checks
 * every recommendations file), the recommendations received, the files already taken in (so the same
 * file twice changes nothing), and every response the centre recorded, oldest first.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'oversight',
  up: `
    CREATE TABLE npm_trust (
      organisation_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      signing_public_key TEXT NOT NULL,
      trusted_at TEXT NOT NULL,
      event_id TEXT NOT NULL
    ) STRICT;

    CREATE TABLE received_recommendations (
      recommendation_id TEXT PRIMARY KEY,
      visit_id TEXT NOT NULL,
      organisation_id TEXT NOT NULL,
      facility_name TEXT NOT NULL,
      visited_from TEXT NOT NULL,
      visited_to TEXT NOT NULL,
      issued_at TEXT NOT NULL,
      title TEXT NOT NULL,
      standard TEXT NOT NULL,
      severity TEXT NOT NULL,
      area TEXT,
      finding TEXT NOT NULL,
      recommendation TEXT NOT NULL,
      addressee TEXT NOT NULL,
      due_date TEXT NOT NULL,
      received_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX received_recommendations_visit ON received_recommendations (visit_id);

    CREATE TABLE received_recommendation_files (
      body_hash TEXT PRIMARY KEY,
      visit_id TEXT NOT NULL,
      received_at TEXT NOT NULL,
      event_id TEXT NOT NULL
    ) STRICT;

    CREATE TABLE recommendation_responses (
      event_id TEXT PRIMARY KEY,
      recommendation_id TEXT NOT NULL,
      visit_id TEXT NOT NULL,
      at TEXT NOT NULL,
      response TEXT NOT NULL,
      local_seq INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX recommendation_responses_visit ON recommendation_responses (visit_id, local_seq);
    CREATE INDEX recommendation_responses_recommendation ON recommendation_responses (recommendation_id, local_seq);
  `,
};
