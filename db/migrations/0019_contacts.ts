import type { Migration } from './types';

/**
 * Contact with the outside world (issue #15 §1, docs/contacts.md): one row per visit, call, letter or parcel
 * of an episode, a projection of contact.recorded / contact.corrected / contact.refusalReviewed. The
 * consular safeguard's single `visited_at` becomes rows here too: every notice already marked visited is
 * backfilled as a consul visit that took place (id `consular:<notice id>`, the same id the projection of an
 * old consular.visited event writes on a replay), so nothing recorded before this migration is lost.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'contacts',
  up: `
    CREATE TABLE contacts (
      contact_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      category TEXT,
      who_name TEXT NOT NULL,
      who_relation TEXT,
      direction TEXT,
      at TEXT NOT NULL,
      duration_minutes INTEGER,
      supervision TEXT,
      supervised_by TEXT,
      outcome TEXT NOT NULL,
      refusal TEXT,
      note TEXT,
      notice_id TEXT,
      legal_aid_request_id TEXT,
      source TEXT NOT NULL,
      review TEXT,
      corrections INTEGER NOT NULL DEFAULT 0,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      last_event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX contacts_episode ON contacts (episode_id, at);
    CREATE INDEX contacts_person ON contacts (person_id, at);

    INSERT INTO contacts (contact_id, person_id, episode_id, kind, category, who_name, at, outcome, notice_id, source, recorded_at, recorded_by, last_event_id)
      SELECT 'consular:' || notice_id, person_id, episode_id, 'visit', 'consul', (SELECT group_concat(value, ', ') FROM json_each(consular_notices.states)), visited_at, 'took_place', notice_id, 'consular', visited_at, 'migration', 'migration'
      FROM consular_notices WHERE visited_at IS NOT NULL;
  `,
};
