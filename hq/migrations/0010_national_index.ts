import type { HqMigration } from './types';

/**
 * The national name index (issue #14 §2, docs/sync.md#national-duplicate-check): one row per person
 * across every facility, kept as pushes are accepted. The card (names, birth date, register number) is
 * sealed under HQ's data key like every payload; the name keys are keyed hashes, so the table lists no
 * name in clear. `key_version` says which nameKeys produced a row's keys: rows of an older version are
 * re-keyed from their sealed cards at start. States, episodes and links name no one (ids only).
 */
export const migration0010: HqMigration = {
  version: 10,
  name: 'national_index',
  async up(db) {
    await db.schema
      .createTable('national_persons')
      .addColumn('person_id', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('card', 'text', (c) => c.notNull())
      .addColumn('key_version', 'text', (c) => c.notNull())
      .addColumn('merged_into', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('national_persons_key_version').on('national_persons').column('key_version').execute();
    await db.schema
      .createTable('national_name_keys')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('national_name_keys_pk', ['key', 'person_id'])
      .execute();
    await db.schema.createIndex('national_name_keys_person').on('national_name_keys').column('person_id').execute();
    await db.schema
      .createTable('national_episodes')
      .addColumn('episode_id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('state_since', 'text')
      .execute();
    await db.schema.createIndex('national_episodes_person').on('national_episodes').column('person_id').execute();
    await db.schema
      .createTable('national_links')
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('other_person_id', 'text', (c) => c.notNull())
      .addColumn('other_facility_id', 'text', (c) => c.notNull())
      .addColumn('linked_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('national_links_pk', ['person_id', 'other_person_id'])
      .execute();
    await db.schema.createIndex('national_links_other').on('national_links').column('other_person_id').execute();
    // A device's n-th person.registered is its register number n (db/projections/register-numbers.ts).
    await db.schema
      .createTable('national_register_counters')
      .addColumn('device_id', 'text', (c) => c.primaryKey())
      .addColumn('last_no', 'integer', (c) => c.notNull())
      .execute();
    // Every lookup: who asked, from where, when, how many answers; never the names asked about.
    await db.schema
      .createTable('national_lookups')
      .addColumn('lookup_id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('facility_id', 'text', (c) => c.notNull())
      .addColumn('asked_by', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('results', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('national_lookups_device_at').on('national_lookups').columns(['device_id', 'at']).execute();
  },
};
