import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../core/canonical-json';
import { catalogs } from '../../core/i18n';
import { openBundle, sealBundle, type BundleContent } from '../../db/bundle';
import { generateDeviceKeyPair } from '../../db/chain';
import { signWith } from '../../db/device-auth';
import type { Store } from '../../db/store';
import { allBundleKeys, currentBundleKey } from '../../hq/sync/bundle-keys';
import { importBundle } from '../../hq/sync/bundles';
import { revokeDevice } from '../../hq/sync/revoke';
import { hqVault } from '../../hq/vault';
import { bundleKeys, facilityDevices } from '../../main/sync/facility';
import { refusal, useCentre } from '../helpers/centre';
import { useHq } from '../helpers/hq';
import { browserOn, consolePassword, setUpHqConsole } from '../helpers/hq-console';
import { hqDevice, hqServer } from '../helpers/hq-device';
import { intakeAt } from '../helpers/intake';
import { dialects, repoRoot } from './harness';

const centre = useCentre();
const hqs = useHq();

type Centre = Awaited<ReturnType<typeof centre>>;
const storeOf = (c: Centre): Store => c.inst.backend.installation.requireStore();
const deviceIdOf = (c: Centre) => storeOf(c).device.deviceId;

async function eventsAtHq(hq: { db: import('kysely').Kysely<import('../../hq/schema').HqSchema> }): Promise<number> {
  const n = await hq.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n.n);
}

/** A bundle as this app wrote it before key versions (format 1): it carries the signer's public key. */
function sealVersion1(content: BundleContent, o: { deviceId: string; publicKey: string; privateKey: string; facilityId: string; bundleKey: string }) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(o.bundleKey, 'base64'), iv);
  cipher.setAAD(Buffer.from(`qeyd-bundle-v1|${o.facilityId}|${o.deviceId}`));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(content)), cipher.final()]);
  const unsigned = {
    format: 'qeyd-bundle' as const,
    version: 1 as const,
    deviceId: o.deviceId,
    devicePublicKey: o.publicKey,
    facilityId: o.facilityId,
    createdAt: new Date().toISOString(),
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
  };
  return { ...unsigned, signature: signWith(o.privateKey, Buffer.from(canonicalJson(unsigned))) };
}

for (const dialect of dialects) {
  describe(`revoking a lost device on ${dialect}`, () => {
    it('an HQ administrator revokes a device from the console with a reason; its push, pull and day end are refused and its sync screen says when and why', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const lost = await centre();
      const kept = await centre();
      await lost.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code('Baku centre') });
      await kept.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code('Baku centre') });
      const lostDesk = await lost.as('registrar');
      await lostDesk.sync.run();

      const { api, call } = browserOn(hq.url);
      await api.auth.login({ username: 'hqadmin', password: consolePassword });
      await api.users.create({ username: 'analyst', displayName: 'Leyla Analyst', roles: ['hq_analyst'], password: 'analyst passphrase 2026' });
      const deviceId = deviceIdOf(lost);
      // The administrator sees the fleet (no person in it) to find the device.
      const fleet = await api.hq.facilities();
      expect(fleet.facilities[0]!.devices.map((d) => d.deviceId).sort()).toEqual([deviceId, deviceIdOf(kept)].sort());

      // An analyst may read the figures but not revoke; the attempt is in the audit log.
      await api.auth.logout();
      await api.auth.login({ username: 'analyst', password: 'analyst passphrase 2026' });
      const denied = await call('hq.revokeDevice', { deviceId, reason: 'Stolen from the duty car' });
      expect(denied.body.error?.messageKey).toBe('error.forbidden');
      await api.auth.logout();
      await api.auth.login({ username: 'hqadmin', password: consolePassword });

      // A reason is required, of some length, on one line.
      expect((await call('hq.revokeDevice', { deviceId, reason: ' x ' })).body.error).toMatchObject({ messageKey: 'error.validation', fields: { reason: { key: 'error.field.tooShort' } } });
      expect((await call('hq.revokeDevice', { deviceId, reason: 'Stolen\u0007 car' })).body.error).toMatchObject({ fields: { reason: { key: 'error.hq.revokeReasonLine' } } });
      expect((await call('hq.revokeDevice', { deviceId, reason: 'y'.repeat(501) })).body.error).toMatchObject({ fields: { reason: { key: 'error.field.tooLong' } } });
      expect((await hq.hq.db.selectFrom('devices').select('revoked_at').where('device_id', '=', deviceId).executeTakeFirstOrThrow()).revoked_at).toBeNull();

      const done = await api.hq.revokeDevice({ deviceId, reason: '  Stolen from the duty car on 3 May  ' });
      expect(done.bundleKeyId).toBe(2);
      expect((await refusal(api.hq.revokeDevice({ deviceId, reason: 'Stolen from the duty car on 3 May' }))).messageKey).toBe('error.hq.deviceAlreadyRevoked');
      expect((await refusal(api.hq.revokeDevice({ deviceId: randomUUID(), reason: 'Lost' }))).messageKey).toBe('error.hq.deviceUnknown');

      const row = await hq.hq.db.selectFrom('devices').select(['revoked_at', 'revoked_reason', 'revoked_by']).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
      expect(row).toEqual({ revoked_at: done.revokedAt, revoked_reason: 'Stolen from the duty car on 3 May', revoked_by: 'hqadmin' });
      const shown = (await api.hq.facilities()).facilities[0]!.devices.find((d) => d.deviceId === deviceId)!;
      expect(shown).toMatchObject({ revokedAt: done.revokedAt, revokedReason: 'Stolen from the duty car on 3 May', revokedBy: 'hqadmin' });

      // The console's audit log: who revoked which device and why, and the analyst's refused attempt.
      const audit = hq.hqConsole.backend.installation
        .requireStore()
        .sqlite.prepare("SELECT actor, action, entity_id, outcome, detail FROM audit_log WHERE entity_type = 'device' ORDER BY seq")
        .all() as { actor: string; action: string; entity_id: string; outcome: string; detail: string | null }[];
      const revoked = audit.filter((a) => a.action === 'device.revoked' && a.outcome === 'ok');
      expect(revoked).toHaveLength(1);
      expect(revoked[0]!.entity_id).toBe(deviceId);
      expect(JSON.parse(revoked[0]!.detail!)).toMatchObject({ reason: 'Stolen from the duty car on 3 May', bundleKeyId: 2 });
      expect(audit.some((a) => a.action === 'change.denied' && a.entity_id === deviceId && a.outcome === 'denied')).toBe(true);
      expect(audit.filter((a) => a.action === 'device.revoked' && a.outcome === 'failed')).toHaveLength(2);

      // The device: a push (it recorded someone since), a pull, the day end, all refused.
      await lostDesk.intake.submit(intakeAt(lost.clock.now));
      const before = await eventsAtHq(hq.hq);
      const refused = await refusal(lostDesk.sync.run());
      expect(refused.messageKey).toBe('error.sync.revoked');
      expect(refused.params).toEqual({ revokedAt: done.revokedAt, reason: 'Stolen from the duty car on 3 May' });
      expect(await eventsAtHq(hq.hq)).toBe(before);
      expect((await refusal(lost.inst.admin.sync.dayEnd())).messageKey).toBe('error.sync.revoked');
      const status = await lostDesk.sync.status();
      expect(status.revoked).toEqual({ at: done.revokedAt, reason: 'Stolen from the duty car on 3 May' });
      expect(status.lastOutcome).toBe('failed');
      // No automatic sync is planned for a revoked device: nothing keeps asking HQ.
      expect((await lostDesk.sync.status()).nextAutoSyncAt).toBeNull();
      for (const catalog of Object.values(catalogs)) expect(catalog['sync.revoked.body']).toMatch(/\{date\}.*\{reason\}/s);

      // The device that stays syncs on.
      const keptDesk = await kept.as('registrar');
      await keptDesk.sync.run();
      const keptStatus = await keptDesk.sync.status();
      expect(keptStatus.revoked).toBeNull();
      expect(keptStatus.nextAutoSyncAt).not.toBeNull();
    });

    it('revoking rotates the bundle key: the remaining device receives it at its next sync and its bundles import; the revoked device reads none of them and its bundles are refused', async () => {
      const hq = await hqs.start(dialect);
      const lost = await centre();
      const kept = await centre();
      const peer = await centre();
      for (const c of [lost, kept, peer]) await c.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code('Baku centre') });
      for (const c of [lost, kept, peer]) await (await c.as('registrar')).sync.run();
      const keptDesk = await kept.as('registrar');
      const lostDesk = await lost.as('registrar');
      const peerDesk = await peer.as('registrar');

      // Sealed by the remaining device before the revocation, under version 1.
      await keptDesk.intake.submit(intakeAt(kept.clock.now));
      const early = (await keptDesk.sync.exportBundles()).files[0]!.content;
      expect(JSON.parse(early)).toMatchObject({ version: 2, keyId: 1 });

      const { facility_id: facilityId } = await hq.hq.db.selectFrom('devices').select('facility_id').where('device_id', '=', deviceIdOf(lost)).executeTakeFirstOrThrow();
      const r = await revokeDevice(hq.hq, { deviceId: deviceIdOf(lost), reason: 'Retired, disk wiped', by: 'test' });
      expect(r.bundleKeyId).toBe(2);
      expect((await allBundleKeys(hq.hq.db, await hqVault(hq.hq), facilityId)).map((k) => k.keyId)).toEqual([1, 2]);
      const newKey = await currentBundleKey(hq.hq.db, await hqVault(hq.hq), facilityId);

      // HQ still takes the remaining device's bundle sealed under the old version: it is signed by that device.
      expect((await importBundle(hq.hq, JSON.parse(early))).stored).toBeGreaterThan(0);

      // The remaining device learns the new version with its next sync, and seals under it.
      await keptDesk.sync.run();
      expect(bundleKeys(storeOf(kept)).map((k) => k.keyId)).toEqual([1, 2]);
      expect(storeOf(kept).meta('sync_bundle_key')).toBe(newKey.key);
      await keptDesk.intake.submit(intakeAt(kept.clock.now, {}, { names: { original: 'Nodira Karimova', latin: 'Nodira Karimova', aliases: [] }, sex: 'female' }));
      const freshFile = (await keptDesk.sync.exportBundles()).files[0]!;
      const fresh = freshFile.content;
      expect(JSON.parse(fresh)).toMatchObject({ version: 2, keyId: 2 });
      expect(await importBundle(hq.hq, JSON.parse(fresh))).toMatchObject({ stored: freshFile.events, duplicates: 0 });
      await peerDesk.sync.run();
      expect(facilityDevices(storeOf(peer)).find((d) => d.deviceId === deviceIdOf(lost))?.revokedAt).toBe(r.revokedAt);
      expect((await peerDesk.sync.importBundle({ content: fresh })).applied).toBe(0); // the peer pulled it already
      // The revoked laptop holds only version 1: the new bundle does not open with it.
      const lostKeys = bundleKeys(storeOf(lost));
      expect(lostKeys.map((k) => k.keyId)).toEqual([1]);
      expect(() => openBundle(JSON.parse(fresh), { facilityId, bundleKey: lostKeys[0]!.key, expectedPublicKey: storeOf(kept).device.publicKey })).toThrow(/cannot_decrypt/);
      expect((await refusal(lostDesk.sync.importBundle({ content: fresh }))).messageKey).toBe('error.bundle.unknown_key');

      // What the revoked laptop writes is refused, at HQ and at its former peers, and nothing is taken in.
      await lostDesk.intake.submit(intakeAt(lost.clock.now));
      const stolen = (await lostDesk.sync.exportBundles()).files[0]!.content;
      const before = await eventsAtHq(hq.hq);
      await expect(importBundle(hq.hq, JSON.parse(stolen))).rejects.toMatchObject({ reason: 'revoked' });
      expect(await eventsAtHq(hq.hq)).toBe(before);
      const persons = peer.count('persons');
      const atPeer = await refusal(peerDesk.sync.importBundle({ content: stolen }));
      expect(atPeer.messageKey).toBe('error.bundle.revoked_device');
      expect(peer.count('persons')).toBe(persons);
    });

    it('a forged bundle is refused whole at HQ and at a peer: signed by another device of the facility, by a fresh key, or carrying its own key', async () => {
      const hq = await hqs.start(dialect);
      const a = await centre();
      const b = await centre();
      const peer = await centre();
      for (const c of [a, b, peer]) await c.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code('Baku centre') });
      for (const c of [a, b, peer]) await (await c.as('registrar')).sync.run();
      const aDesk = await a.as('registrar');
      await aDesk.intake.submit(intakeAt(a.clock.now));
      const honest = JSON.parse((await aDesk.sync.exportBundles()).files[0]!.content);
      const { facility_id: facilityId } = await hq.hq.db.selectFrom('devices').select('facility_id').where('device_id', '=', deviceIdOf(a)).executeTakeFirstOrThrow();
      const key = await currentBundleKey(hq.hq.db, await hqVault(hq.hq), facilityId);
      const { content } = openBundle(honest, { facilityId, bundleKey: key.key, expectedPublicKey: storeOf(a).device.publicKey });

      // Device B, enrolled in the same facility, signs a bundle that says it is A's.
      const byB = sealBundle(content, {
        deviceId: deviceIdOf(a),
        devicePrivateKey: storeOf(b).devicePrivateKey,
        facilityId,
        bundleKey: key.key,
        bundleKeyId: key.keyId,
        createdAt: new Date().toISOString(),
      });
      // A key nobody enrolled.
      const fresh = generateDeviceKeyPair();
      const byStranger = sealBundle(content, {
        deviceId: deviceIdOf(a),
        devicePrivateKey: fresh.privateKey,
        facilityId,
        bundleKey: key.key,
        bundleKeyId: key.keyId,
        createdAt: new Date().toISOString(),
      });
      // The old format named its signer's key: a file that names the stranger's key, and is signed by it, must not pass either.
      const carryingItsKey = sealVersion1(content, { deviceId: deviceIdOf(a), publicKey: fresh.publicKey, privateKey: fresh.privateKey, facilityId, bundleKey: key.key });

      const peerDesk = await peer.as('registrar');
      const before = await eventsAtHq(hq.hq);
      for (const forged of [byB, byStranger, carryingItsKey]) {
        await expect(importBundle(hq.hq, forged)).rejects.toMatchObject({ reason: 'bad_signature' });
        const atPeer = await refusal(peerDesk.sync.importBundle({ content: JSON.stringify(forged) }));
        expect(atPeer.messageKey).toBe('error.bundle.bad_signature');
        for (const catalog of Object.values(catalogs)) expect(catalog[atPeer.messageKey]).toBeTruthy();
      }
      expect(await eventsAtHq(hq.hq)).toBe(before);
      expect(await hq.hq.db.selectFrom('events').select('event_id').where('device_id', '=', deviceIdOf(a)).execute()).toHaveLength(0);
      expect(peer.count('persons')).toBe(0);

      // A bundle naming a device the peer does not know as one of its facility is refused too.
      const stranger = await centre();
      await stranger.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code('Baku centre') });
      const strangerDesk = await stranger.as('registrar');
      await strangerDesk.intake.submit(intakeAt(stranger.clock.now));
      const unknown = (await strangerDesk.sync.exportBundles()).files[0]!.content;
      expect((await refusal(peerDesk.sync.importBundle({ content: unknown }))).messageKey).toBe('error.bundle.unknown_device');

      // The honest files import: version 2, and version 1 signed by the enrolled key (still read).
      const v1 = sealVersion1(content, { deviceId: deviceIdOf(a), publicKey: storeOf(a).device.publicKey, privateKey: storeOf(a).devicePrivateKey, facilityId, bundleKey: key.key });
      expect((await importBundle(hq.hq, v1)).stored).toBe(content.events.length);
      expect((await peerDesk.sync.importBundle({ content: JSON.stringify(honest) })).applied).toBeGreaterThan(0);
    });

    it('hq:admin revoke-device goes through the same revocation, and refuses without a reason', async () => {
      const hq = await hqs.start(dialect);
      const lost = await centre();
      await lost.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code('Baku centre') });
      const deviceId = deviceIdOf(lost);
      const cli = (...args: string[]) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'hq/cli.ts', 'revoke-device', ...args], { cwd: repoRoot, env: { ...process.env, ...hq.tdb.env } }).then(
          (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
          (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
        );
      const noReason = await cli('--device', deviceId);
      expect(noReason.code).toBe(1);
      expect(noReason.err).toContain('--reason is required');
      const ok = await cli('--device', deviceId, '--reason', 'Lost on the road to Ganja');
      expect(ok.code).toBe(0);
      expect(ok.out).toContain('now version 2');
      const row = await hq.hq.db.selectFrom('devices').select(['revoked_at', 'revoked_reason', 'revoked_by', 'facility_id']).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ revoked_reason: 'Lost on the road to Ganja', revoked_by: 'hq:admin' });
      expect(row.revoked_at).not.toBeNull();
      expect((await currentBundleKey(hq.hq.db, await hqVault(hq.hq), row.facility_id)).keyId).toBe(2);
      const again = await cli('--device', deviceId, '--reason', 'Lost on the road to Ganja');
      expect(again.code).toBe(1);
      expect(again.err).toContain('already revoked');
      const desk = await lost.as('registrar');
      const refused = await refusal(desk.sync.run());
      expect(refused.params).toMatchObject({ reason: 'Lost on the road to Ganja' });
    });

    it('a pushed event that names a record of another facility is stored for the chain but quarantined as foreign_entity', async () => {
      const cleanups: (() => unknown)[] = [];
      try {
        const { hq, app } = await hqServer(dialect, cleanups);
        const baku = await hqDevice(app, hq, cleanups, 'Baku centre');
        const bakuPeer = await hqDevice(app, hq, cleanups, 'Baku centre');
        const ganja = await hqDevice(app, hq, cleanups, 'Ganja centre');
        const head0 = { seq: 0, hash: '' };
        const personId = randomUUID();
        const registered = baku.forge(head0, { entityId: personId });
        expect((await baku.push(registered)).statusCode).toBe(200);
        const correction = { type: 'person.corrected', entityId: personId, payload: canonicalJson({ changes: { sex: 'female' }, reason: 'Typing error' }) };

        // Ganja names Baku's person: kept (its chain goes on) but quarantined, with the reason.
        const fromGanja = ganja.forge(head0, correction, {});
        const answer = (await ganja.push(fromGanja)).json<{ result: { stored: number; quarantined: { deviceSeq: number; reason: string }[] } }>();
        expect(answer.result.stored).toBe(2);
        expect(answer.result.quarantined).toEqual([{ deviceSeq: 1, reason: 'foreign_entity' }]);
        const stored = await hq.db.selectFrom('events').select(['device_seq', 'quarantine_reason']).where('device_id', '=', ganja.deviceId).orderBy('device_seq').execute();
        expect(stored).toEqual([
          { device_seq: 1, quarantine_reason: 'foreign_entity' },
          { device_seq: 2, quarantine_reason: null },
        ]);
        // Ganja's own new record is Ganja's.
        const owners = await hq.db.selectFrom('entity_owners').select(['entity_id', 'device_id']).execute();
        expect(owners.map((o) => o.device_id).sort()).toEqual([baku.deviceId, ganja.deviceId].sort());

        // A device of the same facility may correct it.
        const fromPeer = bakuPeer.forge(head0, correction);
        expect((await bakuPeer.push(fromPeer)).json<{ result: { quarantined: unknown[] } }>().result.quarantined).toEqual([]);

        // Baku's devices are never sent Ganja's events; Ganja's pull carries the quarantined one marked so.
        const pulled = (await ganja.pull()).json<{ result: { events: { deviceSeq: number; quarantined: string | null }[] } }>();
        expect(pulled.result.events).toEqual([]);
      } finally {
        for (const c of cleanups.reverse()) await c();
      }
    });
  });
}
