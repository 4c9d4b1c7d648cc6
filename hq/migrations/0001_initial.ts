import { sql } from 'kysely';
import type { HqMigration } from './types';

/**
 * Facilities, enrolled devices, one-time enrollment codes and the received event log.
 *
 * Instants are ISO-8601 UTC text in both dialects (see schema.ts). Foreign keys keep the log honest:
 * an event can only come from an enrolled device, and a device only belongs to a known facility;
 * devices are revoked, never deleted, so their events always keep their author.
 */
export const migration0001: HqMigration = {
  version: 1,
  name: 'initial',
  async up(db, dialect) {
    await db.schema
      .createTable('facilities')
      .addColumn('facility_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('devices')
      .addColumn('device_id', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.facility_id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('enrolled_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('last_seen_at', 'text')
      .execute();
    await db.schema.createIndex('devices_facility').on('devices').column('facility_id').execute();

    await db.schema
      .createTable('enrollment_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.facility_id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();

    // server_seq is the pull cursor, so it must only ever grow: SQLite's AUTOINCREMENT never reuses a
    // value even after deletes (a plain INTEGER PRIMARY KEY may), and PostgreSQL's GENERATED ALWAYS
    // identity refuses values supplied by a client. Caveat for the push handler to come: PostgreSQL
    // hands out identities at insert, not at commit, so concurrent pushes can commit out of order; the
    // push transaction must serialise event inserts (e.g. an advisory lock) so that a puller never
    // steps past a server_seq that commits later.
    await db.schema
      .createTable('events')
      .addColumn('server_seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) => (dialect === 'postgres' ? c.generatedAlwaysAsIdentity().primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('event_id', 'text', (c) => c.notNull().unique())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
      .addColumn('device_seq', 'integer', (c) => c.notNull().check(sql`device_seq >= 1`))
      .addColumn('hlc', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('schema_version', 'integer', (c) => c.notNull().check(sql`schema_version >= 1`))
      .addColumn('supersedes', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      // The idempotency key of a push: a repeated batch hits this instead of duplicating history.
      .addUniqueConstraint('events_device_seq_unique', ['device_id', 'device_seq'])
      .execute();
    // HQ views read one person's or episode's history in arrival order.
    await db.schema.createIndex('events_entity').on('events').columns(['entity_id', 'server_seq']).execute();
  },
};
