import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { authHeaders, signedRequestHeaders } from '../../db/device-auth';
import type { HqDatabase, HqDialect } from '../../hq/db';
import { migrateHq } from '../../hq/migrate';
import { buildHqServer, type HqServerOptions } from '../../hq/server';
import { countEvents, hqDevice, injectAudience, type HqDevice } from '../helpers/hq-device';
import { createTestDatabase, dialects, type TestDatabase } from './harness';

/*
 * Signed requests that cannot be replayed (issue #13 §2, docs/sync.md#authentication): a request is
 * accepted once, within a few minutes of HQ's clock, by the HQ it was signed for.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const minute = 60_000;

/** HQ over a fresh database with a clock the test moves (`hqClock.shift`), and a device enrolled with it. */
async function setUp(dialect: HqDialect, requests?: HqServerOptions['requests']) {
  const tdb: TestDatabase = await createTestDatabase(dialect);
  cleanups.push(() => tdb.dispose());
  const hqClock = { shift: 0 };
  const serve = async () => {
    const hq = await tdb.open();
    await migrateHq(hq);
    const app = buildHqServer({ db: hq, version: 'test', requests, clock: () => Date.now() + hqClock.shift });
    cleanups.push(async () => {
      await app.close();
      await hq.close();
    });
    return { hq, app };
  };
  const first = await serve();
  const d = await hqDevice(first.app, first.hq, cleanups);
  return { ...first, d, hqClock, serve };
}

/** One push, signed once: what a proxy log or a tap on the wire would hold, to be sent again as is. */
function capturedPush(d: HqDevice, n: number, opts: { audience?: string; time?: string } = {}) {
  d.record(n);
  const body = JSON.stringify({ events: d.events(), head: d.headOf(d.events()) });
  const headers = {
    ...signedRequestHeaders(d.store.devicePrivateKey, d.deviceId, { method: 'POST', audience: opts.audience ?? injectAudience, path: '/api/sync/push', body, time: opts.time }),
    'content-type': 'application/json',
  };
  return (app: FastifyInstance) => app.inject({ method: 'POST', url: '/api/sync/push', headers, payload: body });
}

async function deviceRow(hq: HqDatabase, deviceId: string) {
  return hq.db.selectFrom('devices').selectAll().where('device_id', '=', deviceId).executeTakeFirstOrThrow();
}

async function nonceCount(hq: HqDatabase): Promise<number> {
  const n = await hq.db
    .selectFrom('request_nonces')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n.n);
}

for (const dialect of dialects) {
  describe(`signed requests that cannot be replayed, on ${dialect}`, () => {
    it('a captured request replayed is refused and changes nothing', async () => {
      const { hq, app, d } = await setUp(dialect);
      const push = capturedPush(d, 2);
      expect((await push(app)).json().result.ackedSeq).toBe(2);
      const before = { events: await countEvents(hq), device: await deviceRow(hq, d.deviceId), nonces: await nonceCount(hq) };

      const replay = await push(app);
      expect(replay.statusCode).toBe(401);
      expect(replay.json().error).toEqual({ code: 'unauthenticated', messageKey: 'error.sync.replayed' });
      expect({ events: await countEvents(hq), device: await deviceRow(hq, d.deviceId), nonces: await nonceCount(hq) }).toEqual(before);
    });

    it('the same request from a proxy log a minute later is refused, and one older than the window is refused for its time', async () => {
      const { app, d, hqClock } = await setUp(dialect);
      const push = capturedPush(d, 1);
      expect((await push(app)).statusCode).toBe(200);
      hqClock.shift = minute;
      expect((await push(app)).json().error.messageKey).toBe('error.sync.replayed');
      hqClock.shift = 6 * minute;
      const late = await push(app);
      expect(late.statusCode).toBe(401);
      expect(late.json().error).toMatchObject({ messageKey: 'error.sync.clock_skew', params: { minutes: 6, direction: 'behind' } });
    });

    it('a request signed for another audience is refused, by the Host it was sent to or by the configured address', async () => {
      const byHost = await setUp(dialect);
      const elsewhere = await capturedPush(byHost.d, 1, { audience: 'https://other-hq.example.org' })(byHost.app);
      expect(elsewhere.statusCode).toBe(401);
      expect(elsewhere.json().error.messageKey).toBe('error.sync.wrong_audience');
      expect(await countEvents(byHost.hq)).toBe(0);

      const configured = await setUp(dialect, { audiences: ['https://hq.example.org'] });
      expect((await capturedPush(configured.d, 1)(configured.app)).json().error.messageKey).toBe('error.sync.wrong_audience');
      expect((await capturedPush(configured.d, 0, { audience: 'https://hq.example.org' })(configured.app)).json().result.ackedSeq).toBe(1);
    });

    it('a device clock 20 minutes off is refused with the skew reason and the minutes, and stores no nonce', async () => {
      const { hq, app, d } = await setUp(dialect);
      const behind = await capturedPush(d, 1, { time: new Date(Date.now() - 20 * minute).toISOString() })(app);
      expect(behind.statusCode).toBe(401);
      expect(behind.json().error).toEqual({ code: 'unauthenticated', messageKey: 'error.sync.clock_skew', params: { minutes: 20, direction: 'behind', offsetSeconds: expect.closeTo(-1200, -1) } });
      const ahead = await capturedPush(d, 0, { time: new Date(Date.now() + 20 * minute).toISOString() })(app);
      expect(ahead.json().error.params).toMatchObject({ minutes: 20, direction: 'ahead' });
      expect(await countEvents(hq)).toBe(0);
      expect(await nonceCount(hq)).toBe(0);
      // Within the window the same device is served.
      expect((await capturedPush(d, 0, { time: new Date(Date.now() - 4 * minute).toISOString() })(app)).statusCode).toBe(200);
    });

    it('after an HQ restart on the same database the replay is still refused', async () => {
      const { hq, app, d, serve } = await setUp(dialect);
      const push = capturedPush(d, 1);
      expect((await push(app)).statusCode).toBe(200);
      await app.close();
      await hq.close();
      const again = await serve();
      expect((await push(again.app)).json().error.messageKey).toBe('error.sync.replayed');
      expect(await countEvents(again.hq)).toBe(1);
    });

    it('forgets a nonce once no copy of its request could be accepted', async () => {
      const { hq, app, d, hqClock } = await setUp(dialect, { windowMinutes: 2 });
      expect((await d.pull()).statusCode).toBe(200);
      expect(await nonceCount(hq)).toBe(1);
      // Signed on the moved clock as a device in step with HQ would; the earlier nonce has expired by then.
      hqClock.shift = 3 * minute;
      const later = await capturedPush(d, 1, { time: new Date(Date.now() + hqClock.shift).toISOString() })(app);
      expect(later.statusCode).toBe(200);
      expect(await nonceCount(hq)).toBe(1);
    });

    it('tells a device that signs without nonce and audience to update, and refuses a nonce of another shape', async () => {
      const { app, d } = await setUp(dialect);
      const url = '/api/sync/pull?after=0&limit=100';
      const headers = signedRequestHeaders(d.store.devicePrivateKey, d.deviceId, { method: 'GET', audience: injectAudience, path: url, body: '' });
      const old = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== authHeaders.nonce && name !== authHeaders.audience));
      expect((await app.inject({ method: 'GET', url, headers: old })).json().error.messageKey).toBe('error.sync.outdated_device');
      const odd = signedRequestHeaders(d.store.devicePrivateKey, d.deviceId, { method: 'GET', audience: injectAudience, path: url, body: '', nonce: 'x' });
      expect((await app.inject({ method: 'GET', url, headers: odd })).json().error.messageKey).toBe('error.sync.bad_signature');
    });
  });
}
