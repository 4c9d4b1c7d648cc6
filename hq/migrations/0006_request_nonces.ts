import type { HqMigration } from './types';

/**
 * The nonces of signed requests HQ has accepted (issue #13 §2), each kept while a request carrying it
 * could still fall within the request window: a replay is refused even after HQ restarts. Rows past
 * `expires_at` are pruned as requests come in.
 */
export const migration0006: HqMigration = {
  version: 6,
  name: 'request_nonces',
  async up(db) {
    await db.schema
      .createTable('request_nonces')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('request_nonces_pk', ['device_id', 'nonce'])
      .execute();
    await db.schema.createIndex('request_nonces_expiry').on('request_nonces').column('expires_at').execute();
  },
};
