import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recommendationsBody, registerExtractBody } from '../../../core/npm/files';
import { generateDeviceKeyPair } from '../../../db/chain';
import { keyFingerprint, signedFileText, signFile, signRotationFile, type FileSigner } from '../../../db/signed-file';
import { adminPassword } from '../../helpers/backend';
import { refusal } from '../../helpers/centre';
import { days, interview, introduce, minutes, secrets, useCentre, useOffice, visitOnSite, type Office } from './helpers';

/**
 * Issue #13 §5, docs/npm.md#key-rotation: each side hands its trust from an old key to a new one with a
 * statement signed by the old key (and the new), which the other side takes only when the old key is
 * the one it trusts. Through the real backends of an ombudsman office and a detention centre.
 */

const centre = useCentre();
const office = useOffice();

type Centre = Awaited<ReturnType<typeof centre>>;

/** The office's organisation keys as its store holds them (the private halves are what a thief would take). */
function orgMeta(o: Office): { organisationId: string; name: string; signingPublicKey: string; signingPrivateKey: string; boxPublicKey: string } {
  return JSON.parse(o.backend.installation.requireStore().meta('npm_org')!) as ReturnType<typeof orgMeta>;
}

function orgSignerOf(o: Office): FileSigner {
  const m = orgMeta(o);
  return { kind: 'organisation', id: m.organisationId, publicKey: m.signingPublicKey, privateKey: m.signingPrivateKey };
}

function installationIdOf(c: Centre): string {
  return c.inst.backend.installation.info!.installationId;
}

/** A recommendations file for the centre, signed by `signer`, issued at `issuedAt`. */
function recommendations(c: Centre, o: Office, signer: FileSigner, issuedAt: string): string {
  const body = recommendationsBody.parse({
    organisationId: signer.id,
    organisationName: orgMeta(o).name,
    visitId: randomUUID(),
    installationId: installationIdOf(c),
    facilityName: 'Baku Temporary Accommodation Centre',
    visitedFrom: '2026-03-01',
    visitedTo: '2026-03-01',
    issuedAt,
    recommendations: [
      {
        recommendationId: randomUUID(),
        title: 'Rights not explained',
        standard: 'Migration Code Art. 74.5',
        severity: 'high',
        finding: 'Rights were read out in Azerbaijani only.',
        recommendation: 'Give the written letter of rights in a language the person understands.',
        addressee: 'facility',
        dueDate: '2026-04-30',
      },
    ],
  });
  return signedFileText(signFile('qeyd-npm-recommendations', body, signer));
}

async function trusting() {
  const c = await centre();
  const o = await office({ start: new Date(c.clock.now).toISOString() });
  await c.inst.admin.npmCentre.trustOmbudsman({ content: (await o.monitor.npmOrg.identity({})).content });
  return { c, o, head: await c.as('centre_head') };
}

function auditLines(c: Centre, action: string) {
  return c.inst.backend.installation.requireStore().sqlite.prepare('SELECT actor, outcome, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as {
    outcome: string;
    detail: string | null;
  }[];
}

describe('the ombudsman office rotates its organisation key', () => {
  it('the centre sees old → new fingerprints, accepts once (audited), then takes files signed with the new key or made with the old one before the change, and refuses old-key files made after it', async () => {
    const { c, o, head } = await trusting();
    const old = orgSignerOf(o);
    const oldFingerprint = (await o.monitor.npmOrg.status({})).fingerprint!;
    const beforeChange = recommendations(c, o, old, o.iso());

    await o.advance(minutes(10));
    const rotated = await o.admin.npmOrg.rotateKey({});
    const status = await o.monitor.npmOrg.status({});
    expect(rotated.oldFingerprint).toBe(oldFingerprint);
    expect(rotated.newFingerprint).toBe(status.fingerprint);
    expect(rotated.newFingerprint).not.toBe(oldFingerprint);
    expect(status.retiredKeys).toEqual([{ fingerprint: oldFingerprint, retiredAt: o.iso(), canOpenSealed: true }]);
    expect(await o.monitor.npmOrg.rotationFile({})).toEqual({ fileName: rotated.fileName, content: rotated.content });
    const fresh = orgSignerOf(o);
    expect(fresh.publicKey).not.toBe(old.publicKey);

    // Until the centre accepts the change, a file signed with the new key is not the office's to it.
    await c.advance(minutes(20));
    const afterChange = recommendations(c, o, fresh, new Date(c.clock.now).toISOString());
    expect((await refusal(head.npmCentre.importRecommendations({ content: afterChange }))).messageKey).toBe('error.npm.unknownKey');

    // Reading the file shows both fingerprints and changes nothing.
    const events = c.count('events');
    const view = await c.inst.admin.npmCentre.readKeyRotation({ content: rotated.content });
    expect(view).toMatchObject({ organisationId: orgMeta(o).organisationId, oldFingerprint, newFingerprint: rotated.newFingerprint, alreadyAccepted: false });
    expect(c.count('events')).toBe(events);
    expect((await head.npmCentre.status({})).trustedOmbudsman!.fingerprint).toBe(oldFingerprint);

    expect(await c.inst.admin.npmCentre.acceptKeyRotation({ content: rotated.content })).toEqual(view);
    expect(c.count('events')).toBe(events + 1);
    expect((await head.npmCentre.status({})).trustedOmbudsman!.fingerprint).toBe(rotated.newFingerprint);
    const store = c.inst.backend.installation.requireStore();
    expect(store.sqlite.prepare("SELECT action, outcome FROM audit_log WHERE method = 'npmCentre.acceptKeyRotation'").all()).toEqual([{ action: 'oversight.ombudsmanKeyRotated', outcome: 'ok' }]);
    // The same file again: recognised, nothing recorded twice.
    expect(await c.inst.admin.npmCentre.acceptKeyRotation({ content: rotated.content })).toEqual({ ...view, alreadyAccepted: true });
    expect(c.count('events')).toBe(events + 1);

    expect(await head.npmCentre.importRecommendations({ content: afterChange })).toMatchObject({ alreadyHeld: false });
    expect(await head.npmCentre.importRecommendations({ content: beforeChange })).toMatchObject({ alreadyHeld: false });
    // Whoever kept the old key cannot speak for the office after the change.
    const rows = c.count('received_recommendations');
    const forged = recommendations(c, o, old, new Date(c.clock.now).toISOString());
    const e = await refusal(head.npmCentre.importRecommendations({ content: forged }));
    expect(e.messageKey).toBe('error.npm.retiredKey');
    expect(e.params).toEqual({ date: status.retiredKeys[0]!.retiredAt });
    expect(c.count('received_recommendations')).toBe(rows);
    // The new key's identity file is the office's now; the old one is not.
    await c.inst.admin.npmCentre.trustOmbudsman({ content: (await o.monitor.npmOrg.identity({})).content });
    expect((await head.npmCentre.status({})).trustedOmbudsman!.fingerprint).toBe(rotated.newFingerprint);
  });

  it('notes sealed before the rotation still open at the office, and with the key file on another team laptop; an older key file is refused there', async () => {
    const c = await centre();
    const o = await office({ start: new Date(c.clock.now).toISOString() });
    const facilityId = await introduce(o, await c.as('centre_head'));
    const visitId = await visitOnSite(o, facilityId);
    await o.monitor.npmVisits.recordInterview({ visitId, interview: interview(o.iso()) });
    const oldKeyFile = await o.admin.npmOrg.exportKey({ currentPassword: adminPassword, passphrase: 'key file passphrase 2026' });
    await o.advance(minutes(5));
    await o.admin.npmOrg.rotateKey({});
    await o.monitor.npmVisits.recordInterview({ visitId, interview: interview(o.iso(), { confidential: { ...interview(o.iso()).confidential, notes: 'after the rotation' } }) });

    const opened = (await o.monitor.npmVisits.get({ visitId })).visit.interviews.map((i) => i.confidential?.notes ?? null);
    expect(opened).toEqual([secrets.notes, 'after the rotation']);
    // The two were sealed to two different keys.
    const kids = (o.backend.installation.requireStore().sqlite.prepare('SELECT sealed FROM visit_interviews ORDER BY at, interview_id').all() as { sealed: string }[]).map(
      (r) => (JSON.parse(r.sealed) as { kid: string }).kid,
    );
    expect(new Set(kids).size).toBe(2);

    // Another team laptop takes the new key file, retired keys and all.
    const newKeyFile = await o.admin.npmOrg.exportKey({ currentPassword: adminPassword, passphrase: 'key file passphrase 2026' });
    const laptop = await office({ start: o.iso(), createOrg: false });
    await laptop.admin.npmOrg.importKey({ content: newKeyFile.content, passphrase: 'key file passphrase 2026' });
    expect(await laptop.monitor.npmOrg.status({})).toMatchObject({ fingerprint: (await o.monitor.npmOrg.status({})).fingerprint, retiredKeys: [{ canOpenSealed: true }] });
    const e = await refusal(laptop.admin.npmOrg.importKey({ content: oldKeyFile.content, passphrase: 'key file passphrase 2026' }));
    expect(e.messageKey).toBe('error.npm.keyFileOlder');
    expect((await laptop.monitor.npmOrg.status({})).fingerprint).toBe((await o.monitor.npmOrg.status({})).fingerprint);
  });

  it('refuses a rotation not signed by the trusted key, for an unknown office, with a forged new-key signature, tampered or malformed; each refusal is audited and changes nothing', async () => {
    const { c, o } = await trusting();
    const old = orgSignerOf(o);
    const m = orgMeta(o);
    const statement = (oldKey: string, newKey: string, organisationId = m.organisationId) => ({
      organisationId,
      name: m.name,
      oldSigningPublicKey: oldKey,
      oldFingerprint: keyFingerprint(oldKey),
      newSigningPublicKey: newKey,
      newBoxPublicKey: m.boxPublicKey,
      rotatedAt: o.iso(),
    });
    const next = generateDeviceKeyPair();
    const impostor = generateDeviceKeyPair();
    const stranger = generateDeviceKeyPair();
    const genuine = signedFileText(signRotationFile('qeyd-npm-key-rotation', statement(old.publicKey, next.publicKey), old, next.privateKey));
    const tampered = (() => {
      const f = JSON.parse(genuine) as { body: string };
      f.body = f.body.replace(m.name, `${m.name}!`);
      return JSON.stringify(f);
    })();
    const cases: [string, string][] = [
      // signed by a key the centre never trusted, in the office's name
      [
        signedFileText(signRotationFile('qeyd-npm-key-rotation', statement(impostor.publicKey, next.publicKey), { kind: 'organisation', id: m.organisationId, ...impostor }, next.privateKey)),
        'error.npm.rotationNotTrusted',
      ],
      // an office this centre does not know
      [
        signedFileText(
          signRotationFile('qeyd-npm-key-rotation', statement(stranger.publicKey, next.publicKey, 'org-elsewhere'), { kind: 'organisation', id: 'org-elsewhere', ...stranger }, next.privateKey),
        ),
        'error.npm.rotationUnknownSender',
      ],
      // the old key signed it, but the "new" key's signature is not the new key's: nobody may name a key they do not hold
      [signedFileText(signRotationFile('qeyd-npm-key-rotation', statement(old.publicKey, next.publicKey), old, impostor.privateKey)), 'error.npm.badSignature'],
      [tampered, 'error.npm.badSignature'],
      ['{"format":"qeyd-npm-key-rotation","version":1,', 'error.npm.badFile'],
      [(await o.monitor.npmOrg.identity({})).content, 'error.npm.badFile'],
    ];
    const events = c.count('events');
    const trust = (await (await c.as('centre_head')).npmCentre.status({})).trustedOmbudsman;
    for (const [content, key] of cases) {
      expect((await refusal(c.inst.admin.npmCentre.readKeyRotation({ content }))).messageKey, key).toBe(key);
      expect((await refusal(c.inst.admin.npmCentre.acceptKeyRotation({ content }))).messageKey, key).toBe(key);
    }
    expect(c.count('events')).toBe(events);
    expect((await (await c.as('centre_head')).npmCentre.status({})).trustedOmbudsman).toEqual(trust);
    expect(auditLines(c, 'npm.keyRotationRefused').map((l) => l.detail)).toEqual(cases.flatMap(([, key]) => [key, key]));
    expect(auditLines(c, 'npm.keyRotationRefused').every((l) => l.outcome === 'denied')).toBe(true);

    // A centre that trusts no office has nobody to hand trust from.
    const other = await centre();
    expect((await refusal(other.inst.admin.npmCentre.acceptKeyRotation({ content: genuine }))).messageKey).toBe('error.npm.rotationUnknownSender');
    // Whom the centre trusts is for those who manage its settings, not for a registrar.
    const registrar = await c.as('registrar');
    expect((await refusal(registrar.npmCentre.acceptKeyRotation({ content: genuine }))).code).toBe('forbidden');
  });

  it('two rotations are accepted in order; the first taken in again is recognised, and a key once replaced is never trusted again', async () => {
    const { c, o } = await trusting();
    const original = orgSignerOf(o);
    const first = await o.admin.npmOrg.rotateKey({});
    await o.advance(minutes(1));
    const second = await o.admin.npmOrg.rotateKey({});
    // Out of order: the second is signed by a key the centre does not trust yet.
    expect((await refusal(c.inst.admin.npmCentre.acceptKeyRotation({ content: second.content }))).messageKey).toBe('error.npm.rotationNotTrusted');
    await c.inst.admin.npmCentre.acceptKeyRotation({ content: first.content });
    await c.inst.admin.npmCentre.acceptKeyRotation({ content: second.content });
    expect((await (await c.as('centre_head')).npmCentre.status({})).trustedOmbudsman!.fingerprint).toBe(second.newFingerprint);
    expect(await c.inst.admin.npmCentre.acceptKeyRotation({ content: first.content })).toMatchObject({ alreadyAccepted: true });
    expect((await (await c.as('centre_head')).npmCentre.status({})).trustedOmbudsman!.fingerprint).toBe(second.newFingerprint);

    // Whoever holds both the current key and the original one cannot hand trust back to the original.
    const current = orgSignerOf(o);
    const m = orgMeta(o);
    const back = signRotationFile(
      'qeyd-npm-key-rotation',
      {
        organisationId: m.organisationId,
        name: m.name,
        oldSigningPublicKey: current.publicKey,
        oldFingerprint: keyFingerprint(current.publicKey),
        newSigningPublicKey: original.publicKey,
        newBoxPublicKey: m.boxPublicKey,
        rotatedAt: o.iso(),
      },
      current,
      original.privateKey,
    );
    const events = c.count('events');
    expect((await refusal(c.inst.admin.npmCentre.acceptKeyRotation({ content: signedFileText(back) }))).messageKey).toBe('error.npm.rotationKeyReused');
    expect(c.count('events')).toBe(events);
    expect((await (await c.as('centre_head')).npmCentre.status({})).trustedOmbudsman!.fingerprint).toBe(second.newFingerprint);
  });
});

describe("a centre device's key for files to the office", () => {
  it('the centre makes a new key; the office sees old → new, accepts, then takes the extract signed with it and the one made before, and refuses an old-key file made after the change', async () => {
    const c = await centre();
    const o = await office({ start: new Date(c.clock.now).toISOString() });
    const facilityId = await introduce(o, await c.as('centre_head'));
    const visitId = await visitOnSite(o, facilityId);
    const head = await c.as('centre_head');
    const today = new Date(c.clock.now).toISOString().slice(0, 10);
    const before = await head.npmCentre.exportExtract({ from: today, to: today });
    const store = c.inst.backend.installation.requireStore();
    const deviceKey = { kind: 'device' as const, id: store.device.deviceId, publicKey: store.device.publicKey, privateKey: store.devicePrivateKey };
    const oldFingerprint = (await head.npmCentre.status({})).fileKey.fingerprint;
    expect(oldFingerprint).toBe(keyFingerprint(store.device.publicKey));

    await c.advance(minutes(3));
    const rotated = await c.inst.admin.npmCentre.rotateKey({});
    expect(rotated.oldFingerprint).toBe(oldFingerprint);
    expect(await head.npmCentre.status({})).toMatchObject({ fileKey: { fingerprint: rotated.newFingerprint, rotatedAt: new Date(c.clock.now).toISOString() } });
    // The device's chain key, which HQ and its peers hold, is not touched.
    expect(store.device.publicKey).toBe(deviceKey.publicKey);
    expect(c.inst.backend.installation.requireStore().sqlite.prepare("SELECT outcome FROM audit_log WHERE action = 'npm.deviceKeyRotated'").all()).toEqual([{ outcome: 'ok' }]);

    const after = await head.npmCentre.exportExtract({ from: today, to: today });
    expect((await refusal(o.monitor.npmVisits.importExtract({ visitId, content: after.content }))).messageKey).toBe('error.npm.unknownKey');

    const events = o.count('events');
    const view = await o.monitor.npmFacilities.readKeyRotation({ content: rotated.content });
    expect(view).toMatchObject({ facilityId, deviceId: store.device.deviceId, oldFingerprint, newFingerprint: rotated.newFingerprint, alreadyAccepted: false });
    expect(o.count('events')).toBe(events);
    expect(await o.monitor.npmFacilities.acceptKeyRotation({ content: rotated.content })).toEqual(view);
    expect(await o.monitor.npmFacilities.acceptKeyRotation({ content: rotated.content })).toEqual({ ...view, alreadyAccepted: true });
    expect(o.count('events')).toBe(events + 1);
    expect((await o.monitor.npmFacilities.list({})).facilities[0]!.devices).toEqual([expect.objectContaining({ fingerprint: rotated.newFingerprint })]);

    await o.advance(minutes(5));
    expect(await o.monitor.npmVisits.importExtract({ visitId, content: after.content })).toMatchObject({ persons: 0 });
    expect(await o.monitor.npmVisits.importExtract({ visitId, content: before.content })).toMatchObject({ persons: 0 });
    // The old device key signing after the change (a laptop image someone kept) is refused.
    const forged = JSON.parse(after.content) as { body: string };
    const body = registerExtractBody.parse({ ...(JSON.parse(forged.body) as object), extractId: randomUUID(), generatedAt: new Date(c.clock.now + days(1)).toISOString() });
    const extracts = o.count('visit_extracts');
    const e = await refusal(o.monitor.npmVisits.importExtract({ visitId, content: signedFileText(signFile('qeyd-register-extract', body, deviceKey)) }));
    expect(e.messageKey).toBe('error.npm.retiredKey');
    expect(o.count('visit_extracts')).toBe(extracts);

    // Its identity file now carries the new key, which the office already holds for that device.
    expect((await o.monitor.npmFacilities.add({ content: (await head.npmCentre.identity({})).content })).facility.devices).toHaveLength(1);
  });

  it('the office refuses a device rotation from an unknown device or not signed by the key it holds, changing nothing', async () => {
    const c = await centre();
    const o = await office({ start: new Date(c.clock.now).toISOString() });
    const rotated = await c.inst.admin.npmCentre.rotateKey({});
    // The office was never given this centre's identity.
    expect((await refusal(o.monitor.npmFacilities.acceptKeyRotation({ content: rotated.content }))).messageKey).toBe('error.npm.rotationUnknownSender');
    // Introduced with its new key, the office holds that key: the old key's statement no longer speaks for it.
    await introduce(o, await c.as('centre_head'));
    const again = await c.inst.admin.npmCentre.rotateKey({});
    const events = o.count('events');
    expect((await refusal(o.monitor.npmFacilities.acceptKeyRotation({ content: rotated.content }))).messageKey).toBe('error.npm.rotationNotTrusted');
    expect(o.count('events')).toBe(events);
    expect(await o.monitor.npmFacilities.acceptKeyRotation({ content: again.content })).toMatchObject({ alreadyAccepted: false });
  });
});
