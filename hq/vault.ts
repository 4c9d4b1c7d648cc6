/**
 * HQ's keys at rest (issue #13 §3, docs/hq-keys.md). A copy of HQ's database — the SQLite file or a
 * pg_dump — must reveal no person: every event payload is sealed under the HQ data key (AES-256-GCM),
 * and that key and HQ's Ed25519 signing key are kept in hq_meta only wrapped under the HQ master key,
 * which is given at start (QEYD_HQ_KEY_FILE, or a passphrase typed at the terminal) and never stored.
 *
 * hq_meta holds:
 *   hq_key_kdf      the passphrase's scrypt parameters and salt (passphrase mode only; never the key)
 *   hq_key_check    HMAC-SHA256 of a fixed label under the master key: a wrong key is told apart from a
 *                   damaged wrapped key before anything is written
 *   hq_data_key     the data key, wrapped (AAD names it)
 *   hq_signing_key  HQ's Ed25519 private key, wrapped (AAD names it and its public key)
 *   hq_public_key   HQ's public key, in clear: devices are given it at enrollment
 *
 * The data key never changes when the master key does (rotate-key re-wraps it), so rotating the master
 * key rewrites two rows, not every event.
 */
import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, hkdfSync, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { sql } from 'kysely';
import { z } from 'zod';
import { scryptKdfSchema } from '../core/scrypt-kdf';
import { generateDeviceKeyPair } from '../db/chain';
import type { HqDatabase } from './db';

/** What opens HQ's keys: the bytes of a key file, or a passphrase stretched with scrypt. */
export type HqKeySource = { kind: 'file'; key: Buffer } | { kind: 'passphrase'; passphrase: string };

/** The key refuses to open this database: start stops with exit code 2, nothing written. */
export class HqKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HqKeyError';
  }
}

export const wrongKeyMessage = 'the HQ key does not open this database (QEYD_HQ_KEY_FILE or the passphrase is not the one this database was set up with; nothing was changed)';

/** Sealed text starts with this: a payload in clear is JSON and starts with `{`, so both kinds are recognisable. */
export const sealedPrefix = 'v1:';
const ivBytes = 12;
const tagBytes = 16;

/** What the passphrase's key costs to derive (as a user's key slot, docs/design.md "The store"). */
export const hqPassphraseKdf = { N: 2 ** 17, r: 8, p: 1 } as const;
const kdfSchema = scryptKdfSchema({ N: 2 ** 20, r: 16, p: 4 }, z.string().regex(/^[A-Za-z0-9+/]{22}==$/));

const meta = {
  kdf: 'hq_key_kdf',
  check: 'hq_key_check',
  dataKey: 'hq_data_key',
  signingKey: 'hq_signing_key',
  publicKey: 'hq_public_key',
  /** where HQ kept its private key in clear before issue #13: wrapped and removed at the first start */
  clearPrivateKey: 'hq_private_key',
} as const;

const aad = {
  dataKey: 'qeyd-hq-data-key-v1',
  signingKey: (publicKey: string) => `qeyd-hq-signing-key-v1\0${publicKey}`,
  payload: (eventId: string) => `qeyd-hq-event-payload-v1\0${eventId}`,
  secret: (label: string) => `qeyd-hq-secret-v1\0${label}`,
};

/**
 * Random IVs drawn from a pool: one call to the system's generator per 1,024 seals instead of one per
 * seal, which was half the cost of sealing a push (each IV is still 96 fresh random bits).
 */
const ivPool = { bytes: Buffer.alloc(0), used: 0 };
function nextIv(): Buffer {
  if (ivPool.used + ivBytes > ivPool.bytes.length) {
    ivPool.bytes = randomBytes(ivBytes * 1024);
    ivPool.used = 0;
  }
  const iv = ivPool.bytes.subarray(ivPool.used, ivPool.used + ivBytes);
  ivPool.used += ivBytes;
  return iv;
}

function seal(key: Buffer, plaintext: Buffer | string, ad: string): string {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.from(ad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return sealedPrefix + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** Null when the tag does not verify: the wrong key, the wrong row (AAD), or altered bytes. */
function unseal(key: Buffer, sealed: string, ad: string): Buffer | null {
  if (!sealed.startsWith(sealedPrefix)) return null;
  const raw = Buffer.from(sealed.slice(sealedPrefix.length), 'base64');
  if (raw.length < ivBytes + tagBytes) return null;
  try {
    // authTagLength: GCM would otherwise accept a tag cut short (docs/design.md "AES-GCM tags").
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, ivBytes), { authTagLength: tagBytes });
    decipher.setAAD(Buffer.from(ad, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - tagBytes));
    return Buffer.concat([decipher.update(raw.subarray(ivBytes, raw.length - tagBytes)), decipher.final()]);
  } catch {
    return null;
  }
}

const keyCheck = (master: Buffer) => createHmac('sha256', master).update('qeyd-hq-key-check-v1').digest('base64');

/**
 * Reads QEYD_HQ_KEY_FILE: one line, the base64 of 32 random bytes (`hq:admin create-key-file`). A file
 * other users can read is refused: whoever reads it reads every record HQ holds.
 */
export function readHqKeyFile(path: string, platform: NodeJS.Platform = process.platform): Buffer {
  let mode: number;
  let text: string;
  try {
    mode = statSync(path).mode;
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HqKeyError(`cannot read the HQ key file ${path} (QEYD_HQ_KEY_FILE): ${e instanceof Error ? e.message : String(e)}`);
  }
  // Windows has no such mode bits; there the folder's ACL is the operator's to set (docs/hq-keys.md).
  if (platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new HqKeyError(`the HQ key file ${path} can be read or changed by other users (mode ${(mode & 0o777).toString(8).padStart(4, '0')}): run chmod 600 ${path}`);
  }
  const line = text.trim();
  const key = Buffer.from(line, 'base64');
  if (!/^[A-Za-z0-9+/]{43}=$/.test(line) || key.length !== 32) {
    throw new HqKeyError(`the HQ key file ${path} does not hold an HQ key (one line: the base64 of 32 random bytes, as npm run hq:admin -- create-key-file writes it)`);
  }
  return key;
}

/** A new key file's text. */
export function newHqKeyFileText(): string {
  return `${randomBytes(32).toString('base64')}\n`;
}

/** HQ's open keys for one database. */
export interface HqVault {
  /** An event payload as stored: sealed under the data key, bound to its event id. */
  sealPayload(eventId: string, payload: string): string;
  /** The payload exactly as the device hashed it; a payload still in clear (an older HQ's row) as it is. */
  openPayload(eventId: string, stored: string): string;
  /** Another secret HQ keeps (a facility's bundle key), bound to a label naming what and whose it is. */
  sealSecret(label: string, secret: string): string;
  openSecret(label: string, stored: string): string;
  /**
   * A keyed hash (HMAC-SHA256) of a text under a key derived from the data key for one purpose: an index
   * that must find equal values without listing them (the national name index, hq/sync/national.ts).
   * Derived from the data key, not the master key, so a master key rotation leaves the index valid.
   */
  keyedHash(purpose: string, text: string): string;
  readonly signingKey: { publicKey: string; privateKey: string };
}

/** A payload HQ cannot open: its bytes were altered, moved to another row, or sealed under another data key. */
export class SealedPayloadError extends Error {
  constructor(what: string) {
    super(`HQ cannot open ${what}: it was altered, moved from another row, or sealed under another HQ data key`);
    this.name = 'SealedPayloadError';
  }
}

/** The data key's bytes behind each open vault, for rotate-key alone. */
const dataKeys = new WeakMap<HqVault, Buffer>();

function makeVault(dataKey: Buffer, signingKey: { publicKey: string; privateKey: string }): HqVault {
  const hashKeys = new Map<string, Buffer>();
  const vault: HqVault = {
    signingKey,
    sealPayload: (eventId, payload) => seal(dataKey, payload, aad.payload(eventId)),
    openPayload(eventId, stored) {
      if (!stored.startsWith(sealedPrefix)) return stored;
      const opened = unseal(dataKey, stored, aad.payload(eventId));
      if (!opened) throw new SealedPayloadError(`the payload of event ${eventId}`);
      return opened.toString('utf8');
    },
    sealSecret: (label, secret) => seal(dataKey, secret, aad.secret(label)),
    keyedHash(purpose, text) {
      let key = hashKeys.get(purpose);
      if (!key) hashKeys.set(purpose, (key = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `qeyd-hq-keyed-hash-v1\0${purpose}`, 32))));
      return createHmac('sha256', key).update(text, 'utf8').digest('base64url');
    },
    openSecret(label, stored) {
      if (!stored.startsWith(sealedPrefix)) return stored;
      const opened = unseal(dataKey, stored, aad.secret(label));
      if (!opened) throw new SealedPayloadError(label);
      return opened.toString('utf8');
    },
  };
  dataKeys.set(vault, dataKey);
  return vault;
}

const sources = new WeakMap<HqDatabase, () => Promise<HqKeySource>>();
const vaults = new WeakMap<HqDatabase, Promise<HqVault>>();

/** Binds the key given at start to an open database (openHqDatabase does it); the keys open at first use. */
export function attachHqKey(hq: HqDatabase, key: HqKeySource | (() => Promise<HqKeySource>)): void {
  sources.set(hq, typeof key === 'function' ? key : () => Promise.resolve(key));
}

/**
 * The database's open keys, made on first use of a new database and read once per open database.
 * Throws HqKeyError when the key given at start is not this database's.
 */
export function hqVault(hq: HqDatabase): Promise<HqVault> {
  let v = vaults.get(hq);
  if (!v) {
    const source = sources.get(hq);
    if (!source) return Promise.reject(new Error('HQ database opened without an HQ key (openHqDatabase takes one)'));
    v = source().then((s) => openVault(hq, s));
    vaults.set(hq, v);
    v.catch(() => vaults.delete(hq));
  }
  return v;
}

type MetaRows = Map<string, string>;

/** Whether the database already has its keys (a new one is about to be set up with the key given). */
export async function hqKeysExist(hq: HqDatabase): Promise<boolean> {
  return (await hq.db.selectFrom('hq_meta').select('key').where('key', '=', meta.check).executeTakeFirst()) !== undefined;
}

async function readMeta(hq: HqDatabase): Promise<MetaRows> {
  const rows = await hq.db.selectFrom('hq_meta').select(['key', 'value']).where('key', 'in', Object.values(meta)).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

async function insertIfAbsent(hq: HqDatabase, values: { key: string; value: string }[]): Promise<void> {
  // Two HQ processes starting at once on one PostgreSQL: the first insert wins and both read it back.
  await hq.db
    .insertInto('hq_meta')
    .values(values)
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

function scrypt(passphrase: string, salt: Buffer, p: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(passphrase.normalize('NFC'), salt, 32, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 16 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** The master key itself: the file's bytes, or the passphrase stretched with the parameters the database keeps. */
async function masterKey(hq: HqDatabase, source: HqKeySource, rows: MetaRows, kdfParams: { N: number; r: number; p: number }): Promise<Buffer> {
  if (source.kind === 'file') {
    if (rows.has(meta.kdf)) throw new HqKeyError(`${wrongKeyMessage}: it was set up with a passphrase, not a key file`);
    return source.key;
  }
  if (!rows.has(meta.kdf)) {
    if (rows.has(meta.check)) throw new HqKeyError(`${wrongKeyMessage}: it was set up with a key file (set QEYD_HQ_KEY_FILE)`);
    await insertIfAbsent(hq, [{ key: meta.kdf, value: JSON.stringify({ name: 'scrypt', ...kdfParams, salt: randomBytes(16).toString('base64') }) }]);
    rows = await readMeta(hq);
  }
  let parsed;
  try {
    parsed = kdfSchema.parse(JSON.parse(rows.get(meta.kdf)!));
  } catch {
    throw new HqKeyError(`hq_meta.${meta.kdf} is not a passphrase setting this HQ writes: the database was altered`);
  }
  return scrypt(source.passphrase, Buffer.from(parsed.salt, 'base64'), parsed);
}

function publicKeyOf(privateKey: string): string {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64');
}

async function openVault(hq: HqDatabase, source: HqKeySource, kdfParams: { N: number; r: number; p: number } = hqPassphraseKdf): Promise<HqVault> {
  let rows = await readMeta(hq);
  const master = await masterKey(hq, source, rows, kdfParams);
  rows = await readMeta(hq);
  if (!rows.has(meta.check)) {
    // A new database, or one an older HQ kept in clear: its key pair (if any) is kept, now wrapped.
    const oldPrivate = rows.get(meta.clearPrivateKey);
    const pair = oldPrivate && rows.get(meta.publicKey) ? { publicKey: rows.get(meta.publicKey)!, privateKey: oldPrivate } : generateDeviceKeyPair();
    await insertIfAbsent(hq, [
      { key: meta.check, value: keyCheck(master) },
      { key: meta.dataKey, value: seal(master, randomBytes(32), aad.dataKey) },
      { key: meta.publicKey, value: pair.publicKey },
      { key: meta.signingKey, value: seal(master, pair.privateKey, aad.signingKey(pair.publicKey)) },
    ]);
    rows = await readMeta(hq);
  }
  const check = Buffer.from(rows.get(meta.check) ?? '', 'base64');
  const expected = Buffer.from(keyCheck(master), 'base64');
  if (check.length !== expected.length || !timingSafeEqual(check, expected)) throw new HqKeyError(wrongKeyMessage);
  const dataKey = unseal(master, rows.get(meta.dataKey) ?? '', aad.dataKey);
  const publicKey = rows.get(meta.publicKey) ?? '';
  const privateKey = unseal(master, rows.get(meta.signingKey) ?? '', aad.signingKey(publicKey))?.toString('utf8');
  if (!dataKey || dataKey.length !== 32 || !privateKey || publicKeyOf(privateKey) !== publicKey) {
    throw new HqKeyError('the HQ key is right but HQ’s wrapped keys in hq_meta do not open: the database was altered or damaged (restore it from a backup)');
  }
  // Left by an older HQ: now that the wrapped copy opens, the clear one goes.
  if (rows.has(meta.clearPrivateKey)) await hq.db.deleteFrom('hq_meta').where('key', '=', meta.clearPrivateKey).execute();
  return makeVault(dataKey, { publicKey, privateKey });
}

/**
 * `hq:admin rotate-key`: HQ's data key and signing key wrapped under a new master key, in one
 * transaction. The data key itself stays, so no event is rewritten (docs/hq-keys.md). A new key that is
 * a passphrase gets a new salt.
 */
export async function rotateHqMasterKey(hq: HqDatabase, next: HqKeySource, kdfParams: { N: number; r: number; p: number } = hqPassphraseKdf): Promise<void> {
  // Opening the vault first proves the current key is this database's.
  const current = await hqVault(hq);
  const dataKey = dataKeys.get(current)!;
  let nextMaster: Buffer;
  let kdfRow: string | null = null;
  if (next.kind === 'file') nextMaster = next.key;
  else {
    const salt = randomBytes(16);
    kdfRow = JSON.stringify({ name: 'scrypt', ...kdfParams, salt: salt.toString('base64') });
    nextMaster = await scrypt(next.passphrase, salt, kdfParams);
  }
  const { publicKey, privateKey } = current.signingKey;
  await hq.db.transaction().execute(async (trx) => {
    const set = (key: string, value: string) => trx.updateTable('hq_meta').set({ value }).where('key', '=', key).execute();
    await set(meta.check, keyCheck(nextMaster));
    await set(meta.dataKey, seal(nextMaster, dataKey, aad.dataKey));
    await set(meta.signingKey, seal(nextMaster, privateKey, aad.signingKey(publicKey)));
    await trx.deleteFrom('hq_meta').where('key', '=', meta.kdf).execute();
    if (kdfRow) await trx.insertInto('hq_meta').values({ key: meta.kdf, value: kdfRow }).execute();
  });
  await dropClearCopies(hq);
  attachHqKey(hq, next);
}

/**
 * Seals, in batches, every payload an older HQ stored in clear (a migration cannot: it has no key). Each
 * row is rewritten only if it is still the clear text that was read, so two HQ processes doing this at
 * once, or a run cut short and started again, leave every row sealed once. Returns how many it sealed.
 */
export async function sealClearPayloads(hq: HqDatabase, batchSize = 500): Promise<number> {
  const vault = await hqVault(hq);
  let sealed = 0;
  let after = 0;
  for (;;) {
    const rows = await hq.db
      .selectFrom('events')
      .select(['server_seq', 'event_id', 'payload'])
      .where('server_seq', '>', after)
      .where(sql<boolean>`substr(payload, 1, 3) <> ${sealedPrefix}`)
      .orderBy('server_seq')
      .limit(batchSize)
      .execute();
    if (!rows.length) break;
    await hq.db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const done = await trx
          .updateTable('events')
          .set({ payload: vault.sealPayload(r.event_id, r.payload) })
          .where('server_seq', '=', r.server_seq)
          .where('payload', '=', r.payload)
          .executeTakeFirst();
        sealed += Number(done.numUpdatedRows);
      }
    });
    after = rows[rows.length - 1]!.server_seq;
  }
  return sealed;
}

/**
 * After clear rows were sealed in place: on SQLite the old pages were zeroed as they were rewritten
 * (secure_delete, db.ts), but the WAL still holds copies of them until it is checkpointed and cut.
 * PostgreSQL keeps dead row versions in its data files until VACUUM (docs/hq-keys.md); a pg_dump never
 * includes them.
 */
export async function dropClearCopies(hq: HqDatabase): Promise<void> {
  if (hq.dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(hq.db);
}
