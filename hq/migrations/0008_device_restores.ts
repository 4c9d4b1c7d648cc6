import type { HqMigration } from './types';

/**
 * Devices restored from a backup (issue #13 §4, docs/backup.md). `devices.incarnation` counts the copies
 * of a device's identity HQ has been told of: a restored copy takes the next number and any request
 * signed by an older copy is refused (`superseded_copy`). Each restore is kept with the backup's head,
 * what HQ held then, and what the old copy had reported waiting and never pushed: the events lost with
 * it, which the day-end manifest names.
 */
export const migration0008: HqMigration = {
  version: 8,
  name: 'device_restores',
  async up(db) {
    await db.schema
      .alterTable('devices')
      .addColumn('incarnation', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('device_restores')
      .addColumn('restore_id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
      .addColumn('incarnation', 'integer', (c) => c.notNull())
      .addColumn('backup_seq', 'integer', (c) => c.notNull())
      .addColumn('backup_created_at', 'text', (c) => c.notNull())
      .addColumn('hq_head_seq', 'integer', (c) => c.notNull())
      .addColumn('reported_pending', 'integer')
      .addColumn('reported_at', 'text')
      .addColumn('lost_from', 'integer')
      .addColumn('lost_to', 'integer')
      .addColumn('restored_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('device_restores_device').on('device_restores').column('device_id').execute();
  },
};
