import type { Migration } from './types';

/**
 * Field-level versions and conflicts. Two corrections of one field made from the same version on two
 * devices are never settled by a clock: the field becomes conflicted, both values are kept, and only a
 * recorded resolution ends it (architecture §3). Both tables are projections.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'conflicts',
  up: `
    CREATE TABLE field_versions (
      entity_id TEXT NOT NULL,
      field TEXT NOT NULL,
      event_id TEXT NOT NULL,
      local_seq INTEGER NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (entity_id, field)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE field_conflicts (
      entity_id TEXT NOT NULL,
      field TEXT NOT NULL,
      entity_type TEXT NOT NULL,
      candidates TEXT NOT NULL,
      opened_at TEXT NOT NULL,
      PRIMARY KEY (entity_id, field)
    ) STRICT, WITHOUT ROWID;
  `,
};
