import { createCipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto';
import { normalizeRecoveryKey, type InstallationFile, type KeySlot } from '../../../db/keyslots';

/**
 * A slot file as installations made before issue #10 wrote it (format 1, scrypt N = 2^15): each
 * password wraps the database key itself. Built here byte for byte as that code did, to test upgrades.
 */
export async function legacySlotFile(file: InstallationFile, dbKey: Buffer, passwords: Record<string, string>, recoveryKey: string): Promise<InstallationFile> {
  const tag = (subject: string) => createHmac('sha256', Buffer.from(file.tagSalt, 'base64')).update(subject).digest('base64');
  const wrap = (kind: KeySlot['kind'], t: string, secret: string): KeySlot => {
    const salt = randomBytes(16);
    const params = { N: 2 ** 15, r: 8, p: 1 };
    const kek = scryptSync(secret.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 });
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(Buffer.from(`qeyd-keyslot-v1|${file.installationId}|${t}`));
    const wrapped = Buffer.concat([cipher.update(dbKey), cipher.final()]);
    return {
      kind,
      tag: t,
      kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
      iv: iv.toString('base64'),
      wrapped: wrapped.toString('base64'),
      authTag: cipher.getAuthTag().toString('base64'),
    };
  };
  const slots = Object.entries(passwords).map(([u, pw]) => wrap('user', tag(u.toLowerCase()), pw));
  slots.push(wrap('recovery', tag('\u0000recovery'), normalizeRecoveryKey(recoveryKey)));
  return { ...file, slots };
}
