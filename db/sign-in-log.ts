import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { open as openFrom, seal as sealTo, type SealFormat } from './x25519-seal';

/**
 * The sign-in side log (issue #10 §3): refused sign-ins happen while the store is closed and its key is
 * nowhere, so they are written here, beside installation.json, and folded into the audit log at the
 * next unlock.
 *
 * Someone with the disk can do what the app can do, so the design asks what they can NOT do:
 * - Forge or alter a past line. Lines are MACed with a key that evolves one-way after every line
 *   (K[i+1] = HMAC(K[i], …), forward-secure logging after Bellare–Yee / Schneier–Kelsey); only the
 *   current key is on disk, and K[0] is kept inside the encrypted store. Earlier keys cannot be
 *   recomputed from it, so earlier lines cannot be rewritten.
 * - Remove a line unnoticed. Each MAC covers the previous MAC and a sequence number; removing a line
 *   in the middle breaks the chain, removing the tail leaves the state's counter (and its evolved key,
 *   which cannot be wound back) ahead of the log, and removing both files leaves the store expecting an
 *   epoch that is gone. Each of these is written to the audit log as tampering.
 * - Read who was tried. Each line is sealed (X25519 + AES-GCM) to a key pair whose private half is in
 *   the store, so the file does not list the staff (as installation.json does not).
 * They can add lines after the moment they took the disk (the app must be able to), and reset the
 * throttle counters; neither lets them into the store, whose key only a password unwraps.
 */

export const guardStateFileName = 'sign-in-guard.json';
export const guardLogFileName = 'sign-in-guard.log';
/** Beyond this many lines waiting for the next unlock only a count is kept: a flood must not fill the disk. */
export const maxSideLogLines = 10_000;

const sealedSchema = z.object({ epk: z.string(), iv: z.string(), ct: z.string(), tag: z.string() });
export type Sealed = z.infer<typeof sealedSchema>;

const entrySchema = z.object({
  failures: z.number().int().min(0),
  lastFailureAt: z.number(),
  lockedUntil: z.number().nullable(),
  refusalRecorded: z.boolean().optional(),
  /** What the key names (a user name or a client), sealed; shown to the administrator in the lock list. */
  label: sealedSchema.nullable().optional(),
});

export const guardStateSchema = z.object({
  format: z.literal(1),
  log: z
    .object({
      epoch: z.string(),
      /** The sequence number the next line gets. */
      seq: z.number().int().min(0),
      /** K[seq]: the key the next line is MACed with. */
      key: z.string(),
      lastMac: z.string(),
      sealPublicKey: z.string(),
      /** Lines not written because the log was full. */
      dropped: z.number().int().min(0).default(0),
    })
    .nullable(),
  /** The store's throttle settings, copied here: they must hold while the store is closed. */
  settings: z.object({ maxFailures: z.number().int().min(1), lockMinutes: z.number().int().min(1) }).nullable(),
  throttle: z.record(z.string(), entrySchema),
});
export type GuardState = z.infer<typeof guardStateSchema>;

export const emptyGuardState: GuardState = { format: 1, log: null, settings: null, throttle: {} };

/** What the store keeps about the side log (meta `sign_in_log`): the first key of the epoch and the sealing key. */
export const sideLogSecretsSchema = z.object({
  epoch: z.string(),
  rootKey: z.string(),
  previousEpoch: z.string().nullable(),
  sealPrivateKey: z.string(),
  sealPublicKey: z.string(),
});
export type SideLogSecrets = z.infer<typeof sideLogSecretsSchema>;

export const sideRecordSchema = z.object({
  kind: z.enum(['login.failed', 'login.throttled', 'login.locked', 'recover.failed', 'recover.throttled', 'recover.locked']),
  username: z.string(),
  client: z.string(),
  at: z.number(),
  until: z.number().optional(),
});
export type SideRecord = z.infer<typeof sideRecordSchema>;

const lineSchema = z.object({ epoch: z.string(), seq: z.number().int().min(0), sealed: sealedSchema, mac: z.string() });

function statePath(dataDir: string): string {
  return join(dataDir, guardStateFileName);
}

function logPath(dataDir: string): string {
  return join(dataDir, guardLogFileName);
}

/** The state as found on disk: `missing` (never written or deleted) and `unreadable` are told apart. */
export function readGuardState(dataDir: string): { state: GuardState; found: 'ok' | 'missing' | 'unreadable' } {
  const path = statePath(dataDir);
  if (!existsSync(path)) return { state: emptyGuardState, found: 'missing' };
  try {
    return { state: guardStateSchema.parse(JSON.parse(readFileSync(path, 'utf8'))), found: 'ok' };
  } catch {
    return { state: emptyGuardState, found: 'unreadable' };
  }
}

/** Temporary file, flushed, renamed over: a crash leaves the old state or the new, never a torn one. */
export function writeGuardState(dataDir: string, state: GuardState): void {
  const path = statePath(dataDir);
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

function evolve(key: Buffer): Buffer {
  return createHmac('sha256', key).update('qeyd-sign-in-log-evolve-v1').digest();
}

function macOf(key: Buffer, epoch: string, seq: number, sealed: Sealed, prevMac: string): string {
  return b64(
    createHmac('sha256', key)
      .update(JSON.stringify(['qeyd-sign-in-log-v1', epoch, seq, sealed, prevMac]))
      .digest(),
  );
}

/** The side log's format: DER (spki) ephemeral key, which also salts the HKDF; no AAD. */
const sealFormat: SealFormat = { info: 'qeyd-sign-in-seal-v1', epk: 'spki' };

/** Seals text to the store's key pair: anyone may write, only the open store can read. */
export function seal(publicKeyB64: string, text: string): Sealed {
  const recipient = createPublicKey({ key: unb64(publicKeyB64), format: 'der', type: 'spki' });
  const box = sealTo(recipient, Buffer.from(text, 'utf8'), sealFormat);
  return { epk: b64(box.epk), iv: b64(box.iv), ct: b64(box.ct), tag: b64(box.tag) };
}

export function unseal(privateKeyB64: string, sealed: Sealed): string | null {
  try {
    const privateKey = createPrivateKey({ key: unb64(privateKeyB64), format: 'der', type: 'pkcs8' });
    const opened = openFrom(privateKey, { epk: unb64(sealed.epk), iv: unb64(sealed.iv), ct: unb64(sealed.ct), tag: unb64(sealed.tag) }, sealFormat);
    return opened ? opened.toString('utf8') : null;
  } catch {
    return null;
  }
}

/** A new installation's sealing key pair (kept for good: throttle labels sealed earlier stay readable). */
export function newSealKeyPair(): { sealPrivateKey: string; sealPublicKey: string } {
  const pair = generateKeyPairSync('x25519');
  return {
    sealPrivateKey: b64(pair.privateKey.export({ format: 'der', type: 'pkcs8' })),
    sealPublicKey: b64(pair.publicKey.export({ format: 'der', type: 'spki' })),
  };
}

/**
 * Appends one record: the line is written and flushed first, the state (next sequence number, evolved
 * key) after it. A crash between the two leaves one line more than the state counts, which the fold
 * accepts; the reverse order could lose a line silently. Returns the new state (already saved).
 */
export function appendSideRecord(dataDir: string, state: GuardState, record: SideRecord): GuardState {
  const log = state.log;
  // No epoch yet (an installation from before this log, not yet unlocked): nothing can be sealed to.
  if (!log) return state;
  if (log.seq >= maxSideLogLines) {
    const next = { ...state, log: { ...log, dropped: log.dropped + 1 } };
    writeGuardState(dataDir, next);
    return next;
  }
  const key = unb64(log.key);
  const sealed = seal(log.sealPublicKey, JSON.stringify(record));
  const mac = macOf(key, log.epoch, log.seq, sealed, log.lastMac);
  const fd = openSync(logPath(dataDir), 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ epoch: log.epoch, seq: log.seq, sealed, mac })}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const next: GuardState = { ...state, log: { ...log, seq: log.seq + 1, key: b64(evolve(key)), lastMac: mac } };
  writeGuardState(dataDir, next);
  key.fill(0);
  return next;
}

export type SideLogProblem = 'missing' | 'broken' | 'truncated';

export interface FoldResult {
  records: SideRecord[];
  /** What shows that the log was tampered with (or lost), and from which line. */
  problem: { kind: SideLogProblem; atSeq: number } | null;
  dropped: number;
}

/**
 * Reads and checks everything written since the epoch in `secrets` began. Lines that verify are
 * returned even when a later one does not: what was written honestly is still evidence.
 */
export function readSideLog(dataDir: string, secrets: SideLogSecrets): FoldResult {
  const { state, found } = readGuardState(dataDir);
  const log = state.log;
  if (found !== 'ok' || !log) return { records: [], problem: { kind: 'missing', atSeq: 0 }, dropped: 0 };
  // Folded already: the store moved to its next epoch but the state file was not rewritten (a crash).
  if (log.epoch === secrets.previousEpoch) return { records: [], problem: null, dropped: 0 };
  if (log.epoch !== secrets.epoch) return { records: [], problem: { kind: 'broken', atSeq: 0 }, dropped: 0 };

  const raw = existsSync(logPath(dataDir)) ? readFileSync(logPath(dataDir), 'utf8').split('\n') : [];
  const lines = raw.filter((l, i) => l.length > 0 || i < raw.length - 1);
  const records: SideRecord[] = [];
  let key: Buffer = unb64(secrets.rootKey);
  let prevMac = '';
  let seq = 0;
  let problem: FoldResult['problem'] = null;
  for (const [i, text] of lines.entries()) {
    let line: z.infer<typeof lineSchema> | null = null;
    try {
      line = lineSchema.parse(JSON.parse(text));
    } catch {
      line = null;
    }
    // A torn last line the state never counted is a crash during the write, not tampering.
    if (!line && i === lines.length - 1 && seq === log.seq) break;
    // Lines of the epoch folded before (the state was rewritten but the log not yet emptied).
    if (line && line.epoch === secrets.previousEpoch && seq === 0) continue;
    if (!line || line.epoch !== secrets.epoch || line.seq !== seq) {
      problem = { kind: 'broken', atSeq: seq };
      break;
    }
    const expected = unb64(macOf(key, line.epoch, line.seq, line.sealed, prevMac));
    const given = unb64(line.mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      problem = { kind: 'broken', atSeq: seq };
      break;
    }
    const opened = unseal(secrets.sealPrivateKey, line.sealed);
    const record = opened === null ? null : sideRecordSchema.safeParse(safeJson(opened));
    if (!record?.success) {
      problem = { kind: 'broken', atSeq: seq };
      break;
    }
    records.push(record.data);
    prevMac = line.mac;
    key = evolve(key);
    seq++;
  }
  if (!problem) {
    // The state may count one line fewer than the log (a crash after the write), never more.
    if (log.seq > seq) problem = { kind: 'truncated', atSeq: seq };
    else if (log.seq === seq) {
      const onDisk = unb64(log.key);
      if (onDisk.length !== key.length || !timingSafeEqual(onDisk, key)) problem = { kind: 'broken', atSeq: seq };
    } else if (log.seq !== seq - 1) problem = { kind: 'broken', atSeq: log.seq };
  }
  return { records, problem, dropped: log.dropped };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The next epoch: a fresh first key. The caller saves it in the store first, then `resetSideLog` points
 * the state at it and empties the log, so a crash anywhere leaves either the old epoch (folded again,
 * nothing lost) or the new one with the old lines recognised as already folded.
 */
export function nextSideLogEpoch(previous: SideLogSecrets | null, seal: { sealPrivateKey: string; sealPublicKey: string }): SideLogSecrets {
  return {
    epoch: randomUUID(),
    rootKey: b64(randomBytes(32)),
    previousEpoch: previous?.epoch ?? null,
    sealPrivateKey: seal.sealPrivateKey,
    sealPublicKey: seal.sealPublicKey,
  };
}

/** After the store holds `secrets`: point the state at the new epoch and empty the log. */
export function resetSideLog(dataDir: string, secrets: SideLogSecrets, state: GuardState): GuardState {
  const next: GuardState = {
    ...state,
    log: { epoch: secrets.epoch, seq: 0, key: secrets.rootKey, lastMac: '', sealPublicKey: secrets.sealPublicKey, dropped: 0 },
  };
  writeGuardState(dataDir, next);
  const fd = openSync(logPath(dataDir), 'w', 0o600);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return next;
}

/** Test and tooling aid: where the side log lives. */
export function sideLogPaths(dataDir: string): { state: string; log: string } {
  return { state: statePath(dataDir), log: logPath(dataDir) };
}
