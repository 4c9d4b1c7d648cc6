import type { HqMigration } from './types';

/**
 * Transfers between centres (issue #15 §6, docs/sync.md#transfers-between-centres). `transfer_packages`:
 * one row per transfer HQ saw dispatched at a push, the signed package sealed under HQ's data key
 * (`content`, bound to the transfer id) and, once the receiving centre answered, its outcome (sealed
 * too); in clear only what a device's request filters by: the two facilities, the status and when.
 * `transfer_fetches`: each device's request for its transfers, for the rate limit and the audit.
 */
export const migration0012: HqMigration = {
  version: 12,
  name: 'transfers',
  async up(db, dialect) {
    await db.schema
      .createTable('transfer_packages')
      .addColumn('package_seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) => (dialect === 'postgres' ? c.generatedAlwaysAsIdentity().primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('transfer_id', 'text', (c) => c.notNull().unique())
      .addColumn('from_facility_id', 'text', (c) => c.notNull().references('facilities.facility_id'))
      .addColumn('to_facility_id', 'text', (c) => c.notNull().references('facilities.facility_id'))
      .addColumn('entity_ids', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('dispatched_at', 'text', (c) => c.notNull())
      .addColumn('outcome_at', 'text')
      .execute();
    await db.schema.createIndex('transfer_packages_to').on('transfer_packages').columns(['to_facility_id', 'status']).execute();
    await db.schema.createIndex('transfer_packages_from').on('transfer_packages').columns(['from_facility_id', 'status']).execute();
    await db.schema
      .createTable('transfer_fetches')
      .addColumn('fetch_id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('facility_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('packages', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('transfer_fetches_device_at').on('transfer_fetches').columns(['device_id', 'at']).execute();
  },
};
