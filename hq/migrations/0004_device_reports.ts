import type { HqMigration } from './types';

/**
 * What HQ's console shows per device: when it last pushed, and how many events it said were still
 * waiting on it (a device tells HQ with each push and pull; HQ cannot know otherwise).
 */
export const migration0004: HqMigration = {
  version: 4,
  name: 'device_reports',
  async up(db) {
    await db.schema.alterTable('devices').addColumn('last_push_at', 'text').execute();
    await db.schema.alterTable('devices').addColumn('reported_pending', 'integer').execute();
    await db.schema.alterTable('devices').addColumn('reported_at', 'text').execute();
  },
};
