import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { facilityKind } from '../core/fields';

/**
 * The database key is random and never stored in the clear. Like LUKS key slots, it is wrapped once per
 * user (with a key derived from that user's password) and once by the recovery key printed at setup.
 * A stolen laptop yields nothing without a password; a forgotten admin password is not the end.
 */

const kdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string(),
});

const slotSchema = z.object({
  kind: z.enum(['user', 'recovery']),
  /** HMAC of the user name, so the file does not list who works here. */
  tag: z.string(),
  kdf: kdfSchema,
  iv: z.string(),
  wrapped: z.string(),
  authTag: z.string(),
});
export type KeySlot = z.infer<typeof slotSchema>;

export const installationFileSchema = z.object({
  format: z.literal(1),
  installationId: z.string(),
  facilityName: z.string(),
  facilityKind,
  tagSalt: z.string(),
  slots: z.array(slotSchema),
});
export type InstallationFile = z.infer<typeof installationFileSchema>;

export const scryptParams = { N: 2 ** 15, r: 8, p: 1 } as const;

function scrypt(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(secret.normalize('NFC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

function tagFor(file: Pick<InstallationFile, 'tagSalt'>, kind: KeySlot['kind'], username: string): string {
  const subject = kind === 'recovery' ? '\u0000recovery' : username.toLowerCase();
  return createHmac('sha256', Buffer.from(file.tagSalt, 'base64')).update(subject).digest('base64');
}

function aad(installationId: string, tag: string): Buffer {
  return Buffer.from(`qeyd-keyslot-v1|${installationId}|${tag}`);
}

async function wrap(installationId: string, tag: string, kind: KeySlot['kind'], secret: string, dbKey: Buffer): Promise<KeySlot> {
  const salt = randomBytes(16);
  const kek = await scrypt(secret, salt, scryptParams);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(aad(installationId, tag));
  const wrapped = Buffer.concat([cipher.update(dbKey), cipher.final()]);
  return {
    kind,
    tag,
    kdf: { name: 'scrypt', ...scryptParams, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    wrapped: wrapped.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
  };
}

async function unwrap(installationId: string, slot: KeySlot, secret: string): Promise<Buffer | null> {
  const kek = await scrypt(secret, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(aad(installationId, slot.tag));
    decipher.setAuthTag(Buffer.from(slot.authTag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

// Crockford's base32: no I, L, O, U, so a key read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function formatRecoveryKey(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** Accepts the key as a person types it: any case, spaces or dashes, O for 0 and I/L for 1. */
export function normalizeRecoveryKey(input: string): string {
  const clean = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return clean.match(/.{1,4}/g)?.join('-') ?? '';
}

export interface NewInstallation {
  facilityName: string;
  facilityKind: InstallationFile['facilityKind'];
  adminUsername: string;
  adminPassword: string;
}

export async function createInstallation(input: NewInstallation): Promise<{ file: InstallationFile; dbKey: Buffer; recoveryKey: string }> {
  const dbKey = randomBytes(32);
  const recoveryKey = formatRecoveryKey(randomBytes(32));
  const base = {
    format: 1 as const,
    installationId: randomUUID(),
    facilityName: input.facilityName,
    facilityKind: input.facilityKind,
    tagSalt: randomBytes(16).toString('base64'),
  };
  const userTag = tagFor(base, 'user', input.adminUsername);
  const recoveryTag = tagFor(base, 'recovery', '');
  const slots = await Promise.all([
    wrap(base.installationId, userTag, 'user', input.adminPassword, dbKey),
    wrap(base.installationId, recoveryTag, 'recovery', recoveryKey, dbKey),
  ]);
  return { file: { ...base, slots }, dbKey, recoveryKey };
}

function findSlot(file: InstallationFile, kind: KeySlot['kind'], username: string): KeySlot | undefined {
  const tag = Buffer.from(tagFor(file, kind, username));
  return file.slots.find((s) => s.kind === kind && s.tag.length === tag.length && timingSafeEqual(Buffer.from(s.tag), tag));
}

/** The database key, or null for a wrong user name or password (deliberately not saying which). */
export async function unlockWithPassword(file: InstallationFile, username: string, password: string): Promise<Buffer | null> {
  const slot = findSlot(file, 'user', username);
  if (!slot) {
    // Spend the same time as a real attempt so a caller cannot probe which user names exist.
    await scrypt(password, randomBytes(16), scryptParams);
    return null;
  }
  return unwrap(file.installationId, slot, password);
}

export async function unlockWithRecoveryKey(file: InstallationFile, recoveryKey: string): Promise<Buffer | null> {
  const slot = findSlot(file, 'recovery', '');
  if (!slot) return null;
  return unwrap(file.installationId, slot, normalizeRecoveryKey(recoveryKey));
}

/** Adds a slot for a user, or replaces theirs (a password change re-wraps the same database key). */
export async function withUserSlot(file: InstallationFile, dbKey: Buffer, username: string, password: string): Promise<InstallationFile> {
  const tag = tagFor(file, 'user', username);
  const slot = await wrap(file.installationId, tag, 'user', password, dbKey);
  return { ...file, slots: [...file.slots.filter((s) => !(s.kind === 'user' && s.tag === tag)), slot] };
}

export function withoutUserSlot(file: InstallationFile, username: string): InstallationFile {
  const tag = tagFor(file, 'user', username);
  return { ...file, slots: file.slots.filter((s) => !(s.kind === 'user' && s.tag === tag)) };
}
