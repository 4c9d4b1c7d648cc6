import type { HqMigration } from './types';

/**
 * The display names of each device's users (issue #16 §6): events name their actor by user id, which only
 * the device that made the user knows, so the console's timeline said "Unknown user". A device reports
 * its users' ids and display names with each sync (no passwords, no roles); HQ keeps the latest list per
 * device, replaced whole, and the console names an actor "<display name> (<facility>)".
 */
export const migration0013: HqMigration = {
  version: 13,
  name: 'device_users',
  async up(db) {
    await db.schema
      .createTable('device_users')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_users_pk', ['device_id', 'user_id'])
      .execute();
  },
};
