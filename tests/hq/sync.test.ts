import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { EventRecord } from '../../core/events';
import { eventHash } from '../../db/chain';
import { authHeaders, receiptMessage, signedRequestHeaders, verifyWith } from '../../db/device-auth';
import { rowToEvent, Store, type EventRow } from '../../db/store';
import { createEnrollmentCode } from '../../hq/sync/enroll';
import { hqKeyPair } from '../../hq/sync/keys';
import type { HqDatabase } from '../../hq/db';
import { tempDir } from '../helpers/backend';
import { hqServer, injectAudience } from '../helpers/hq-device';
import { dialects } from './harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setUp = (dialect: (typeof dialects)[number]) => hqServer(dialect, cleanups);

async function device(app: FastifyInstance, hq: HqDatabase, facility = 'Baku centre') {
  const dir = tempDir();
  const store = Store.create(join(dir.path, 'd.db'), randomBytes(32), 'Desk', {});
  cleanups.push(() => {
    store.close();
    dir.remove();
  });
  const { code } = await createEnrollmentCode(hq, { name: facility, kind: 'detention_centre' });
  const res = await app.inject({
    method: 'POST',
    url: '/api/enroll',
    payload: { code, deviceId: store.device.deviceId, deviceName: 'Desk', publicKey: store.device.publicKey, facilityName: facility },
  });
  expect(res.statusCode).toBe(200);
  const record = (n: number) => {
    for (let i = 0; i < n; i++) {
      store.command({ userId: 'u' }, 'test', (tx) =>
        tx.append({
          type: 'person.registered',
          entityId: randomUUID(),
          payload: { details: { names: { original: `P${i}`, latin: `P${i}`, aliases: [] }, sex: 'male', nationalities: [], stateless: false, languages: [] } },
        }),
      );
    }
  };
  const events = (): EventRecord[] => (store.sqlite.prepare('SELECT * FROM events ORDER BY device_seq').all() as EventRow[]).map(rowToEvent);
  const signed = (method: 'GET' | 'POST', url: string, body: string, key = store.devicePrivateKey, deviceId = store.device.deviceId) => ({
    ...signedRequestHeaders(key, deviceId, { method, audience: injectAudience, path: url, body }),
    ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
  });
  const push = (batch: EventRecord[], head = store.signHeadAt(batch[batch.length - 1]!.deviceSeq), opts: { key?: string } = {}) => {
    const body = JSON.stringify({ events: batch, head });
    return app.inject({ method: 'POST', url: '/api/sync/push', headers: signed('POST', '/api/sync/push', body, opts.key), payload: body });
  };
  const pull = (after = 0) => app.inject({ method: 'GET', url: `/api/sync/pull?after=${after}&limit=100`, headers: signed('GET', `/api/sync/pull?after=${after}&limit=100`, '') });
  return { store, record, events, push, pull };
}

for (const dialect of dialects) {
  describe(`HQ push on ${dialect}`, () => {
    it('stores a batch once, acknowledges after commit with a receipt signed by HQ, and a repeat changes nothing', async () => {
      const { hq, app } = await setUp(dialect);
      const d = await device(app, hq);
      d.record(5);
      const first = await d.push(d.events());
      expect(first.statusCode).toBe(200);
      const r = first.json().result;
      expect(r).toMatchObject({ ackedSeq: 5, stored: 5, duplicates: 0, quarantined: [] });
      const keys = await hqKeyPair(hq);
      expect(verifyWith(keys.publicKey, receiptMessage(d.store.device.deviceId, 5, d.events()[4]!.hash), r.receipt)).toBe(true);
      const again = await d.push(d.events());
      expect(again.json().result).toMatchObject({ ackedSeq: 5, stored: 0, duplicates: 5 });
      const n = await hq.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(5);
    });

    it('refuses a gap, naming what HQ holds', async () => {
      const { hq, app } = await setUp(dialect);
      const d = await device(app, hq);
      d.record(4);
      await d.push(d.events().slice(0, 2));
      const res = await d.push(d.events().slice(3));
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toEqual({ code: 'conflict', messageKey: 'error.sync.gap', params: { ackedSeq: 2 } });
    });

    it('refuses a tampered event and stores nothing of the batch', async () => {
      const { hq, app } = await setUp(dialect);
      const d = await device(app, hq);
      d.record(3);
      const batch = d.events();
      batch[1] = { ...batch[1]!, payload: batch[1]!.payload.replace('P1', 'PX') };
      const res = await d.push(batch);
      expect(res.json().error.messageKey).toBe('error.sync.bad_chain');
      const n = await hq.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
    });

    it('refuses a forged head signature and a request signed by another key', async () => {
      const { hq, app } = await setUp(dialect);
      const d = await device(app, hq);
      const other = await device(app, hq);
      d.record(2);
      const forgedHead = { ...d.store.signHeadAt(2), signature: other.store.signHeadAt(0).signature };
      expect((await d.push(d.events(), forgedHead)).json().error.messageKey).toBe('error.sync.bad_head_signature');
      const res = await d.push(d.events(), undefined, { key: other.store.devicePrivateKey });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.messageKey).toBe('error.sync.bad_signature');
    });

    it('refuses a rewritten history as a fork and never overwrites', async () => {
      const { hq, app } = await setUp(dialect);
      const d = await device(app, hq);
      d.record(2);
      await d.push(d.events());
      const forged = d.events().map((e, i) => (i === 1 ? { ...e, hash: 'f'.repeat(64) } : e));
      const res = await d.push(forged, d.store.signHeadAt(2));
      expect(res.json().error.messageKey).toBe('error.sync.fork');
      const stored = await hq.db.selectFrom('events').select('hash').where('device_seq', '=', 2).executeTakeFirstOrThrow();
      expect(stored.hash).toBe(d.events()[1]!.hash);
    });

    it("refuses one device pushing another's events", async () => {
      const { hq, app } = await setUp(dialect);
      const d = await device(app, hq);
      const other = await device(app, hq);
      other.record(1);
      const res = await d.push(other.events(), other.store.signHeadAt(1));
      expect(res.json().error.messageKey).toBe('error.sync.foreign_device');
    });

    it('quarantines an event it cannot apply, reports it, and keeps the rest of the queue moving', async () => {
      const { hq, app } = await setUp(dialect);
      const d = await device(app, hq);
      d.record(2);
      const res = await d.push(d.events());
      expect(res.json().result).toMatchObject({ ackedSeq: 2, quarantined: [] });
      // A well-chained event of a type this HQ does not know (made by a newer app version, say).
      const { hash: _previous, ...base } = d.events()[1]!;
      const partial = { ...base, deviceSeq: 3, prevHash: d.events()[1]!.hash, type: 'visit.future', eventId: randomUUID() };
      const withHash = { ...partial, hash: eventHash(partial) };
      d.store.sqlite
        .prepare(`INSERT INTO events (event_id, device_id, device_seq, hlc, actor, type, entity_id, payload, schema_version, supersedes, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`)
        .run(withHash.eventId, withHash.deviceId, 3, withHash.hlc, withHash.actor, withHash.type, withHash.entityId, withHash.payload, withHash.schemaVersion, '[]', withHash.prevHash, withHash.hash);
      const q = await d.push([withHash], d.store.signHeadAt(3));
      expect(q.json().result).toMatchObject({ ackedSeq: 3, stored: 1, quarantined: [{ deviceSeq: 3, reason: 'unknown_type' }] });
    });
  });

  describe(`HQ pull on ${dialect}`, () => {
    it("returns the facility's events of other devices after the cursor, and none of another facility", async () => {
      const { hq, app } = await setUp(dialect);
      const a = await device(app, hq, 'Baku centre');
      const b = await device(app, hq, 'Baku centre');
      const far = await device(app, hq, 'Yevlakh centre');
      a.record(3);
      far.record(2);
      await a.push(a.events());
      await far.push(far.events());
      const res = (await b.pull(0)).json().result;
      expect(res.events.map((e: EventRecord) => e.deviceSeq)).toEqual([1, 2, 3]);
      expect(res.events.every((e: EventRecord) => e.deviceId === a.store.device.deviceId)).toBe(true);
      const next = (await b.pull(res.cursor)).json().result;
      expect(next.events).toEqual([]);
      expect((await a.pull(0)).json().result.events).toEqual([]);
    });

    it('refuses an unsigned or unknown caller', async () => {
      const { app } = await setUp(dialect);
      expect((await app.inject({ method: 'GET', url: '/api/sync/pull?after=0' })).statusCode).toBe(401);
      const time = new Date().toISOString();
      const res = await app.inject({ method: 'GET', url: '/api/sync/pull?after=0', headers: { [authHeaders.device]: randomUUID(), [authHeaders.time]: time, [authHeaders.signature]: 'x' } });
      expect(res.json().error.messageKey).toBe('error.sync.unknown_device');
    });
  });
}
