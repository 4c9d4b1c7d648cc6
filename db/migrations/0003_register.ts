import type { Migration } from './types';

/**
 * The detention register: documents, episodes, screenings, referrals, asylum claims, age assessments,
 * guardians and non-refoulement checks, plus the name index for duplicate detection and a per-person
 * index of events for the timeline. All of it is projection, rebuilt from the log.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'register',
  up: `
    ALTER TABLE persons ADD COLUMN merged_into TEXT;
    ALTER TABLE persons ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE persons ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX persons_merged ON persons (merged_into) WHERE merged_into IS NOT NULL;

    CREATE TABLE person_name_keys (
      key TEXT NOT NULL,
      person_id TEXT NOT NULL,
      PRIMARY KEY (key, person_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX person_name_keys_person ON person_name_keys (person_id);

    CREATE TABLE person_events (
      person_id TEXT NOT NULL,
      local_seq INTEGER NOT NULL,
      PRIMARY KEY (person_id, local_seq)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE documents (
      document_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      type TEXT NOT NULL,
      series TEXT,
      number TEXT,
      issuing_state TEXT,
      valid_until TEXT,
      verification TEXT NOT NULL,
      held_receipt TEXT,
      recorded_at TEXT NOT NULL,
      last_event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX documents_person ON documents (person_id);

    CREATE TABLE episodes (
      episode_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      facility_id TEXT NOT NULL,
      facility_name TEXT NOT NULL,
      regime TEXT,
      state TEXT NOT NULL,
      decision TEXT,
      term_end TEXT,
      apprehension TEXT NOT NULL,
      apprehended_at TEXT NOT NULL,
      admitted_at TEXT,
      handover TEXT,
      medical TEXT,
      medical_at TEXT,
      property TEXT NOT NULL DEFAULT '[]',
      extensions TEXT NOT NULL DEFAULT '[]',
      transfers TEXT NOT NULL DEFAULT '[]',
      extension_requested_at TEXT,
      last_review_at TEXT,
      planned_exit TEXT,
      exit TEXT,
      exit_at TEXT,
      outcome TEXT,
      override TEXT,
      book_no INTEGER,
      next_due_at TEXT,
      next_due_kind TEXT,
      next_warn_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      last_event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX episodes_person ON episodes (person_id);
    CREATE INDEX episodes_next_due ON episodes (next_due_at);
    -- The register shows the people held now: count and page them without reading closed episodes.
    CREATE INDEX episodes_open_due ON episodes (next_due_at, person_id) WHERE state != 'CLOSED';
    CREATE UNIQUE INDEX episodes_book_no ON episodes (book_no);
    CREATE INDEX episodes_admitted ON episodes (admitted_at);

    CREATE TABLE screenings (
      screening_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      at TEXT NOT NULL,
      items TEXT NOT NULL,
      flags TEXT NOT NULL
    ) STRICT;
    CREATE INDEX screenings_person ON screenings (person_id, at);
    CREATE INDEX screenings_episode ON screenings (episode_id, at);

    CREATE TABLE referrals (
      referral_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      type TEXT NOT NULL,
      reason TEXT NOT NULL,
      created_at TEXT NOT NULL,
      stage TEXT,
      sent_at TEXT,
      accepted_at TEXT,
      declined_at TEXT,
      outcome_at TEXT,
      last_note TEXT
    ) STRICT;
    CREATE INDEX referrals_person ON referrals (person_id);

    CREATE TABLE asylum_claims (
      claim_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT,
      expressed_at TEXT NOT NULL,
      place TEXT NOT NULL,
      words TEXT NOT NULL,
      language TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      forwarded_at TEXT,
      reference TEXT,
      status TEXT NOT NULL,
      decision TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX asylum_claims_person ON asylum_claims (person_id);

    CREATE TABLE age_assessments (
      assessment_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      at TEXT NOT NULL,
      method TEXT NOT NULL,
      assessor TEXT NOT NULL,
      min_age INTEGER NOT NULL,
      max_age INTEGER NOT NULL,
      notes TEXT
    ) STRICT;
    CREATE INDEX age_assessments_person ON age_assessments (person_id, at);

    CREATE TABLE guardians (
      guardian_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      appointed_at TEXT NOT NULL,
      authority TEXT NOT NULL,
      name TEXT NOT NULL,
      contact TEXT NOT NULL
    ) STRICT;
    CREATE INDEX guardians_person ON guardians (person_id);

    CREATE TABLE nr_checks (
      check_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      at TEXT NOT NULL,
      result TEXT NOT NULL,
      basis TEXT NOT NULL,
      recorded_by TEXT NOT NULL
    ) STRICT;
    CREATE INDEX nr_checks_person ON nr_checks (person_id, at);

    CREATE TABLE drafts (
      draft_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      owner TEXT NOT NULL,
      title TEXT NOT NULL,
      data TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `,
};
