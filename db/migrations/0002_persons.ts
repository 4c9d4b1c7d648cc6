import type { Migration } from './types';

/** The persons projection: current state of each person, rebuilt from `person.*` events. */
export const migration0002: Migration = {
  version: 2,
  name: 'persons',
  up: `
    CREATE TABLE persons (
      person_id TEXT PRIMARY KEY,
      register_no INTEGER NOT NULL UNIQUE,
      name_original TEXT NOT NULL,
      name_latin TEXT NOT NULL,
      patronymic TEXT,
      aliases TEXT NOT NULL,
      sex TEXT NOT NULL,
      birth_date TEXT,
      birth_estimated INTEGER NOT NULL,
      birth_basis TEXT,
      nationalities TEXT NOT NULL,
      stateless INTEGER NOT NULL,
      languages TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      last_event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX persons_latin ON persons (name_latin COLLATE NOCASE);
  `,
};
