import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../core/canonical-json';
import { BundleError, openBundle, sealBundle, type BundleFile } from '../../db/bundle';
import { signWith } from '../../db/device-auth';
import { createInstallation, unlockWithPassword } from '../../db/keyslots';
import { generateSealingKeyPair, open, seal, SealedOpenError } from '../../db/sealed';
import { rowToEvent, Store, type EventRow } from '../../db/store';
import { tempDir } from '../helpers/backend';

/**
 * AES-GCM checks as many tag bytes as it is given: without `authTagLength: 16` a tag cut to 4 bytes
 * still "verifies", and a forgery needs 2^32 tries instead of 2^128 (issue #10 §6). Each kind of
 * ciphertext is cut to 4, 8 and 12 bytes of its genuine tag and must be refused.
 */
const shortLengths = [4, 8, 12];

function truncated(tagBase64: string, bytes: number): string {
  return Buffer.from(tagBase64, 'base64').subarray(0, bytes).toString('base64');
}

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('AES-GCM refuses a tag shorter than 16 bytes', () => {
  it('in a key slot: the right password no longer opens a slot whose tag was cut', async () => {
    const { file, dbKey } = await createInstallation({ facilityName: 'Centre', facilityKind: 'detention_centre', adminUsername: 'admin', adminPassword: 'first password 1' });
    expect((await unlockWithPassword(file, 'admin', 'first password 1'))?.equals(dbKey)).toBe(true);
    for (const bytes of shortLengths) {
      const cut = { ...file, slots: file.slots.map((s) => (s.kind === 'user' ? { ...s, authTag: truncated(s.authTag, bytes) } : s)) };
      expect(await unlockWithPassword(cut, 'admin', 'first password 1'), `${bytes}-byte tag`).toBeNull();
    }
  });

  it('in sealed interview notes: the organisation key no longer opens them', () => {
    const org = generateSealingKeyPair();
    const sealed = seal(org.publicKey, { notes: 'Beaten in the corridor by the night shift' });
    expect(open(org.privateKey, sealed)).toEqual({ notes: 'Beaten in the corridor by the night shift' });
    for (const bytes of shortLengths) {
      let reason = 'opened';
      try {
        open(org.privateKey, { ...sealed, tag: truncated(sealed.tag, bytes) });
      } catch (e) {
        reason = e instanceof SealedOpenError ? e.reason : String(e);
      }
      expect(reason, `${bytes}-byte tag`).toBe('tampered');
    }
  });

  it('in a bundle: even signed by its own device, a bundle whose tag was cut does not decrypt', () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = Store.create(join(dir.path, 'qeyd.db'), randomBytes(32), 'Desk 1', { facility_name: 'Centre' });
    try {
      store.command({ userId: 'user-1' }, 'test', (tx) =>
        tx.append({
          type: 'person.registered',
          entityId: randomUUID(),
          payload: { details: { names: { original: 'Amina', latin: 'Amina', aliases: [] }, sex: 'female', nationalities: ['AFG'], stateless: false, languages: ['fa'] } },
        }),
      );
      const events = (store.sqlite.prepare('SELECT * FROM events ORDER BY local_seq').all() as EventRow[]).map(rowToEvent);
      const facilityId = 'facility-1';
      const bundleKey = randomBytes(32).toString('base64');
      const file = sealBundle(
        { events, head: store.signHeadAt(events[events.length - 1]!.deviceSeq) },
        { deviceId: store.device.deviceId, devicePrivateKey: store.devicePrivateKey, facilityId, bundleKey, bundleKeyId: 1, createdAt: new Date().toISOString() },
      );
      expect(openBundle(file, { facilityId, bundleKey, expectedPublicKey: store.device.publicKey }).content.events).toHaveLength(1);
      for (const bytes of shortLengths) {
        const { signature: _, ...unsigned } = { ...file, authTag: truncated(file.authTag, bytes) };
        // Re-signed, so that only the tag's length stands between this file and the device's events.
        const cut: BundleFile = { ...unsigned, signature: signWith(store.devicePrivateKey, Buffer.from(canonicalJson(unsigned))) };
        let reason = 'opened';
        try {
          openBundle(cut, { facilityId, bundleKey, expectedPublicKey: store.device.publicKey });
        } catch (e) {
          reason = e instanceof BundleError ? e.reason : String(e);
        }
        expect(reason, `${bytes}-byte tag`).toBe('cannot_decrypt');
      }
    } finally {
      store.close();
    }
  });
});
