import type { Migration } from './types';

/**
 * HQ's tracing inquiries (issue #14 §3, docs/hq-console.md "Tracing inquiries"): projections of the
 * console's own tracing.* events. A device never records them and keeps these tables empty.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'tracing_inquiries',
  up: `
    CREATE TABLE tracing_inquiries (
      inquiry_id TEXT PRIMARY KEY,
      category TEXT NOT NULL,
      requester TEXT NOT NULL,
      subject TEXT NOT NULL,
      legal_basis TEXT NOT NULL,
      consent TEXT NOT NULL,
      consent_note TEXT,
      received_on TEXT NOT NULL,
      due_on TEXT NOT NULL,
      status TEXT NOT NULL,
      closed_reason TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      last_event_id TEXT NOT NULL
    );
    CREATE INDEX tracing_inquiries_due ON tracing_inquiries (status, due_on);
    CREATE TABLE tracing_reviews (
      inquiry_id TEXT NOT NULL,
      candidate_kind TEXT NOT NULL,
      candidate_id TEXT NOT NULL,
      decision TEXT NOT NULL,
      note TEXT NOT NULL,
      reviewed_at TEXT NOT NULL,
      reviewed_by TEXT NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (inquiry_id, candidate_id)
    );
    CREATE TABLE tracing_inquiry_answers (
      answer_id TEXT PRIMARY KEY,
      inquiry_id TEXT NOT NULL,
      outcome TEXT NOT NULL,
      candidate_id TEXT,
      told_to TEXT NOT NULL,
      told_at TEXT NOT NULL,
      channel TEXT NOT NULL,
      summary TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL
    );
    CREATE INDEX tracing_inquiry_answers_inquiry ON tracing_inquiry_answers (inquiry_id);
    CREATE TABLE tracing_records (
      record_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      names TEXT NOT NULL,
      sex TEXT NOT NULL,
      age_min INTEGER,
      age_max INTEGER,
      nationality TEXT,
      description TEXT NOT NULL,
      photo_ref TEXT,
      found_place TEXT NOT NULL,
      found_on TEXT NOT NULL,
      circumstance TEXT,
      facility_name TEXT,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      event_id TEXT NOT NULL
    );
  `,
};
