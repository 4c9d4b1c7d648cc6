import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../core/canonical-json';
import { catalogs } from '../../core/i18n';
import { sealBundle } from '../../db/bundle';
import { fleetSource } from '../../hq/console/fleet-source';
import { createEnrollmentCode } from '../../hq/sync/enroll';
import { importBundle } from '../../hq/sync/bundles';
import { currentBundleKey } from '../../hq/sync/bundle-keys';
import { SyncRefusal } from '../../hq/sync/common';
import { countEvents, hqDevice, hqServer, type HqDevice } from '../helpers/hq-device';
import { dialects } from './harness';
import { hqVault } from '../../hq/vault';

/**
 * Issue #10: what a fuzzing run against HQ found. Every case sends correctly signed, correctly chained
 * requests with hostile content, on both engines, and expects a translated 4xx refusal (never a 500),
 * nothing stored that differs from what was hashed, and the facility's other devices still pulling.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setUp = (dialect: (typeof dialects)[number]) => hqServer(dialect, cleanups);

/** The refusal in a response: a 4xx envelope whose message every language has. */
function refusalOf(res: { statusCode: number; json(): unknown }) {
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  const error = (res.json() as { ok: boolean; error: { code: string; messageKey: string } }).error;
  for (const catalog of Object.values(catalogs)) expect(catalog[error.messageKey], error.messageKey).toBeTruthy();
  return error;
}

/** Another device of the facility pulls everything HQ holds and applies it: the facility is not stopped. */
async function pullsCleanly(d: HqDevice) {
  const res = await d.pull(0);
  expect(res.statusCode).toBe(200);
  const { events } = res.json().result;
  expect(() => d.store.ingest(events)).not.toThrow();
  return events as { deviceSeq: number; quarantined: string | null }[];
}

const head0 = { seq: 0, hash: '' };

for (const dialect of dialects) {
  describe(`HQ under hostile input on ${dialect}`, () => {
    it('refuses a lone surrogate or a NUL in any text of an event, or in a key, stores nothing, and the other devices keep pulling', async () => {
      const { hq, app } = await setUp(dialect);
      const a = await hqDevice(app, hq, cleanups);
      const b = await hqDevice(app, hq, cleanups);
      // Raw in the payload text (not escaped): what JSON carries as "\ud800" arrives as a lone surrogate.
      const name = (s: string) => canonicalJson({ details: { names: { original: s, latin: 'X', aliases: [] }, sex: 'male', nationalities: [], stateless: false, languages: [] } });
      const hostile = [
        a.forge(head0, { payload: name('Ali').replace('Ali', 'Al\ud800i') }),
        a.forge(head0, { payload: name('Ali').replace('Ali', 'A\udc00') }),
        a.forge(head0, { actor: 'u\u0000' }),
        a.forge(head0, { entityId: `${randomUUID()}\udbff` }),
        a.forge(head0, { supersedes: ['v\u0000'] }),
        a.forge(head0, { payload: name('Ali').replace('Ali', 'A\u0000li') }),
      ];
      for (const batch of hostile) {
        expect(refusalOf(await a.push(batch))).toEqual({ code: 'validation', messageKey: 'error.sync.ill_formed' });
      }
      // an object key holding a lone surrogate, and a NUL in the signed head
      const good = a.forge(head0, {});
      const keyed = JSON.stringify({ events: good, head: a.headOf(good) }).replace('"actor"', '"\\ud800":1,"actor"');
      expect(refusalOf(await a.post('/api/sync/push', keyed)).messageKey).toBe('error.sync.ill_formed');
      expect(refusalOf(await a.push(good, { ...a.headOf(good), signature: `${a.headOf(good).signature}\u0000` })).messageKey).toBe('error.sync.ill_formed');
      expect(await countEvents(hq)).toBe(0);

      // The same device then pushes its honest history, and the other device of the facility applies it.
      a.record(2);
      expect((await a.push(a.events())).statusCode).toBe(200);
      // A surrogate escaped inside the payload's JSON text is stored faithfully, but applied nowhere.
      const escaped = a.forge(
        { seq: 2, hash: a.events()[1]!.hash },
        { payload: canonicalJson({ details: { names: { original: '\ud800', latin: 'X', aliases: [] }, sex: 'male', nationalities: [], stateless: false, languages: [] } }) },
      );
      expect(escaped[0]!.payload).toContain('\\ud800');
      expect((await a.push(escaped)).json().result.quarantined).toEqual([{ deviceSeq: 3, reason: 'ill_formed_text' }]);
      const pulled = await pullsCleanly(b);
      expect(pulled.map((e) => [e.deviceSeq, e.quarantined])).toEqual([
        [1, null],
        [2, null],
        [3, 'ill_formed_text'],
      ]);
      const stored = await hq.db.selectFrom('events').select(['event_id', 'payload', 'hash']).where('device_seq', '=', 3).executeTakeFirstOrThrow();
      expect({ payload: (await hqVault(hq)).openPayload(stored.event_id, stored.payload), hash: stored.hash }).toEqual({ payload: escaped[0]!.payload, hash: escaped[0]!.hash });
    });

    it('refuses ill-formed text at enrollment and a NUL in a query, never with a 500', async () => {
      const { hq, app } = await setUp(dialect);
      const { code } = await createEnrollmentCode(hq, { name: 'Baku centre', kind: 'detention_centre' });
      const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      for (const bad of [{ deviceName: 'Desk\u0000' }, { facilityName: 'Baku\ud800' }, { code: `${code}\u0000` }]) {
        const res = await app.inject({ method: 'POST', url: '/api/enroll', payload: { code, deviceId: randomUUID(), deviceName: 'Desk', publicKey, facilityName: 'Baku centre', ...bad } });
        expect(refusalOf(res).messageKey).toBe('error.sync.ill_formed');
      }
      // The code was not spent by any of them.
      expect((await app.inject({ method: 'POST', url: '/api/enroll', payload: { code, deviceId: randomUUID(), deviceName: 'Desk', publicKey, facilityName: 'Baku centre' } })).statusCode).toBe(200);
      const a = await hqDevice(app, hq, cleanups);
      expect(refusalOf(await a.pull('%00')).messageKey).toBe('error.sync.ill_formed');
      const unknown = await app.inject({ method: 'GET', url: '/api/sync/pull', headers: { ...a.signed('GET', '/api/sync/pull', ''), 'x-qeyd-device': 'd\u0000' } });
      expect(refusalOf(unknown).code).toBe('unauthenticated');
    });

    it('refuses integers beyond what its columns hold as a validation error, not a 500', async () => {
      const { hq, app } = await setUp(dialect);
      const a = await hqDevice(app, hq, cleanups);
      expect(refusalOf(await a.push(a.forge(head0, { schemaVersion: 2 ** 31 }))).messageKey).toBe('error.validation');
      expect(refusalOf(await a.push(a.forge({ seq: 2 ** 31 - 1, hash: '' }, {}))).messageKey).toBe('error.validation');
      expect(refusalOf(await a.pull('1e300')).messageKey).toBe('error.validation');
      const manifest = JSON.stringify({ day: '2026-01-01', head: { seq: 2 ** 31, hash: '', signature: a.headOf(a.forge(head0, {})).signature }, recordedThatDay: 0 });
      expect(refusalOf(await a.post('/api/sync/manifest', manifest)).messageKey).toBe('error.validation');
      expect(await countEvents(hq)).toBe(0);
    });

    it('refuses a hostile national check cleanly: bad shapes, huge or broken names, an unsigned caller; never a 500 and nothing audited', async () => {
      const { hq, app } = await setUp(dialect);
      const a = await hqDevice(app, hq, cleanups);
      const url = '/api/sync/national-check';
      const good = { names: { original: 'Гусейнов Али', latin: 'Guseynov Ali', aliases: [] }, askedBy: 'u' };
      for (const body of [
        '{}',
        'null',
        '[]',
        JSON.stringify({ ...good, names: { original: 'x'.repeat(201), latin: 'x', aliases: [] } }),
        JSON.stringify({ ...good, names: { ...good.names, aliases: Array.from({ length: 21 }, () => 'Ali') } }),
        JSON.stringify({ ...good, birthDate: '1990-02-31' }),
        JSON.stringify({ ...good, nationalities: ['<script>'] }),
        JSON.stringify({ ...good, askedBy: '' }),
        JSON.stringify({ ...good, personId: 'not-a-uuid' }),
        JSON.stringify({ ...good, extra: 1 }),
        JSON.stringify({ ...good, names: 'Ali' }),
      ]) {
        const res = await a.post(url, body);
        expect(res.statusCode, body.slice(0, 80)).toBe(400);
        expect(refusalOf(res).messageKey).toBe('error.validation');
      }
      // A lone surrogate has no faithful stored form: refused before the route, as for every sync request.
      const lone = await a.post(url, JSON.stringify({ ...good, names: { ...good.names, original: 'Ali \ud800' } }));
      expect(lone.statusCode).toBe(400);
      expect(refusalOf(lone).messageKey).toBe('error.sync.ill_formed');
      const unsigned = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(good) });
      expect(refusalOf(unsigned).code).toBe('unauthenticated');
      expect(await hq.db.selectFrom('national_lookups').selectAll().execute()).toEqual([]);
      // The same request, well formed, is answered.
      expect((await a.post(url, JSON.stringify(good))).statusCode).toBe(200);
    });

    it('refuses an event id another device already used, or one used twice in a batch, naming the reason and storing nothing of the batch', async () => {
      const { hq, app } = await setUp(dialect);
      const a = await hqDevice(app, hq, cleanups);
      const b = await hqDevice(app, hq, cleanups);
      a.record(1);
      expect((await a.push(a.events())).statusCode).toBe(200);
      const taken = b.forge(head0, {}, { eventId: a.events()[0]!.eventId });
      expect(refusalOf(await b.push(taken))).toMatchObject({ code: 'conflict', messageKey: 'error.sync.duplicate_event' });
      const twice = b.forge(head0, {}, {});
      const again = b.forge({ seq: 1, hash: twice[0]!.hash }, { eventId: twice[0]!.eventId });
      expect(refusalOf(await b.push([twice[0]!, ...again])).messageKey).toBe('error.sync.duplicate_event');
      // its own earlier event's id, in a later push
      expect((await b.push([twice[0]!])).statusCode).toBe(200);
      expect(refusalOf(await b.push(again)).messageKey).toBe('error.sync.duplicate_event');
      expect(await countEvents(hq)).toBe(2);
      await pullsCleanly(await hqDevice(app, hq, cleanups));
    });

    it('quarantines an altered copy of a held event sent under its old hash, keeps what it holds, and counts no duplicate', async () => {
      const { hq, app } = await setUp(dialect);
      const a = await hqDevice(app, hq, cleanups);
      a.record(2);
      const held = a.events();
      expect((await a.push(held)).statusCode).toBe(200);
      const altered = [{ ...held[0]!, payload: held[0]!.payload.replace('P0', 'PX') }, held[1]!];
      const res = await a.push(altered, a.headOf(held));
      expect(res.statusCode).toBe(200);
      expect(res.json().result).toMatchObject({ ackedSeq: 2, stored: 0, duplicates: 1, quarantined: [{ deviceSeq: 1, reason: 'altered_copy' }] });
      const stored = await hq.db.selectFrom('events').select(['event_id', 'payload']).where('device_seq', '=', 1).executeTakeFirstOrThrow();
      expect((await hqVault(hq)).openPayload(stored.event_id, stored.payload)).toBe(held[0]!.payload);
      // Recorded once for HQ staff, however often the device sends it.
      await a.push(altered, a.headOf(held));
      const log = await hq.db.selectFrom('quarantine_log').select(['device_id', 'device_seq', 'reason']).execute();
      expect(log).toEqual([{ device_id: a.deviceId, device_seq: 1, reason: 'altered_copy' }]);
      // and counted as quarantined on the console's fleet view
      const [facility] = await fleetSource(hq).fleet();
      expect(facility!.devices.map((d) => [d.deviceId, d.quarantined])).toEqual([[a.deviceId, 1]]);
    });

    it('refuses a clock that is not a hybrid logical clock, and stores a second registration of a held person quarantined', async () => {
      const { hq, app } = await setUp(dialect);
      const a = await hqDevice(app, hq, cleanups);
      const b = await hqDevice(app, hq, cleanups);
      for (const hlc of ['x'.repeat(40), '2026-13-45T99:99:99.999Z-0000-aaaaaaaa']) {
        expect(refusalOf(await a.push(a.forge(head0, { hlc }))).messageKey).toBe('error.validation');
      }
      a.record(1);
      await a.push(a.events());
      const personId = a.events()[0]!.entityId;
      const twice = b.forge(head0, { entityId: personId }, {}, {});
      const third = twice[1]!.entityId;
      const batch = [twice[0]!, twice[1]!, ...b.forge({ seq: 2, hash: twice[1]!.hash }, { entityId: third })];
      const res = await b.push(batch);
      expect(res.json().result).toMatchObject({
        stored: 3,
        quarantined: [
          { deviceSeq: 1, reason: 'duplicate_entity' },
          { deviceSeq: 3, reason: 'duplicate_entity' },
        ],
      });
      // A third device of the facility applies everything else.
      const c = await hqDevice(app, hq, cleanups);
      expect((await pullsCleanly(c)).filter((e) => e.quarantined).length).toBe(2);
      expect((c.store.sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(2);
    });

    it('refuses a public key that is not an Ed25519 device key at enrollment, and spends no code', async () => {
      const { hq, app } = await setUp(dialect);
      const { code } = await createEnrollmentCode(hq, { name: 'Baku centre', kind: 'detention_centre' });
      const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      // a key of the wrong kind, DER that is no key, the right key in a form devices never send, text
      const ed448 = generateKeyPairSync('ed448').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      for (const publicKey of ['A'.repeat(60), p256, ed448, ` ${ed}`, `${ed.slice(0, -1)}`, Buffer.from('not a key at all, just forty-plus bytes of text').toString('base64')]) {
        const res = await app.inject({ method: 'POST', url: '/api/enroll', payload: { code, deviceId: randomUUID(), deviceName: 'Desk', publicKey, facilityName: 'Baku centre' } });
        expect(refusalOf(res).messageKey, publicKey).toMatch(/^error\.(sync\.bad_public_key|validation)$/);
      }
      const ok = await app.inject({ method: 'POST', url: '/api/enroll', payload: { code, deviceId: randomUUID(), deviceName: 'Desk', publicKey: ed, facilityName: 'Baku centre' } });
      expect(ok.statusCode).toBe(200);
    });

    it('enrolls exactly one device per code however many try it at the same moment', async () => {
      const { hq, app } = await setUp(dialect);
      const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      const codes = await Promise.all(Array.from({ length: 30 }, () => createEnrollmentCode(hq, { name: 'Baku centre', kind: 'detention_centre' })));
      const tries = codes.flatMap(({ code }) =>
        Array.from({ length: 4 }, () => app.inject({ method: 'POST', url: '/api/enroll', payload: { code, deviceId: randomUUID(), deviceName: 'Desk', publicKey, facilityName: 'Baku centre' } })),
      );
      const results = await Promise.all(tries);
      expect(results.filter((r) => r.statusCode === 500)).toEqual([]);
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(30);
      for (const r of results.filter((x) => x.statusCode !== 200)) expect(refusalOf(r).messageKey).toBe('error.sync.bad_code');
      const devices = await hq.db
        .selectFrom('devices')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(devices.n)).toBe(30);
    });

    it('refuses a bundle whose device id holds a NUL, or whose events hold ill-formed text, as the file’s fault, storing nothing', async () => {
      const { hq, app } = await setUp(dialect);
      const a = await hqDevice(app, hq, cleanups);
      const device = await hq.db.selectFrom('devices').select('facility_id').where('device_id', '=', a.deviceId).executeTakeFirstOrThrow();
      const bundleKey = await currentBundleKey(hq.db, await hqVault(hq), device.facility_id);
      const seal = (content: unknown) =>
        sealBundle(content as never, {
          deviceId: a.deviceId,
          devicePrivateKey: a.store.devicePrivateKey,
          facilityId: device.facility_id,
          bundleKey: bundleKey.key,
          bundleKeyId: bundleKey.keyId,
          createdAt: new Date().toISOString(),
        });
      const honest = a.forge(head0, {});
      const refusal = async (raw: unknown) => {
        const e = await importBundle(hq, raw).then(
          () => null,
          (err: unknown) => err,
        );
        expect(e).toBeInstanceOf(SyncRefusal);
        expect((e as SyncRefusal).status).toBeLessThan(500);
        for (const catalog of Object.values(catalogs)) expect(catalog[`error.sync.${(e as SyncRefusal).reason}`]).toBeTruthy();
        return (e as SyncRefusal).reason;
      };
      expect(await refusal({ ...seal({ events: honest, head: a.headOf(honest) }), deviceId: `${a.deviceId}\u0000` })).toBe('ill_formed');
      expect(await refusal({ ...seal({ events: honest, head: a.headOf(honest) }), deviceId: 'not a device' })).toBe('unreadable_bundle');
      const hostile = a.forge(head0, { actor: 'u\ud800' });
      await refusal(seal({ events: hostile, head: a.headOf(hostile) }));
      expect(await countEvents(hq)).toBe(0);
      expect((await importBundle(hq, seal({ events: honest, head: a.headOf(honest) }))).stored).toBe(1);
    });
  });
}
