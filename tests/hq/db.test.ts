import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HqDatabaseUnavailableError, openHqDatabase, type HqDatabase } from '../../hq/db';
import { migrateHq } from '../../hq/migrate';
import type { NewHqEvent } from '../../hq/schema';
import { createTestDatabase, dialects, type TestDatabase } from './harness';

const now = '2026-11-23T10:00:00.000Z';

function event(deviceSeq: number, overrides: Partial<NewHqEvent> = {}): NewHqEvent {
  return {
    event_id: `evt-${deviceSeq}-${Math.random().toString(36).slice(2)}`,
    device_id: 'device-1',
    device_seq: deviceSeq,
    hlc: `2026-11-23T10:00:00.000Z-000${deviceSeq}-device-1`,
    actor: 'user-1',
    type: 'person.registered',
    entity_id: 'person-1',
    payload: '{"name":"A"}',
    schema_version: 1,
    supersedes: '[]',
    prev_hash: 'prev',
    hash: `hash-${deviceSeq}`,
    received_at: now,
    ...overrides,
  };
}

describe.each(dialects)('the HQ database on %s', (dialect) => {
  let t: TestDatabase;
  let hq: HqDatabase;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    hq = await t.open();
    await migrateHq(hq);
    await hq.db.insertInto('facilities').values({ facility_id: 'fac-1', name: 'Centre 1', kind: 'detention_centre', created_at: now }).execute();
    await hq.db.insertInto('devices').values({ device_id: 'device-1', facility_id: 'fac-1', name: 'Desk 1', public_key: 'pk', enrolled_at: now, revoked_at: null, last_seen_at: null }).execute();
  });
  afterEach(async () => {
    await t?.dispose();
  });

  it('reports which dialect it speaks', () => {
    expect(hq.dialect).toBe(dialect);
  });

  it('numbers received events with an increasing server_seq, returned as numbers', async () => {
    await hq.db
      .insertInto('events')
      .values([event(1), event(2), event(3)])
      .execute();
    const rows = await hq.db.selectFrom('events').select(['server_seq', 'device_seq']).orderBy('server_seq').execute();
    expect(rows.map((r) => r.device_seq)).toEqual([1, 2, 3]);
    expect(rows.every((r) => typeof r.server_seq === 'number')).toBe(true);
    expect(rows[0]!.server_seq).toBeLessThan(rows[1]!.server_seq);
    expect(rows[1]!.server_seq).toBeLessThan(rows[2]!.server_seq);
    const count = await hq.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(3);
  });

  it('never hands out a server_seq again after the newest event is deleted', async () => {
    await hq.db
      .insertInto('events')
      .values([event(1), event(2)])
      .execute();
    const newest = await hq.db.selectFrom('events').select('server_seq').orderBy('server_seq', 'desc').executeTakeFirstOrThrow();
    await hq.db.deleteFrom('events').where('server_seq', '=', newest.server_seq).execute();
    await hq.db.insertInto('events').values(event(3)).execute();
    const next = await hq.db.selectFrom('events').select('server_seq').where('device_seq', '=', 3).executeTakeFirstOrThrow();
    expect(next.server_seq).toBeGreaterThan(newest.server_seq);
  });

  it('refuses a second event with the same device and device_seq, keeping the first', async () => {
    await hq.db
      .insertInto('events')
      .values(event(1, { hash: 'original' }))
      .execute();
    await expect(
      hq.db
        .insertInto('events')
        .values(event(1, { hash: 'impostor' }))
        .execute(),
    ).rejects.toThrow(/unique/i);
    const rows = await hq.db.selectFrom('events').select(['device_seq', 'hash']).execute();
    expect(rows).toEqual([{ device_seq: 1, hash: 'original' }]);
  });

  it('accepts the same device_seq from a different device', async () => {
    await hq.db.insertInto('devices').values({ device_id: 'device-2', facility_id: 'fac-1', name: 'Desk 2', public_key: 'pk2', enrolled_at: now, revoked_at: null, last_seen_at: null }).execute();
    await hq.db
      .insertInto('events')
      .values([event(1), event(1, { device_id: 'device-2' })])
      .execute();
    const count = await hq.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(2);
  });

  it('refuses an event id it already holds', async () => {
    await hq.db
      .insertInto('events')
      .values(event(1, { event_id: 'same-id' }))
      .execute();
    await expect(
      hq.db
        .insertInto('events')
        .values(event(2, { event_id: 'same-id' }))
        .execute(),
    ).rejects.toThrow(/unique/i);
  });

  it('refuses an event from a device HQ never enrolled', async () => {
    await expect(
      hq.db
        .insertInto('events')
        .values(event(1, { device_id: 'stranger' }))
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it('refuses a device_seq below 1', async () => {
    await expect(hq.db.insertInto('events').values(event(0)).execute()).rejects.toThrow(/check/i);
  });

  it('refuses a device for a facility it does not know', async () => {
    await expect(
      hq.db.insertInto('devices').values({ device_id: 'device-x', facility_id: 'nowhere', name: 'X', public_key: 'pk', enrolled_at: now, revoked_at: null, last_seen_at: null }).execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it('can be closed twice without complaint', async () => {
    await hq.close();
    await expect(hq.close()).resolves.toBeUndefined();
  });
});

describe('the embedded SQLite database', () => {
  let t: TestDatabase;
  afterEach(async () => {
    await t?.dispose();
  });

  it('is durable: write-ahead log, synchronous=FULL, foreign keys enforced', async () => {
    t = await createTestDatabase('sqlite');
    const hq = await t.open();
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(hq.db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('foreign_keys')).toBe(1);
  });
});

describe('an unreachable PostgreSQL', () => {
  it('is reported at open with where it was looked for, and never the password', async () => {
    const url = 'postgres://someone:s3cret-pw@127.0.0.1:1/nothing_here';
    const failure = await openHqDatabase({ database: { kind: 'postgres', url } }, { kind: 'file', key: Buffer.alloc(32) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(HqDatabaseUnavailableError);
    expect((failure as Error).message).toContain('127.0.0.1:1/nothing_here');
    expect((failure as Error).message).not.toContain('s3cret-pw');
  });
});
