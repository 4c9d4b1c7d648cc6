import { sql } from 'kysely';
import type { HqMigration } from './types';

/**
 * The event types that open a record held by one centre (issue #13 §1), as they were at this version:
 * the first such event to reach HQ names the record's facility in entity_owners. A later list lives in
 * core/events (entityCreatingTypes); a released migration keeps its own copy.
 */
const creatingTypes = [
  'person.registered',
  'document.recorded',
  'episode.apprehended',
  'episode.admitted',
  'screening.recorded',
  'referral.created',
  'age.assessed',
  'guardian.appointed',
  'asylum.expressed',
  'nonRefoulement.checked',
  'rights.notified',
  'interpreter.used',
  'consular.opened',
  'legalAid.requested',
  'legalAid.waived',
];

/**
 * Lost or retired devices (issue #13 §1, docs/sync.md#revocation):
 * - who revoked a device and why, beside when (`revoked_reason`, `revoked_by`);
 * - the facility's bundle keys by version (`facility_bundle_keys`): revoking a device rotates its
 *   facility's key, and a bundle names the version that sealed it. The key each facility had becomes its
 *   version 1 and leaves `facilities.bundle_key`, so one table (read only by hq/sync/bundle-keys.ts)
 *   holds every key;
 * - which facility first recorded each record (`entity_owners`), so that a push naming another
 *   facility's record is quarantined. Filled from the events HQ already holds, oldest first.
 */
export const migration0007: HqMigration = {
  version: 7,
  name: 'revocation',
  async up(db) {
    await db.schema.alterTable('devices').addColumn('revoked_reason', 'text').execute();
    await db.schema.alterTable('devices').addColumn('revoked_by', 'text').execute();

    await db.schema
      .createTable('facility_bundle_keys')
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.facility_id'))
      .addColumn('key_id', 'integer', (c) => c.notNull())
      .addColumn('bundle_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('facility_bundle_keys_pk', ['facility_id', 'key_id'])
      .execute();
    await sql`INSERT INTO facility_bundle_keys (facility_id, key_id, bundle_key, created_at)
      SELECT facility_id, 1, bundle_key, created_at FROM facilities WHERE bundle_key IS NOT NULL`.execute(db);
    await sql`UPDATE facilities SET bundle_key = NULL`.execute(db);

    await db.schema
      .createTable('entity_owners')
      .addColumn('entity_id', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.facility_id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
      .execute();
    // Oldest first, so the facility that recorded a record first keeps it.
    await sql`INSERT INTO entity_owners (entity_id, facility_id, device_id)
      SELECT e.entity_id, d.facility_id, e.device_id FROM events e JOIN devices d ON d.device_id = e.device_id
      WHERE e.quarantine_reason IS NULL AND e.type IN (${sql.join(creatingTypes)})
      ORDER BY e.server_seq
      ON CONFLICT (entity_id) DO NOTHING`.execute(db);
  },
};
