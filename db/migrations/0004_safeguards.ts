import type { Migration } from './types';

/** Safeguards: rights notifications, interpreter log, consular notices, legal aid. All projections. */
export const migration0004: Migration = {
  version: 4,
  name: 'safeguards',
  up: `
    -- When a change of status (an extension) calls for a fresh rights notification.
    ALTER TABLE episodes ADD COLUMN status_changed_at TEXT;

    CREATE TABLE rights_notifications (
      notification_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      at TEXT NOT NULL,
      mode TEXT NOT NULL,
      language TEXT NOT NULL,
      template_id TEXT,
      template_version TEXT,
      interpreter_use_id TEXT,
      items TEXT NOT NULL,
      acknowledgement TEXT NOT NULL,
      copy_handed INTEGER NOT NULL,
      recorded_by TEXT NOT NULL,
      verify_code TEXT NOT NULL UNIQUE
    ) STRICT;
    CREATE INDEX rights_notifications_episode ON rights_notifications (episode_id, at);

    CREATE TABLE interpreter_uses (
      use_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT,
      at TEXT NOT NULL,
      language TEXT NOT NULL,
      interpreter_name TEXT NOT NULL,
      kind TEXT NOT NULL,
      purpose TEXT NOT NULL,
      gender_preference_met INTEGER,
      affiliation_checked INTEGER NOT NULL,
      affiliated INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX interpreter_uses_person ON interpreter_uses (person_id, at);

    CREATE TABLE consular_notices (
      notice_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      states TEXT NOT NULL,
      informed_at TEXT NOT NULL,
      wish TEXT NOT NULL,
      consent TEXT,
      sent TEXT,
      sent_at TEXT,
      acknowledged_at TEXT,
      visited_at TEXT,
      withdrawn_at TEXT,
      withdraw_reason TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX consular_notices_episode ON consular_notices (episode_id);

    CREATE TABLE legal_aid_requests (
      request_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      requested_by TEXT NOT NULL,
      funding TEXT NOT NULL,
      note TEXT,
      defender TEXT,
      defender_assigned_at TEXT,
      first_contact_at TEXT,
      contacts TEXT NOT NULL DEFAULT '[]',
      issues TEXT NOT NULL DEFAULT '[]'
    ) STRICT;
    CREATE INDEX legal_aid_requests_episode ON legal_aid_requests (episode_id);

    CREATE TABLE legal_aid_waivers (
      waiver_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      at TEXT NOT NULL,
      witness TEXT NOT NULL,
      statement TEXT
    ) STRICT;
    CREATE INDEX legal_aid_waivers_episode ON legal_aid_waivers (episode_id);
  `,
};
