import { createHmac, generateKeyPairSync, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { kdfCost, productionKdfCost } from './kdf-cost';
import { facilityKind } from '../core/fields';
import { gcmOpen, gcmSeal, open, rawX25519, seal, x25519PrivateFromRaw, x25519PublicFromRaw, type SealFormat } from './x25519-seal';
import { scryptKdfSchema } from '../core/scrypt-kdf';

/**
 * The database key is random and never stored in the clear. Like LUKS key slots, it is wrapped once per
 * user (with a key derived from that user's password) and once by the recovery key printed at setup.
 * A stolen laptop yields nothing without a password; a forgotten admin password is not the end.
 *
 * Slot format 2 (issue #10 §4): the password does not wrap the database key itself but the private half
 * of an X25519 key pair kept per slot, and the database key is sealed to the public half. Sealing needs
 * no password, so when a user is disabled the database can be re-keyed and the new key sealed to every
 * remaining slot at once, while nobody else is signed in. Format-1 slots (the data key wrapped directly)
 * still open, and are rewritten as format 2 at their owner's next sign-in.
 */

const b64 = z.string().max(200);

/**
 * Bounded so that a tampered slot file cannot make sign-in spend more memory than the slots we write
 * (issue #10 §6): N = 2^17, r = 8, p = 1 costs 128 MiB, and no slot may ask for more than that. Older,
 * cheaper slots (N = 2^15) still open and are upgraded at their owner's next sign-in.
 */
const maxScryptBytes = 128 * productionKdfCost.keySlot.N * productionKdfCost.keySlot.r * productionKdfCost.keySlot.p;
const kdfSchema = scryptKdfSchema(productionKdfCost.keySlot, b64).refine((k) => 128 * k.N * k.r * k.p <= maxScryptBytes);

const sealedSchema = z.object({ ephemeral: b64, iv: b64, wrapped: b64, authTag: b64 });

const slotSchema = z.object({
  kind: z.enum(['user', 'recovery']),
  /** HMAC of the user name, so the file does not list who works here. */
  tag: b64,
  kdf: kdfSchema,
  iv: b64,
  /** Format 1: the database key. Format 2: the slot's X25519 private key. */
  wrapped: b64,
  authTag: b64,
  /** Format 2: the slot's X25519 public key, and the database key sealed to it. */
  publicKey: b64.optional(),
  sealed: sealedSchema.optional(),
  /** Set by an administrator's reset: the one-time password must be replaced at first sign-in. */
  mustChange: z.literal(true).optional(),
});
export type KeySlot = z.infer<typeof slotSchema>;

export const installationFileSchema = z.object({
  format: z.literal(1),
  installationId: z.string(),
  facilityName: z.string(),
  facilityKind,
  tagSalt: z.string(),
  slots: z.array(slotSchema),
  /**
   * A re-key in progress: the complete next slot list, sealing the new database key. Until the database
   * itself is re-keyed and this list promoted, each slot opens both keys and the one that opens the
   * database wins, so a crash at any point leaves every remaining password able to open the store.
   */
  rekey: z.object({ slots: z.array(slotSchema) }).optional(),
});
export type InstallationFile = z.infer<typeof installationFileSchema>;

/**
 * N = 2^17 (128 MiB, about 0.5–1 s on a duty-desk laptop: see scripts/bench/unlock.bench.ts). Slots
 * written with weaker parameters are re-wrapped at their owner's next successful sign-in. New slots
 * are written at `kdfCost().keySlot`, which is this everywhere but in the test runner (db/kdf-cost.ts).
 */
export const scryptParams = productionKdfCost.keySlot;

/** scrypt needs 128·N·r bytes; Node refuses above `maxmem` (32 MiB by default), so it is set to fit. */
export function scryptMaxmem(params: { N: number; r: number; p: number }): number {
  return 128 * params.N * params.r * params.p + 16 * 1024 * 1024;
}

function scrypt(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(secret.normalize('NFC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem: scryptMaxmem(params) }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function tagFor(file: Pick<InstallationFile, 'tagSalt'>, kind: KeySlot['kind'], username: string): string {
  const subject = kind === 'recovery' ? '\u0000recovery' : username.toLowerCase();
  return createHmac('sha256', Buffer.from(file.tagSalt, 'base64')).update(subject).digest('base64');
}

function aadV1(installationId: string, tag: string): Buffer {
  return Buffer.from(`qeyd-keyslot-v1|${installationId}|${tag}`);
}

/** The must-change flag is bound into the wrapping: deleting it from the file makes the slot unopenable. */
function aadV2(installationId: string, slot: Pick<KeySlot, 'tag' | 'publicKey' | 'mustChange'>): Buffer {
  return Buffer.from(`qeyd-keyslot-v2|${installationId}|${slot.tag}|${slot.publicKey ?? ''}|${slot.mustChange ? 'must-change' : ''}`);
}

function sealAad(installationId: string, tag: string, publicKey: string): Buffer {
  return Buffer.from(`qeyd-keyslot-seal-v2|${installationId}|${tag}|${publicKey}`);
}

/** The slot's own fields (`iv`, `wrapped`, `authTag`) are the box, base64 as written since format 1. */
function gcmEncrypt(key: Buffer, plain: Buffer, aad: Buffer): { iv: string; wrapped: string; authTag: string } {
  const { iv, ct, tag } = gcmSeal(key, plain, aad);
  return { iv: iv.toString('base64'), wrapped: ct.toString('base64'), authTag: tag.toString('base64') };
}

function gcmDecrypt(key: Buffer, box: { iv: string; wrapped: string; authTag: string }, aad: Buffer): Buffer | null {
  return gcmOpen(key, { iv: Buffer.from(box.iv, 'base64'), ct: Buffer.from(box.wrapped, 'base64'), tag: Buffer.from(box.authTag, 'base64') }, aad);
}

/** Slot format 2's sealing: the raw ephemeral key salts the HKDF (as written since format 2). */
const sealFormat = (aad: Buffer): SealFormat => ({ info: 'qeyd-keyslot-seal-v2', epk: 'raw', aad: () => aad });

function sealKey(publicKey: KeyObject, aad: Buffer, dbKey: Buffer): z.infer<typeof sealedSchema> {
  const box = seal(publicKey, dbKey, sealFormat(aad));
  return { ephemeral: box.epk.toString('base64'), iv: box.iv.toString('base64'), wrapped: box.ct.toString('base64'), authTag: box.tag.toString('base64') };
}

function openSealed(privateKey: KeyObject, aad: Buffer, sealed: z.infer<typeof sealedSchema>): Buffer | null {
  const b = (s: string) => Buffer.from(s, 'base64');
  return open(privateKey, { epk: b(sealed.ephemeral), iv: b(sealed.iv), ct: b(sealed.wrapped), tag: b(sealed.authTag) }, sealFormat(aad));
}

async function wrap(installationId: string, tag: string, kind: KeySlot['kind'], secret: string, dbKey: Buffer, opts: { mustChange?: boolean } = {}): Promise<KeySlot> {
  const salt = randomBytes(16);
  const cost = kdfCost().keySlot;
  const kek = await scrypt(secret, salt, cost);
  const pair = generateKeyPairSync('x25519');
  const publicKey = rawX25519(pair.publicKey).toString('base64');
  const head = { kind, tag, publicKey, ...(opts.mustChange ? { mustChange: true as const } : {}) };
  return {
    ...head,
    kdf: { name: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: salt.toString('base64') },
    ...gcmEncrypt(kek, rawX25519(pair.privateKey, 'd'), aadV2(installationId, head)),
    sealed: sealKey(pair.publicKey, sealAad(installationId, tag, publicKey), dbKey),
  };
}

/** A copy of a format-2 slot sealing another database key: no password needed. */
function resealed(installationId: string, slot: KeySlot, dbKey: Buffer): KeySlot {
  if (!slot.publicKey) throw new Error('a format-1 slot cannot be re-sealed without its password');
  return { ...slot, sealed: sealKey(x25519PublicFromRaw(Buffer.from(slot.publicKey, 'base64')), sealAad(installationId, slot.tag, slot.publicKey), dbKey) };
}

/** What a secret opens in one slot: the database key (format 1) or the slot's private key (format 2). */
async function unwrapSlot(installationId: string, slot: KeySlot, secret: string): Promise<{ dbKey: Buffer } | { privateKey: KeyObject } | null> {
  const kek = await scrypt(secret, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf);
  if (!slot.publicKey || !slot.sealed) {
    const dbKey = gcmDecrypt(kek, slot, aadV1(installationId, slot.tag));
    return dbKey ? { dbKey } : null;
  }
  const d = gcmDecrypt(kek, slot, aadV2(installationId, slot));
  if (!d) return null;
  const privateKey = x25519PrivateFromRaw(d, Buffer.from(slot.publicKey, 'base64'));
  d.fill(0);
  return { privateKey };
}

function keyIn(installationId: string, slot: KeySlot, opened: { dbKey: Buffer } | { privateKey: KeyObject }): Buffer | null {
  if ('dbKey' in opened) return Buffer.from(opened.dbKey);
  if (!slot.publicKey || !slot.sealed) return null;
  return openSealed(opened.privateKey, sealAad(installationId, slot.tag, slot.publicKey), slot.sealed);
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
  const clean = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
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
  const slots = await Promise.all([wrap(base.installationId, userTag, 'user', input.adminPassword, dbKey), wrap(base.installationId, recoveryTag, 'recovery', recoveryKey, dbKey)]);
  return { file: { ...base, slots }, dbKey, recoveryKey };
}

function sameTag(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function findSlot(slots: readonly KeySlot[] | undefined, kind: KeySlot['kind'], tag: string): KeySlot | undefined {
  return slots?.find((s) => s.kind === kind && sameTag(s.tag, tag));
}

/**
 * What a password or the recovery key opened: the database key of the current slot list and, while a
 * re-key is pending, the new one (the caller keeps whichever opens the database); whether the slot should
 * be re-wrapped with today's parameters; and whether its password must be replaced now.
 */
export interface SlotOpening {
  current: Buffer | null;
  next: Buffer | null;
  /** `current` then `next`, the order in which to try them. */
  keys: Buffer[];
  upgrade: boolean;
  mustChange: boolean;
}

export function isCurrentSlot(slot: KeySlot): boolean {
  const cost = kdfCost().keySlot;
  return !!slot.publicKey && !!slot.sealed && slot.kdf.N >= cost.N && slot.kdf.r >= cost.r && slot.kdf.p >= cost.p;
}

async function openSlot(file: InstallationFile, kind: KeySlot['kind'], username: string, secret: string): Promise<SlotOpening | null> {
  const tag = tagFor(file, kind, username);
  const now = findSlot(file.slots, kind, tag);
  const pending = findSlot(file.rekey?.slots, kind, tag);
  const first = now ?? pending;
  if (!first) {
    // Spend the same time as a real attempt so a caller cannot probe which user names exist.
    await scrypt(secret, randomBytes(16), kdfCost().keySlot);
    return null;
  }
  const opened = await unwrapSlot(file.installationId, first, secret);
  if (!opened) return null;
  const current = now ? keyIn(file.installationId, now, opened) : null;
  let next: Buffer | null = null;
  if (pending) {
    // A re-sealed copy shares the key pair; a pre-upgrade recovery slot is replaced by a new pair.
    if (pending.publicKey && pending.publicKey === first.publicKey) next = keyIn(file.installationId, pending, opened);
    else {
      const again = await unwrapSlot(file.installationId, pending, secret);
      next = again ? keyIn(file.installationId, pending, again) : null;
    }
  }
  const keys = [current, next].filter((k): k is Buffer => k !== null);
  if (keys.length === 0) return null;
  return { current, next, keys, upgrade: !isCurrentSlot(first), mustChange: first.mustChange === true };
}

export function openUserSlot(file: InstallationFile, username: string, password: string): Promise<SlotOpening | null> {
  return openSlot(file, 'user', username, password);
}

export function openRecoverySlot(file: InstallationFile, recoveryKey: string): Promise<SlotOpening | null> {
  return openSlot(file, 'recovery', '', normalizeRecoveryKey(recoveryKey));
}

/** The database key, or null for a wrong user name or password (deliberately not saying which). */
export async function unlockWithPassword(file: InstallationFile, username: string, password: string): Promise<Buffer | null> {
  const opened = await openUserSlot(file, username, password);
  return opened?.current ?? null;
}

export async function unlockWithRecoveryKey(file: InstallationFile, recoveryKey: string): Promise<Buffer | null> {
  const opened = await openRecoverySlot(file, recoveryKey);
  return opened?.current ?? null;
}

/** Adds a slot for a user, or replaces theirs (a password change re-wraps the same database key). */
export async function withUserSlot(file: InstallationFile, dbKey: Buffer, username: string, password: string, opts: { mustChange?: boolean } = {}): Promise<InstallationFile> {
  if (file.rekey) throw new Error('a re-key is pending: finish it before changing slots');
  const tag = tagFor(file, 'user', username);
  const slot = await wrap(file.installationId, tag, 'user', password, dbKey, opts);
  return { ...file, slots: [...file.slots.filter((s) => !(s.kind === 'user' && s.tag === tag)), slot] };
}

/** Re-wraps the recovery slot with today's parameters (the recovery key itself stays the same). */
export async function withRecoverySlot(file: InstallationFile, dbKey: Buffer, recoveryKey: string): Promise<InstallationFile> {
  if (file.rekey) throw new Error('a re-key is pending: finish it before changing slots');
  const tag = tagFor(file, 'recovery', '');
  const slot = await wrap(file.installationId, tag, 'recovery', normalizeRecoveryKey(recoveryKey), dbKey);
  return { ...file, slots: [...file.slots.filter((s) => s.kind !== 'recovery'), slot] };
}

export function withoutUserSlot(file: InstallationFile, username: string): InstallationFile {
  const tag = tagFor(file, 'user', username);
  return { ...file, slots: file.slots.filter((s) => !(s.kind === 'user' && s.tag === tag)) };
}

export function hasUserSlot(file: InstallationFile, username: string): boolean {
  return !!findSlot(file.slots, 'user', tagFor(file, 'user', username));
}

export interface PendingRekey {
  file: InstallationFile;
  /** Format-1 user slots cannot be re-sealed without their password: their owners need a reset. */
  droppedUserTags: string[];
  /** A new recovery key when the old recovery slot was format 1 (shown once, like at setup). */
  recoveryKey: string | null;
}

/**
 * The next slot list for a new database key, recorded beside the current one (see `rekey` above).
 * Every format-2 slot is re-sealed without any password.
 */
export async function withPendingRekey(file: InstallationFile, newKey: Buffer): Promise<PendingRekey> {
  const next: KeySlot[] = [];
  const droppedUserTags: string[] = [];
  let recoveryKey: string | null = null;
  for (const slot of file.slots) {
    if (slot.publicKey && slot.sealed) next.push(resealed(file.installationId, slot, newKey));
    else if (slot.kind === 'user') droppedUserTags.push(slot.tag);
    else {
      recoveryKey = formatRecoveryKey(randomBytes(32));
      next.push(await wrap(file.installationId, slot.tag, 'recovery', recoveryKey, newKey));
    }
  }
  return { file: { ...file, rekey: { slots: next } }, droppedUserTags, recoveryKey };
}

/** The database now opens with the new key: the pending list becomes the only one. */
export function promotedRekey(file: InstallationFile): InstallationFile {
  if (!file.rekey) return file;
  const { rekey, ...rest } = file;
  return { ...rest, slots: rekey.slots };
}

/** The database still opens with the old key and the re-key will be started afresh. */
export function withoutPendingRekey(file: InstallationFile): InstallationFile {
  if (!file.rekey) return file;
  const { rekey: _dropped, ...rest } = file;
  return rest;
}

export function userTag(file: InstallationFile, username: string): string {
  return tagFor(file, 'user', username);
}
