import type { Migration } from './types';

/**
 * The national duplicate check on a device (issue #14 §2, docs/sync.md#national-duplicate-check).
 * `national_links`: records at other facilities this device's people were found to be (projected from
 * person.nationalLinked / person.nationalUnlinked). `national_checks`: this device's own intakes and
 * whether HQ has checked them nationally yet, with HQ's candidates when it found one; a local fact,
 * like a draft, which the next sync completes.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'national',
  up: `
    CREATE TABLE national_links (
      person_id TEXT NOT NULL,
      other_facility_id TEXT NOT NULL,
      other_person_id TEXT NOT NULL,
      other_facility_name TEXT NOT NULL,
      other_register_no TEXT NOT NULL,
      reason TEXT NOT NULL,
      linked_at TEXT NOT NULL,
      linked_by TEXT NOT NULL,
      last_event_id TEXT NOT NULL,
      PRIMARY KEY (person_id, other_person_id)
    );
    CREATE TABLE national_checks (
      person_id TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      asked_at TEXT NOT NULL,
      asked_by TEXT NOT NULL,
      checked_at TEXT,
      candidates TEXT NOT NULL DEFAULT '[]',
      resolved_by TEXT,
      resolved_at TEXT
    );
    CREATE INDEX national_checks_status ON national_checks (status);
  `,
};
