import type { Migration } from './types';

/**
 * Requests, complaints and appeals against the placement decision (issue #15 §2, docs/complaints.md): the
 * register of what a held person (or someone for them) asked or complained of, to whom, when it was
 * forwarded and answered, and any escalation; and the court appeals against the placement decision or one
 * of its extensions, with their hearings and outcome. Projections of the complaint.* and appeal.* events.
 * A complaint about staff keeps the named staff's user ids so reads can withhold it from them.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'complaints',
  up: `
    CREATE TABLE complaints (
      complaint_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      category TEXT NOT NULL,
      subject TEXT NOT NULL,
      lodged_by TEXT NOT NULL,
      lodged_by_name TEXT,
      received_at TEXT NOT NULL,
      addressee TEXT NOT NULL,
      about_staff INTEGER NOT NULL DEFAULT 0,
      staff_named TEXT,
      staff_user_ids TEXT NOT NULL DEFAULT '[]',
      escalated_from TEXT,
      forwarded_at TEXT,
      forward_via TEXT,
      answered_at TEXT,
      answer_from TEXT,
      answer_text TEXT,
      escalated_to TEXT,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      last_event_id TEXT NOT NULL
    );
    CREATE INDEX complaints_person ON complaints (person_id);
    CREATE INDEX complaints_episode ON complaints (episode_id);
    CREATE TABLE appeals (
      appeal_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      decision TEXT NOT NULL,
      extension_no INTEGER,
      filed_at TEXT NOT NULL,
      note TEXT,
      court TEXT NOT NULL,
      hearings TEXT NOT NULL DEFAULT '[]',
      outcome TEXT,
      outcome_at TEXT,
      new_term_end TEXT,
      term_end_before TEXT,
      term_applied INTEGER NOT NULL DEFAULT 0,
      outcome_note TEXT,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      last_event_id TEXT NOT NULL
    );
    CREATE INDEX appeals_episode ON appeals (episode_id);
  `,
};
