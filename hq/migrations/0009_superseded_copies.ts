import type { HqMigration } from './types';

/**
 * When HQ last refused a request from an older copy of a device restored from a backup (issue #13 §4,
 * docs/backup.md#two-copies-of-one-device): the console's fleet view shows that two copies are alive and
 * one must be revoked.
 */
export const migration0009: HqMigration = {
  version: 9,
  name: 'superseded_copies',
  async up(db) {
    await db.schema.alterTable('devices').addColumn('superseded_seen_at', 'text').execute();
  },
};
