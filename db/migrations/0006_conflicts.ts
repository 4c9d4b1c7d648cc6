import type { Migration } from './types';

/**
 * Field-level versions for concurrent corrections (a multi-value register per field). A correction
 * names the versions it replaces (`supersedes`); the versions nobody has replaced are the field's
 * heads. One head: the field has a value. Several heads with different values: the field is
 * conflicted, every value is kept, and only a recorded resolution (which replaces them all) ends it.
 * The result depends only on which events a device holds, never on the order they arrived, so every
 * device and HQ agree (docs/architecture.md §3). Both tables are projections.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'conflicts',
  up: `
    CREATE TABLE field_heads (
      entity_id TEXT NOT NULL,
      field TEXT NOT NULL,
      event_id TEXT NOT NULL,
      entity_type TEXT NOT NULL,
      value TEXT NOT NULL,
      hlc TEXT NOT NULL,
      actor TEXT NOT NULL,
      PRIMARY KEY (entity_id, field, event_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE superseded_events (
      event_id TEXT PRIMARY KEY
    ) STRICT, WITHOUT ROWID;
  `,
};
