import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDraft } from '../../core/events';
import { verifyChainHead } from '../../db/chain';
import { Store, WrongKeyError } from '../../db/store';
import { tempDir } from '../helpers/backend';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function newStore(): { store: Store; key: Buffer; path: string } {
  const dir = tempDir();
  dirs.push(dir);
  const key = randomBytes(32);
  const path = join(dir.path, 'qeyd.db');
  return { store: Store.create(path, key, 'Desk 1', { facility_name: 'Centre' }), key, path };
}

function registration(latin: string, original = latin): EventDraft<'person.registered'> {
  return {
    type: 'person.registered',
    entityId: randomUUID(),
    payload: { details: { names: { original, latin, aliases: [] }, sex: 'female', nationalities: ['AFG'], stateless: false, languages: ['fa'] } },
  };
}

const actor = { userId: 'user-1' };

describe('the encrypted store', () => {
  it('holds no plaintext on disk: no SQLite header and no stored name', () => {
    const { store, path } = newStore();
    store.command(actor, 'test', (tx) => tx.append(registration('Zarmina Rahimi', 'زرمینه رحیمی')));
    const dir = join(path, '..');
    // Read while open (WAL present) and again after close (checkpointed).
    const check = () => {
      for (const f of readdirSync(dir)) {
        const bytes = readFileSync(join(dir, f));
        expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
        expect(bytes.includes(Buffer.from('Zarmina'))).toBe(false);
        expect(bytes.includes(Buffer.from('زرمینه'))).toBe(false);
      }
    };
    check();
    store.close();
    check();
  });

  it('commits durably: write-ahead log with a full sync on every commit', () => {
    const { store } = newStore();
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('refuses to open with a wrong key and leaves the file as it was', () => {
    const { store, path } = newStore();
    store.command(actor, 'test', (tx) => tx.append(registration('Amina')));
    store.close();
    const before = readFileSync(path);
    expect(() => Store.open(path, randomBytes(32))).toThrow(WrongKeyError);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("numbers a device's events 1..n without gaps and chains their hashes", () => {
    const { store } = newStore();
    for (let i = 0; i < 5; i++) store.command(actor, 'test', (tx) => tx.append(registration(`Person ${i}`)));
    const rows = store.sqlite.prepare('SELECT device_seq, prev_hash, hash FROM events ORDER BY device_seq').all() as { device_seq: number; prev_hash: string; hash: string }[];
    expect(rows.map((r) => r.device_seq)).toEqual([1, 2, 3, 4, 5]);
    rows.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(rows[i]!.hash));
    expect(store.verifyEventChains().intact).toBe(true);
  });

  it('a failed command leaves no event, no projection, no audit line and no gap', () => {
    const { store } = newStore();
    expect(() =>
      store.command(actor, 'test', (tx) => {
        tx.append(registration('Ghost'));
        throw new Error('refused half-way');
      }),
    ).toThrow('refused half-way');
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 0 });
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
    const e = store.command(actor, 'test', (tx) => tx.append(registration('Real')));
    expect(e.deviceSeq).toBe(1);
    expect(e.prevHash).toBe('');
  });

  it('rebuilds the persons table from the log, corrections included, and finds it identical (every table: tests/db/rebuild.test.ts)', () => {
    const { store } = newStore();
    const first = store.command(actor, 'test', (tx) => tx.append(registration('Nodira Karimova', 'Нодира Каримова')));
    for (let i = 0; i < 20; i++) store.command(actor, 'test', (tx) => tx.append(registration(`Person ${i}`)));
    store.command(actor, 'test', (tx) =>
      tx.append({ type: 'person.corrected', entityId: first.entityId, payload: { changes: { 'names.latin': 'Nodira Karimova-Saidova' }, reason: 'passport seen' }, supersedes: [first.eventId] }),
    );
    const snapshot = () => store.sqlite.prepare('SELECT * FROM persons ORDER BY person_id').all();
    const before = snapshot();
    store.rebuildProjections();
    expect(snapshot()).toEqual(before);
    expect(before).toHaveLength(21);
  });

  it('signs its chain head with the device key; the signature fails for any other head', () => {
    const { store } = newStore();
    store.command(actor, 'test', (tx) => tx.append(registration('Signed')));
    const head = store.signedHead();
    expect(verifyChainHead(store.device.publicKey, head.deviceId, head.seq, head.hash, head.signature)).toBe(true);
    expect(verifyChainHead(store.device.publicKey, head.deviceId, head.seq + 1, head.hash, head.signature)).toBe(false);
  });

  it('detects an event altered on disk', () => {
    const { store } = newStore();
    for (let i = 0; i < 3; i++) store.command(actor, 'test', (tx) => tx.append(registration(`P${i}`)));
    store.sqlite.exec('DROP TRIGGER events_no_update');
    store.sqlite.prepare("UPDATE events SET payload = replace(payload, 'P1', 'PX') WHERE device_seq = 2").run();
    expect(store.verifyEventChains()).toMatchObject({ intact: false, firstBroken: { deviceSeq: 2 } });
  });

  it('refuses to edit or delete an event: the log is append-only', () => {
    const { store } = newStore();
    store.command(actor, 'test', (tx) => tx.append(registration('Kept')));
    expect(() => store.sqlite.prepare("UPDATE events SET type = 'x'").run()).toThrow(/append-only/);
    expect(() => store.sqlite.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() => store.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it("applies another device's events once, verifying the chain; a repeat changes nothing", () => {
    const a = newStore();
    const b = newStore();
    for (let i = 0; i < 4; i++) a.store.command(actor, 'test', (tx) => tx.append(registration(`From A ${i}`)));
    const events = a.store.sqlite
      .prepare('SELECT * FROM events ORDER BY device_seq')
      .all()
      .map((r) => rowOf(r));
    expect(b.store.ingest(events)).toEqual({ applied: 4, skipped: 0, quarantined: 0 });
    expect(b.store.ingest(events)).toEqual({ applied: 0, skipped: 4, quarantined: 0 });
    expect(b.store.sqlite.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 4 });
    // A later local event on B sorts after everything it has seen.
    const own = b.store.command(actor, 'test', (tx) => tx.append(registration('From B')));
    expect(own.hlc > events[3]!.hlc).toBe(true);
  });

  it('refuses a received event whose hash does not match, and applies nothing of the batch', () => {
    const a = newStore();
    const b = newStore();
    for (let i = 0; i < 3; i++) a.store.command(actor, 'test', (tx) => tx.append(registration(`From A ${i}`)));
    const events = a.store.sqlite
      .prepare('SELECT * FROM events ORDER BY device_seq')
      .all()
      .map((r) => rowOf(r));
    events[2] = { ...events[2]!, payload: events[2]!.payload.replace('From A 2', 'Forged') };
    expect(() => b.store.ingest(events)).toThrow(/broken/);
    expect(b.store.sqlite.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
  });
});

function rowOf(r: unknown) {
  const x = r as Record<string, unknown>;
  return {
    eventId: x.event_id as string,
    deviceId: x.device_id as string,
    deviceSeq: x.device_seq as number,
    hlc: x.hlc as string,
    actor: x.actor as string,
    type: x.type as string,
    entityId: x.entity_id as string,
    payload: x.payload as string,
    schemaVersion: x.schema_version as number,
    supersedes: JSON.parse(x.supersedes as string) as string[],
    prevHash: x.prev_hash as string,
    hash: x.hash as string,
  };
}

describe('events this version cannot apply', () => {
  it('are kept in the log with their chain, listed in quarantine, never projected, and the rest applies', () => {
    const a = newStore();
    const b = newStore();
    for (let i = 0; i < 3; i++) a.store.command(actor, 'test', (tx) => tx.append(registration(`From A ${i}`)));
    const events = a.store.sqlite
      .prepare('SELECT * FROM events ORDER BY device_seq')
      .all()
      .map((r) => rowOf(r));
    const result = b.store.ingest([events[0]!, { ...events[1]!, quarantined: 'invalid_payload' }, events[2]!]);
    expect(result).toEqual({ applied: 2, skipped: 0, quarantined: 1 });
    expect(b.store.sqlite.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 3 });
    expect(b.store.sqlite.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 2 });
    expect(b.store.sqlite.prepare('SELECT reason FROM sync_quarantine').all()).toEqual([{ reason: 'invalid_payload' }]);
    b.store.rebuildProjections();
    expect(b.store.sqlite.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 2 });
    expect(b.store.verifyEventChains().intact).toBe(true);
  });
});
