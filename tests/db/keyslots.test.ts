import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  createInstallation,
  openRecoverySlot,
  openUserSlot,
  promotedRekey,
  withPendingRekey,
  formatRecoveryKey,
  installationFileSchema,
  normalizeRecoveryKey,
  unlockWithPassword,
  unlockWithRecoveryKey,
  withoutUserSlot,
  withUserSlot,
} from '../../db/keyslots';

const base = { facilityName: 'Centre', facilityKind: 'detention_centre' as const, adminUsername: 'admin', adminPassword: 'first password 1' };

describe('database key slots', () => {
  it('unwraps the same random key with the admin password and with the recovery key', async () => {
    const { file, dbKey, recoveryKey } = await createInstallation(base);
    expect(dbKey).toHaveLength(32);
    expect((await unlockWithPassword(file, 'admin', 'first password 1'))?.equals(dbKey)).toBe(true);
    expect((await unlockWithRecoveryKey(file, recoveryKey))?.equals(dbKey)).toBe(true);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const { file } = await createInstallation(base);
    expect(await unlockWithPassword(file, 'admin', 'not the password')).toBeNull();
    expect(await unlockWithPassword(file, 'nobody', 'first password 1')).toBeNull();
  });

  it('a slot file that asks for a costlier scrypt than the app writes is refused before any key is derived', async () => {
    const { file } = await createInstallation(base);
    expect(installationFileSchema.safeParse(file).success).toBe(true);
    for (const costly of [{ N: 2 ** 20 }, { N: 2 ** 18 }, { r: 16 }, { p: 4 }, { N: 2 ** 17, r: 9 }]) {
      const tampered = { ...file, slots: file.slots.map((slot) => ({ ...slot, kdf: { ...slot.kdf, ...costly } })) };
      expect(installationFileSchema.safeParse(tampered).success, JSON.stringify(costly)).toBe(false);
    }
    // An older, cheaper slot (N = 2^15) still reads: it is upgraded at its owner's next sign-in.
    const older = { ...file, slots: file.slots.map((slot) => ({ ...slot, kdf: { ...slot.kdf, N: 2 ** 15 } })) };
    expect(installationFileSchema.safeParse(older).success).toBe(true);
  });

  it('never writes the key, the password or the user name into the slot file', async () => {
    const { file, dbKey } = await createInstallation(base);
    const text = JSON.stringify(file);
    expect(text).not.toContain(dbKey.toString('base64'));
    expect(text).not.toContain(dbKey.toString('hex'));
    expect(text).not.toContain('first password 1');
    expect(text).not.toContain('"admin"');
  });

  it('re-wraps the key on a password change: the old password stops working', async () => {
    const { file, dbKey } = await createInstallation(base);
    const changed = await withUserSlot(file, dbKey, 'admin', 'second password 2');
    expect(await unlockWithPassword(changed, 'admin', 'first password 1')).toBeNull();
    expect((await unlockWithPassword(changed, 'admin', 'second password 2'))?.equals(dbKey)).toBe(true);
    expect(changed.slots.filter((s) => s.kind === 'user')).toHaveLength(1);
  });

  it('adds a slot for a new user and removes it again', async () => {
    const { file, dbKey } = await createInstallation(base);
    const added = await withUserSlot(file, dbKey, 'Registrar1', 'registrar password');
    expect((await unlockWithPassword(added, 'registrar1', 'registrar password'))?.equals(dbKey)).toBe(true);
    const removed = withoutUserSlot(added, 'registrar1');
    expect(await unlockWithPassword(removed, 'registrar1', 'registrar password')).toBeNull();
  });

  it('accepts a recovery key typed by hand, in lower case and without dashes', async () => {
    const { file, dbKey, recoveryKey } = await createInstallation(base);
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    expect((await unlockWithRecoveryKey(file, typed))?.equals(dbKey)).toBe(true);
    expect(normalizeRecoveryKey(typed)).toBe(recoveryKey);
  });

  it('formats 256 random bits as 52 unambiguous characters in groups of four', () => {
    const key = formatRecoveryKey(Buffer.alloc(32, 0xff));
    expect(key.replace(/-/g, '')).toHaveLength(52);
    expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
  });
});

describe('a re-key of the database key (issue #10 §4)', () => {
  it('re-seals the new key to every slot without any password, each slot opening both keys until the new list is promoted', async () => {
    const { file, dbKey, recoveryKey } = await createInstallation(base);
    const withUser = await withUserSlot(file, dbKey, 'registrar', 'registrar password');
    const newKey = randomBytes(32);
    const pending = await withPendingRekey(withUser, newKey);
    expect(pending.droppedUserTags).toEqual([]);
    expect(pending.recoveryKey).toBeNull();
    for (const [name, pw] of [
      ['admin', 'first password 1'],
      ['registrar', 'registrar password'],
    ] as const) {
      const opening = (await openUserSlot(pending.file, name, pw))!;
      expect(opening.current?.equals(dbKey)).toBe(true);
      expect(opening.next?.equals(newKey)).toBe(true);
    }
    const promoted = promotedRekey(pending.file);
    expect(promoted.rekey).toBeUndefined();
    expect((await unlockWithPassword(promoted, 'registrar', 'registrar password'))?.equals(newKey)).toBe(true);
    expect((await openRecoverySlot(promoted, recoveryKey))?.current?.equals(newKey)).toBe(true);
    // Nothing in the file reveals the new key to someone who knew only the old one.
    expect(JSON.stringify(promoted)).not.toContain(newKey.toString('base64'));
  });
});
