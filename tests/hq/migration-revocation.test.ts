import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HqDatabase } from '../../hq/db';
import { migrateHq } from '../../hq/migrate';
import { hqMigrations } from '../../hq/migrations';
import { createTestDatabase, dialects, type TestDatabase } from './harness';

const at = '2026-11-01T08:00:00.000Z';

/** Rows as HQ held them at schema version 6: two facilities with their bundle keys in clear, devices, and events. */
async function seedVersion6(db: Kysely<Record<string, Record<string, unknown>>>) {
  const baku = { facility_id: randomUUID(), key: randomBytes(32).toString('base64') };
  const ganja = { facility_id: randomUUID(), key: null };
  const bakuDevice = randomUUID();
  const ganjaDevice = randomUUID();
  await db
    .insertInto('facilities')
    .values([
      { facility_id: baku.facility_id, name: 'Baku centre', kind: 'detention_centre', created_at: at, bundle_key: baku.key },
      { facility_id: ganja.facility_id, name: 'Ganja centre', kind: 'detention_centre', created_at: at, bundle_key: ganja.key },
    ])
    .execute();
  const device = (device_id: string, facility_id: string) => ({
    device_id,
    facility_id,
    name: 'Desk',
    public_key: 'k'.repeat(60),
    enrolled_at: at,
    revoked_at: null,
    last_seen_at: null,
    head_signature: null,
  });
  await db
    .insertInto('devices')
    .values([device(bakuDevice, baku.facility_id), device(ganjaDevice, ganja.facility_id)])
    .execute();
  const person = randomUUID();
  const quarantinedPerson = randomUUID();
  let seq = 0;
  const event = (device_id: string, type: string, entity_id: string, quarantine_reason: string | null = null) => ({
    event_id: randomUUID(),
    device_id,
    device_seq: ++seq,
    hlc: 'h',
    actor: 'u',
    type,
    entity_id,
    payload: '{}',
    schema_version: 1,
    supersedes: '[]',
    prev_hash: '',
    hash: randomBytes(32).toString('hex'),
    received_at: at,
    quarantine_reason,
  });
  await db
    .insertInto('events')
    .values([
      event(bakuDevice, 'person.registered', person),
      // Ganja named Baku's person later: the record stays Baku's.
      event(ganjaDevice, 'person.corrected', person),
      event(ganjaDevice, 'person.registered', person, 'duplicate_entity'),
      // A quarantined registration opens nothing.
      event(ganjaDevice, 'person.registered', quarantinedPerson, 'invalid_payload'),
      // Not a type that opens a record of a centre.
      event(bakuDevice, 'oversight.ombudsmanTrusted', 'org-1'),
    ])
    .execute();
  return { baku, ganja, bakuDevice, person, quarantinedPerson };
}

describe.each(dialects)('migration 0007 (revocation) on %s', (dialect) => {
  let t: TestDatabase;
  let hq: HqDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    hq = await t.open();
  });
  afterEach(async () => {
    await t?.dispose();
  });

  it('moves each facility bundle key to version 1, leaving none in the facilities table, and names the facility of each record already held', async () => {
    await migrateHq(hq, hqMigrations.slice(0, 6));
    const seeded = await seedVersion6(hq.db as unknown as Kysely<Record<string, Record<string, unknown>>>);
    await migrateHq(hq);

    const keys = await hq.db.selectFrom('facility_bundle_keys').select(['facility_id', 'key_id', 'bundle_key']).execute();
    expect(keys).toEqual([{ facility_id: seeded.baku.facility_id, key_id: 1, bundle_key: seeded.baku.key }]);
    const left = await hq.db.selectFrom('facilities').select('bundle_key').execute();
    expect(left.every((f) => f.bundle_key === null)).toBe(true);

    const owners = await hq.db.selectFrom('entity_owners').select(['entity_id', 'facility_id', 'device_id']).execute();
    expect(owners).toEqual([{ entity_id: seeded.person, facility_id: seeded.baku.facility_id, device_id: seeded.bakuDevice }]);

    const devices = await hq.db.selectFrom('devices').select(['revoked_reason', 'revoked_by']).execute();
    expect(devices).toEqual([
      { revoked_reason: null, revoked_by: null },
      { revoked_reason: null, revoked_by: null },
    ]);
  });
});
