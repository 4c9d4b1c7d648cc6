import type { HqMigration } from './types';

/**
 * What HQ refused to take as a repeat (issue #10): a device sending an event HQ already holds, under
 * its old hash but with other content. What HQ holds is never touched; the altered copy is recorded
 * here, once per content, and counted as quarantined on the console's fleet view.
 */
export const migration0005: HqMigration = {
  version: 5,
  name: 'quarantine_log',
  async up(db, dialect) {
    await db.schema
      .createTable('quarantine_log')
      .addColumn('entry_id', dialect === 'postgres' ? 'bigint' : 'integer', (c) => (dialect === 'postgres' ? c.generatedAlwaysAsIdentity().primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('device_seq', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      /** for an altered copy, the hash of the content that arrived */
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('quarantine_log_once', ['device_id', 'device_seq', 'reason', 'detail'])
      .execute();
  },
};
