import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, fsyncSync, openSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, type Selectable } from 'kysely';
import { canonicalJson } from '../core/canonical-json';
import { ApiError, validationError } from '../core/contract/errors';
import { eventCatalog, eventRecord, isEventType, type EventDraft, type EventRecord, type EventType } from '../core/events';
import { readPayload } from '../core/events/upcast';
import { eventBytes, maxEventBytes } from '../core/sync';
import { isWellFormedDeep } from '../core/well-formed';
import { ClockDriftError, decodeHlc, encodeHlc, isHlc, receive, tick, type Hlc } from '../core/hlc';
import { appendAudit, lastAuditHash, type AuditEntry } from './audit-log';
import { eventHash, generateDeviceKeyPair, signChainHead, verifyChainRun } from './chain';
import { migrate } from './migrate';
import { refreshPerson } from './episode-facts';
import { defaultSettings, settingsSchema, type Settings } from '../core/settings';
import { projectedTables, projectors } from './projections';
import { reindexPersonKeysIfStale } from './projections/persons';
import type { Projector } from './projections/types';
import type { Database, EventsTable } from './schema';
import { SyncQuery, type ReadBuilder, type ReadQuery } from './sync-query';

export class WrongKeyError extends Error {
  constructor() {
    super('the database key does not open this file');
    this.name = 'WrongKeyError';
  }
}

export interface DeviceIdentity {
  deviceId: string;
  name: string;
  publicKey: string;
}

export interface Actor {
  userId: string;
}

/**
 * The store as a read sees it: typed queries that only read, the settings, meta and this device. A
 * service that only reads takes this, so it cannot write: writes go through `Store.command` (events,
 * their projections and the audit line in one transaction), which a `Store` adds.
 */
export interface ReadStore {
  readonly q: ReadQuery;
  readonly qb: ReadBuilder;
  readonly device: DeviceIdentity;
  readonly settings: Settings;
  meta(key: string): string | undefined;
  eventsFor(entityId: string): EventRecord[];
}

/**
 * The store as a service holds it: what a read has, `command` for what it records, and the store's own
 * bookkeeping (audit lines, meta, settings, received events); no raw SQL, so nothing is written beside them.
 */
export type ServiceStore = ReadStore & Omit<Store, 'q' | 'qb' | 'sqlite'>;

/** Inside a command: append events and audit lines; all of it commits together or not at all. */
export interface CommandTx {
  readonly now: string;
  readonly q: SyncQuery;
  readonly qb: Kysely<Database>;
  append<T extends EventType>(draft: EventDraft<T>): EventRecord;
  audit(entry: Omit<AuditEntry, 'actor'>): void;
}

interface ChainState {
  seq: number;
  hash: string;
  clock: Hlc;
  auditHash: string;
}

const restorePendingKey = 'restore_pending';

const insertEventSql = `INSERT INTO events
  (event_id, device_id, device_seq, hlc, actor, type, entity_id, payload, schema_version, supersedes, prev_hash, hash, server_seq)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function entityTypeOf(eventType: string): string {
  return eventType.slice(0, eventType.indexOf('.'));
}

/**
 * The encrypted local store: SQLite (SQLCipher scheme) with an append-only, hash-chained event log and
 * projections updated in the same transaction as each append. State tables can always be rebuilt from
 * the log. In-memory chain state changes only after a commit, so a failed command leaves no trace.
 */
export class Store implements ReadStore {
  readonly q: SyncQuery;
  readonly qb: Kysely<Database>;
  private state: ChainState;
  private readonly privateKey: string;
  private currentSettings: Settings;

  private constructor(
    readonly sqlite: BetterSqlite3.Database,
    readonly device: DeviceIdentity,
    privateKey: string,
    private readonly now: () => number,
  ) {
    this.q = new SyncQuery(sqlite);
    this.qb = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    this.privateKey = privateKey;
    const head = this.q.prepared('SELECT device_seq, hash, hlc FROM events WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1').get(device.deviceId) as
      { device_seq: number; hash: string; hlc: string } | undefined;
    // Only clocks of the encoded shape count: a received event whose clock does not decode is kept
    // quarantined (ingest), and must not stop the store from opening (issue #10).
    const lastHlc = this.q.prepared(`SELECT max(hlc) AS hlc FROM events WHERE hlc GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'`).get() as { hlc: string | null };
    const clock = lastHlc.hlc && isHlc(lastHlc.hlc) ? { ...decodeHlc(lastHlc.hlc), node: device.deviceId } : { millis: 0, counter: 0, node: device.deviceId };
    this.state = { seq: head?.device_seq ?? 0, hash: head?.hash ?? '', clock, auditHash: lastAuditHash(this.q) };
    this.currentSettings = readSettings(this.meta('settings'));
    this.restorePending = this.meta(restorePendingKey) ?? null;
    // Person keys written by an older release's name matching are rewritten once (issue #14).
    sqlite.transaction(() => reindexPersonKeysIfStale(this.q, this.qb))();
  }

  /**
   * Set on a store restored from a backup until it has asked HQ for its own events made after the
   * backup (docs/backup.md): until then nothing may be recorded, since a new event would take a
   * `device_seq` HQ may already hold with other content, a fork HQ refuses for ever.
   */
  private restorePending: string | null;

  get restoreReport(): string | null {
    return this.restorePending;
  }

  setRestoreReport(value: string | null): void {
    if (value === null) this.q.prepared('DELETE FROM meta WHERE key = ?').run(restorePendingKey);
    else this.setMeta(restorePendingKey, value);
    this.restorePending = value;
  }

  /**
   * A consistent, encrypted copy of the whole database at `path` (issue #13 §4). SQLite's backup API as
   * better-sqlite3 offers it opens the copy without a key, and SQLite3 Multiple Ciphers refuses to copy
   * encrypted pages into it ("incompatible source and target databases"); `VACUUM INTO` writes the copy
   * under this connection's cipher and key, from one read transaction (tests/db/backup.test.ts greps it).
   */
  copyTo(path: string): void {
    this.sqlite.prepare('VACUUM INTO ?').run(path);
  }

  get settings(): Settings {
    return this.currentSettings;
  }

  /**
   * Saves new settings and recomputes every open episode's next deadline under them, in one
   * transaction (deadline columns are derived from settings as well as from the log).
   */
  saveSettings(next: Settings): void {
    this.sqlite.transaction(() => {
      this.setMeta('settings', JSON.stringify(next));
      const people = this.q.prepared("SELECT DISTINCT person_id FROM episodes WHERE state != 'CLOSED'").all() as { person_id: string }[];
      for (const p of people) refreshPerson(this.q, this.qb, p.person_id, next);
    })();
    this.currentSettings = next;
  }

  /** Opens (and migrates) an existing store; a wrong key or a newer schema is refused untouched. */
  static open(path: string, key: Buffer, now: () => number = Date.now): Store {
    const sqlite = openEncrypted(path, key, { mustExist: true });
    try {
      migrate(sqlite);
      const meta = readMeta(sqlite);
      const device = { deviceId: meta.device_id!, name: meta.device_name!, publicKey: meta.device_public_key! };
      return new Store(sqlite, device, meta.device_private_key!, now);
    } catch (e) {
      sqlite.close();
      throw e;
    }
  }

  /** Makes a new store with a fresh device identity and Ed25519 key pair. */
  static create(path: string, key: Buffer, deviceName: string, meta: Record<string, string>, now: () => number = Date.now): Store {
    const sqlite = openEncrypted(path, key, { mustExist: false });
    try {
      migrate(sqlite);
      const deviceId = randomUUID();
      const keys = generateDeviceKeyPair();
      const rows: Record<string, string> = {
        ...meta,
        device_id: deviceId,
        device_name: deviceName,
        device_public_key: keys.publicKey,
        device_private_key: keys.privateKey,
        created_at: new Date(now()).toISOString(),
      };
      const insert = sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      sqlite.transaction(() => {
        for (const [k, v] of Object.entries(rows)) insert.run(k, v);
        sqlite.prepare('INSERT INTO devices (device_id, name, public_key, is_self) VALUES (?, ?, ?, 1)').run(deviceId, deviceName, keys.publicKey);
      })();
      return new Store(sqlite, { deviceId, name: deviceName, publicKey: keys.publicKey }, keys.privateKey, now);
    } catch (e) {
      sqlite.close();
      throw e;
    }
  }

  meta(key: string): string | undefined {
    return (this.q.prepared('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.q.prepared('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /**
   * Runs a command: everything `fn` appends, projects and audits commits in one durable transaction
   * (WAL + synchronous=FULL), so "saved" on screen means saved on disk.
   */
  command<T>(actor: Actor, method: string, fn: (tx: CommandTx) => T): T {
    const before = this.state;
    const work = { ...before };
    const audited = new Set<string>();
    const nowIso = new Date(this.now()).toISOString();
    const tx: CommandTx = {
      now: nowIso,
      q: this.q,
      qb: this.qb,
      append: (draft) => {
        const event = this.appendOwn(work, actor, draft);
        const key = `${draft.type}|${draft.entityId}`;
        if (!audited.has(key)) {
          audited.add(key);
          work.auditHash = appendAudit(this.q, work.auditHash, nowIso, {
            actor: actor.userId,
            action: draft.type,
            method,
            entityType: entityTypeOf(draft.type),
            entityId: draft.entityId,
            outcome: 'ok',
          });
        }
        return event;
      },
      audit: (entry) => {
        work.auditHash = appendAudit(this.q, work.auditHash, nowIso, { ...entry, actor: actor.userId });
      },
    };
    const result = this.sqlite.transaction(() => fn(tx))();
    this.state = work;
    return result;
  }

  /** Bookkeeping that must land together (meta values, audit lines): no events, one transaction. */
  atomically<T>(fn: () => T): T {
    return this.sqlite.transaction(fn)();
  }

  /** An audit line outside any command (a read, a refused attempt, a login). */
  audit(entry: AuditEntry): void {
    const at = new Date(this.now()).toISOString();
    const hash = this.sqlite.transaction(() => appendAudit(this.q, this.state.auditHash, at, entry))();
    this.state = { ...this.state, auditHash: hash };
  }

  private appendOwn<T extends EventType>(work: ChainState, actor: Actor, draft: EventDraft<T>): EventRecord {
    if (this.restorePending !== null) throw new ApiError({ code: 'rule', messageKey: 'error.restore.syncFirst' });
    const spec = eventCatalog[draft.type];
    // Validate even our own drafts: a projection must never see a payload the catalog would refuse.
    const payload = spec.payload.parse(draft.payload);
    work.clock = tick(work.clock, this.now());
    const partial = {
      eventId: randomUUID(),
      deviceId: this.device.deviceId,
      deviceSeq: work.seq + 1,
      hlc: encodeHlc(work.clock),
      actor: actor.userId,
      type: draft.type,
      entityId: draft.entityId,
      payload: canonicalJson(payload),
      schemaVersion: spec.schemaVersion,
      supersedes: draft.supersedes ?? [],
      prevHash: work.hash,
    };
    const event: EventRecord = { ...partial, hash: eventHash(partial) };
    refuseUnsendable(event, payload);
    this.insertAndProject(event, payload);
    work.seq = event.deviceSeq;
    work.hash = event.hash;
    return event;
  }

  private insertAndProject(event: EventRecord, payload: unknown, serverSeq: number | null = null): void {
    const { lastInsertRowid } = this.q.prepared(insertEventSql).run(...eventParams(event, serverSeq));
    this.project(event, payload, Number(lastInsertRowid));
  }

  private project(event: EventRecord, payload: unknown, localSeq: number): void {
    if (!isEventType(event.type)) throw new Error(`no projector for event type ${event.type}`);
    const projector = projectors[event.type] as Projector<EventType>;
    const touched = projector({
      event,
      payload: payload as never,
      at: new Date(decodeHlc(event.hlc).millis).toISOString(),
      qb: this.qb,
      q: this.q,
      settings: this.currentSettings,
      localSeq,
    });
    if (touched.personId) {
      this.q.prepared('INSERT OR IGNORE INTO person_events (person_id, local_seq) VALUES (?, ?)').run(touched.personId, localSeq);
      if (touched.refresh) refreshPerson(this.q, this.qb, touched.personId, this.currentSettings);
    }
  }

  /**
   * Applies events made elsewhere (another device, via HQ): verifies each device's chain from the head we
   * hold, validates payloads, appends and projects in one transaction. Events already held are skipped,
   * so applying the same batch twice changes nothing. An event whose chain verifies but which this
   * version cannot apply (unknown type, invalid payload, or quarantined at HQ) is kept unprojected and
   * listed in sync_quarantine; so is one whose projection fails here (a second registration of one
   * person, a clock that does not decode: `cannot_apply`), so that one bad event never stops a device
   * or HQ's console (issue #10). `alsoInTransaction` commits with the batch (the sync cursor).
   */
  ingest(events: readonly (EventRecord & { serverSeq?: number | null; quarantined?: string | null })[], alsoInTransaction?: () => void): { applied: number; skipped: number; quarantined: number } {
    const heads = new Map<string, { seq: number; hash: string }>();
    const headOf = (deviceId: string) => {
      let h = heads.get(deviceId);
      if (!h) {
        const row = this.q.prepared('SELECT device_seq, hash FROM events WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1').get(deviceId) as { device_seq: number; hash: string } | undefined;
        h = { seq: row?.device_seq ?? 0, hash: row?.hash ?? '' };
        heads.set(deviceId, h);
      }
      return h;
    };
    let applied = 0;
    let skipped = 0;
    let quarantined = 0;
    let driftWarnings = 0;
    let clock = this.state.clock;
    const receivedAt = new Date(this.now()).toISOString();
    this.sqlite.transaction(() => {
      for (const e of events) {
        const head = headOf(e.deviceId);
        if (e.deviceSeq <= head.seq) {
          skipped++;
          continue;
        }
        // Text with no faithful stored form would be kept altered and break the chain held here.
        if (!isWellFormedDeep(e)) throw new Error(`event ${e.deviceId}/${e.deviceSeq} holds ill-formed text`);
        const broken = verifyChainRun([e], head);
        if (broken) throw new Error(`chain of device ${e.deviceId} broken at ${broken.deviceSeq}: ${broken.reason}`);
        const checked = e.quarantined ? { reason: e.quarantined } : readPayload(e);
        let reason = 'reason' in checked ? checked.reason : null;
        if (!('reason' in checked)) {
          try {
            // Under a savepoint: a projection that fails leaves nothing behind, and the event is kept
            // unprojected below like any other it cannot apply.
            this.sqlite.transaction(() => this.insertAndProject(e, checked.payload, e.serverSeq ?? null))();
            applied++;
          } catch {
            reason = 'cannot_apply';
          }
        }
        if (reason !== null) {
          this.q.prepared(insertEventSql).run(...eventParams(e, e.serverSeq ?? null));
          this.q.prepared('INSERT OR IGNORE INTO sync_quarantine (event_id, reason, received_at) VALUES (?, ?, ?)').run(e.eventId, reason, receivedAt);
          quarantined++;
        }
        heads.set(e.deviceId, { seq: e.deviceSeq, hash: e.hash });
        if (!isHlc(e.hlc)) continue;
        try {
          clock = receive(clock, decodeHlc(e.hlc), this.now());
        } catch (err) {
          // A device whose clock runs far ahead must not drag ours into the future, nor stop sync:
          // the event is kept, our clock stays, and the skew is left for the sync screen to show.
          if (!(err instanceof ClockDriftError)) throw err;
          driftWarnings++;
        }
      }
      if (driftWarnings) this.setMeta('sync_clock_drift_events', String(Number(this.meta('sync_clock_drift_events') ?? 0) + driftWarnings));
      alsoInTransaction?.();
    })();
    // This device's own events come back only to a store restored from a backup (HQ held more of its chain).
    const own = heads.get(this.device.deviceId);
    this.state = own && own.seq > this.state.seq ? { ...this.state, seq: own.seq, hash: own.hash, clock } : { ...this.state, clock };
    return { applied, skipped, quarantined };
  }

  /** Signs this device's chain head at `seq` (a sync batch ends there, not necessarily at the newest event). */
  signHeadAt(seq: number): { seq: number; hash: string; signature: string } {
    const row = seq === 0 ? { hash: '' } : (this.q.prepared('SELECT hash FROM events WHERE device_id = ? AND device_seq = ?').get(this.device.deviceId, seq) as { hash: string } | undefined);
    if (!row) throw new Error(`no event ${seq} in this device's chain`);
    return { seq, hash: row.hash, signature: signChainHead(this.privateKey, this.device.deviceId, seq, row.hash) };
  }

  /** The signed head of this device's chain: one signature vouches for every event before it. */
  signedHead(): { deviceId: string; seq: number; hash: string; signature: string } {
    const { seq, hash } = this.state;
    const signature = signChainHead(this.privateKey, this.device.deviceId, seq, hash);
    this.q
      .prepared(
        `INSERT INTO chain_heads (device_id, seq, hash, signature, signed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, signature = excluded.signature, signed_at = excluded.signed_at`,
      )
      .run(this.device.deviceId, seq, hash, signature, new Date(this.now()).toISOString());
    return { deviceId: this.device.deviceId, seq, hash, signature };
  }

  /** Every device's chain in the log, checked end to end. */
  verifyEventChains(): { events: number; intact: boolean; firstBroken: { deviceId: string; deviceSeq: number } | null } {
    const heads = new Map<string, { seq: number; hash: string }>();
    let count = 0;
    for (const row of this.q.prepared('SELECT * FROM events ORDER BY device_id, device_seq').iterate() as IterableIterator<EventRow>) {
      count++;
      const e = rowToEvent(row);
      const head = heads.get(e.deviceId) ?? { seq: 0, hash: '' };
      if (verifyChainRun([e], head)) return { events: count, intact: false, firstBroken: { deviceId: e.deviceId, deviceSeq: e.deviceSeq } };
      heads.set(e.deviceId, { seq: e.deviceSeq, hash: e.hash });
    }
    return { events: count, intact: true, firstBroken: null };
  }

  /** Empties every projected table and replays the whole log, in the order events were stored. */
  rebuildProjections(): void {
    this.sqlite.transaction(() => {
      for (const t of projectedTables) this.sqlite.exec(`DELETE FROM ${t}`);
      const quarantinedIds = new Set((this.q.prepared('SELECT event_id FROM sync_quarantine').all() as { event_id: string }[]).map((r) => r.event_id));
      // In pages: SQLite cannot write (project) while a cursor over the same connection is open.
      const page = this.q.prepared('SELECT * FROM events WHERE local_seq > ? ORDER BY local_seq LIMIT 1000');
      let after = 0;
      for (;;) {
        const rows = page.all(after) as EventRow[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const e = rowToEvent(row);
          if (quarantinedIds.has(e.eventId)) continue;
          // Read (upcast to the current version, then parsed) as on ingest, so projections see identical values.
          const read = readPayload(e);
          if ('reason' in read) throw new Error(`cannot replay event ${e.eventId} (${e.type} v${e.schemaVersion}): ${read.reason}`);
          this.project(e, read.payload, row.local_seq);
        }
        after = rows[rows.length - 1]!.local_seq;
      }
    })();
  }

  eventsFor(entityId: string): EventRecord[] {
    return (this.q.prepared('SELECT * FROM events WHERE entity_id = ? ORDER BY local_seq').all(entityId) as EventRow[]).map(rowToEvent);
  }

  /** The device's signing key, for sync requests; never leaves the backend process. */
  get devicePrivateKey(): string {
    return this.privateKey;
  }

  get chainHead(): { seq: number; hash: string } {
    return { seq: this.state.seq, hash: this.state.hash };
  }

  /**
   * Writes the log into the main file (the WAL is emptied), so that a copy of the main file alone holds
   * everything committed. Used before re-keying a copy of the database (`rekeyedCopy`).
   */
  checkpoint(): void {
    this.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close();
  }
}

/** An events row as SQLite returns it (the table type with its generated key filled in). */
export type EventRow = Selectable<EventsTable>;

export function rowToEvent(r: EventRow): EventRecord {
  return {
    eventId: r.event_id,
    deviceId: r.device_id,
    deviceSeq: r.device_seq,
    hlc: r.hlc,
    actor: r.actor,
    type: r.type,
    entityId: r.entity_id,
    payload: r.payload,
    schemaVersion: r.schema_version,
    supersedes: JSON.parse(r.supersedes) as string[],
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

function eventParams(e: EventRecord, serverSeq: number | null): unknown[] {
  return [e.eventId, e.deviceId, e.deviceSeq, e.hlc, e.actor, e.type, e.entityId, e.payload, e.schemaVersion, JSON.stringify(e.supersedes), e.prevHash, e.hash, serverSeq];
}

/**
 * An event HQ would refuse must never be made: it would stay pending for ever and hold back every
 * event after it (issue #10). So it passes the synced schema, holds only well-formed text at any depth
 * (canonical JSON escapes a lone surrogate, but a projection would store it altered), and fits a push.
 */
function refuseUnsendable(event: EventRecord, payload: unknown): void {
  const checked = eventRecord.safeParse(event);
  if (!checked.success) throw validationError(checked.error.issues);
  if (!isWellFormedDeep(payload)) throw new ApiError({ code: 'validation', messageKey: 'error.validation', fields: { payload: { key: 'error.field.illFormedText' } } });
  if (eventBytes(event) > maxEventBytes) throw new ApiError({ code: 'payload_too_large', messageKey: 'error.event.tooLarge', params: { max: maxEventBytes } });
}

function readSettings(raw: string | undefined): Settings {
  if (!raw) return defaultSettings;
  const parsed = settingsSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : defaultSettings;
}

function readMeta(sqlite: BetterSqlite3.Database): Record<string, string | undefined> {
  const rows = sqlite.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/**
 * SQLCipher scheme with a raw 256-bit key (no passphrase KDF: the key is already random, and the
 * password KDF happened when the key slot was unwrapped). WAL + synchronous=FULL make each commit durable.
 */
export function openEncrypted(path: string, key: Buffer, opts: { mustExist: boolean }): BetterSqlite3.Database {
  if (key.length !== 32) throw new WrongKeyError();
  const sqlite = new BetterSqlite3(path, { fileMustExist: opts.mustExist });
  try {
    sqlite.pragma(`cipher='sqlcipher'`);
    sqlite.pragma(`legacy=4`);
    sqlite.pragma(`key="x'${key.toString('hex')}'"`);
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw new WrongKeyError();
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Sorts, temp tables and indexes built on the fly otherwise spill to files under /var/tmp that the
    // cipher does not cover: a large ORDER BY would write names in the clear (issue #10 §6).
    sqlite.pragma('temp_store = MEMORY');
    // 64 MiB of page cache: decrypting a page costs more than reading it, so keep hot pages decrypted.
    sqlite.pragma('cache_size = -65536');
    return sqlite;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/**
 * Re-encrypts a copy of the database under a new key (SQLite3 Multiple Ciphers' `PRAGMA rekey`, issue
 * #10 §4), for the caller to rename over the original. The original is never rewritten in place: until
 * the rename it opens with the old key, after it the complete copy opens with the new one, so a crash
 * at any point leaves one whole database. (Rekeying in place was tried: a SIGKILL while the pages were
 * being rewritten left a file that neither key opened.) The copy is synced to disk before returning.
 */
export function rekeyedCopy(from: string, to: string, oldKey: Buffer, newKey: Buffer): void {
  if (oldKey.length !== 32 || newKey.length !== 32) throw new WrongKeyError();
  for (const leftover of [to, `${to}-journal`, `${to}-wal`, `${to}-shm`]) rmSync(leftover, { force: true });
  copyFileSync(from, to);
  const copy = new BetterSqlite3(to, { fileMustExist: true });
  try {
    copy.pragma(`cipher='sqlcipher'`);
    copy.pragma(`legacy=4`);
    copy.pragma(`key="x'${oldKey.toString('hex')}'"`);
    copy.prepare('SELECT count(*) FROM sqlite_master').get();
    copy.pragma('journal_mode = DELETE');
    copy.pragma('synchronous = FULL');
    copy.pragma(`rekey="x'${newKey.toString('hex')}'"`);
    copy.prepare('SELECT count(*) FROM sqlite_master').get();
  } finally {
    copy.close();
  }
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
