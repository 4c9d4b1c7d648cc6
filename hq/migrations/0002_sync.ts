import type { HqMigration } from './types';

/**
 * What push and pull need: HQ's own key pair (signed receipts), each device's verified chain head, and
 * a quarantine mark for events that arrived intact but cannot be applied (unknown type, bad payload).
 */
export const migration0002: HqMigration = {
  version: 2,
  name: 'sync',
  async up(db) {
    await db.schema
      .createTable('hq_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable('devices')
      .addColumn('head_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('devices')
      .addColumn('head_hash', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.alterTable('devices').addColumn('head_signature', 'text').execute();
    await db.schema.alterTable('events').addColumn('quarantine_reason', 'text').execute();
    await db.schema.createIndex('events_device').on('events').columns(['device_id', 'server_seq']).execute();
  },
};
