import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../core/canonical-json';
import { eventRecord, type EventDraft, type EventRecord } from '../../core/events';
import { encodeHlc } from '../../core/hlc';
import { maxEventBytes } from '../../core/sync';
import { verifyAuditLog } from '../../db/audit-log';
import { BundleError, openBundle, sealBundle } from '../../db/bundle';
import { eventHash } from '../../db/chain';
import { Store } from '../../db/store';
import { tempDir } from '../helpers/backend';
import { refusalOf } from '../helpers/refusal';

const dirs: { remove(): void }[] = [];
const stores: Store[] = [];
afterEach(() => {
  stores.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => d.remove());
});

function newStore(): Store {
  const dir = tempDir();
  dirs.push(dir);
  const store = Store.create(join(dir.path, 'qeyd.db'), randomBytes(32), 'Desk 1', { facility_name: 'Centre' });
  stores.push(store);
  return store;
}

const actor = { userId: 'user-1' };

function registration(original: string): EventDraft<'person.registered'> {
  return {
    type: 'person.registered',
    entityId: randomUUID(),
    payload: { details: { names: { original, latin: 'Zarmina Rahimi', aliases: [] }, sex: 'female', nationalities: ['AFG'], stateless: false, languages: ['fa'] } },
  };
}

/** An event of another device, hashed as that device would: the chain holds, whatever the text. */
function foreignEvent(fields: Partial<EventRecord>): EventRecord {
  const partial = {
    eventId: randomUUID(),
    deviceId: randomUUID(),
    deviceSeq: 1,
    hlc: encodeHlc({ millis: Date.now(), counter: 0, node: randomUUID() }),
    actor: 'user-2',
    type: 'person.registered',
    entityId: randomUUID(),
    payload: canonicalJson(registration('Zarmina').payload),
    schemaVersion: 1,
    supersedes: [],
    prevHash: '',
    ...fields,
  };
  return { ...partial, hash: eventHash(partial) };
}

const eventCount = (s: Store) => (s.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

describe('the audit log and ill-formed text', () => {
  it('an audit line recording a lone surrogate or NUL is stored as it was hashed, so the chain still verifies', () => {
    const store = newStore();
    store.audit({ actor: 'u\uDC00', action: 'read.denied', method: 'npmVisits.get', entityType: 'visit', entityId: 'v\uD800', outcome: 'denied', detail: 'a\u0000b' });
    store.command(actor, 'test', (tx) => tx.audit({ action: 'x', method: 'm\uD800', entityId: '\uDFFF', outcome: 'ok' }));
    store.audit({ actor: null, action: 'read', method: 'persons.view', outcome: 'ok' });
    expect(verifyAuditLog(store.q)).toEqual({ count: 3, firstBrokenSeq: null });
    const row = store.sqlite.prepare('SELECT entity_id, detail FROM audit_log ORDER BY seq LIMIT 1').get();
    expect(row).toEqual({ entity_id: 'v\uFFFD', detail: 'a\uFFFDb' });
  });
});

describe('events and ill-formed text', () => {
  it('the synced form of an event refuses a lone surrogate or NUL in any text field', () => {
    const good = foreignEvent({});
    expect(eventRecord.safeParse(good).success).toBe(true);
    for (const bad of [{ actor: 'u\uD800' }, { entityId: 'e\u0000' }, { payload: '{"a":"\uDC00"}' }, { type: 'person.\uDBFF' }, { supersedes: ['\uD800'] }]) {
      const parsed = eventRecord.safeParse({ ...good, ...bad });
      expect(parsed.success, JSON.stringify(bad)).toBe(false);
      expect(parsed.error?.issues.map((i) => i.message)).toContain('error.field.illFormedText');
    }
  });

  it('the store refuses to make an event holding a lone surrogate, even deep in a free-form value, and writes nothing', () => {
    const store = newStore();
    const head = store.chainHead;
    const e1 = refusalOf(() => store.command(actor, 'test', (tx) => tx.append(registration('Zarmina\uD800'))));
    expect(e1.code).toBe('validation');
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 300; i++) deep = { v: deep };
    const e2 = refusalOf(() => store.command(actor, 'test', (tx) => tx.append({ type: 'person.corrected', entityId: randomUUID(), payload: { changes: { nameOriginal: deep }, reason: 'typo' } })));
    expect(e2.fields).toEqual({ payload: { key: 'error.field.illFormedText' } });
    expect(store.chainHead).toEqual(head);
    expect(eventCount(store)).toBe(0);
    expect(verifyAuditLog(store.q)).toEqual({ count: 0, firstBrokenSeq: null });
  });

  it('an event of another device whose payload escapes a lone surrogate is kept unapplied, and every chain stays intact', () => {
    const store = newStore();
    const e = foreignEvent({ payload: canonicalJson(registration('Zarmina\uD800').payload) });
    expect(e.payload).toContain('\\ud800'); // canonical JSON escapes it: the text itself is well formed
    expect(store.ingest([e])).toMatchObject({ applied: 0, quarantined: 1 });
    expect(store.sqlite.prepare('SELECT reason FROM sync_quarantine').get()).toEqual({ reason: 'ill_formed_text' });
    expect(store.verifyEventChains().intact).toBe(true);
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 0 });
  });

  it('an event of another device with a raw lone surrogate is refused whole: nothing is stored altered', () => {
    const store = newStore();
    expect(() => store.ingest([foreignEvent({ actor: 'u\uD800' })])).toThrow();
    expect(eventCount(store)).toBe(0);
    expect(store.verifyEventChains().intact).toBe(true);
  });

  it('a bundle carrying an event with a lone surrogate is refused as unreadable', () => {
    const store = newStore();
    const e = foreignEvent({ deviceId: store.device.deviceId, payload: '{"details":"\uD800"}' });
    const facilityId = 'facility-1';
    const bundleKey = randomBytes(32).toString('base64');
    const file = sealBundle(
      { events: [e], head: { seq: 1, hash: e.hash, signature: 'x'.repeat(88) } },
      { deviceId: store.device.deviceId, devicePrivateKey: store.devicePrivateKey, facilityId, bundleKey, bundleKeyId: 1, createdAt: new Date().toISOString() },
    );
    expect(() => openBundle(file, { facilityId, bundleKey, expectedPublicKey: store.device.publicKey })).toThrow(new BundleError('unreadable'));
  });
});

describe('an event never larger than HQ takes', () => {
  it('the store refuses an event over the size one push or bundle can carry, with a translated reason, and writes nothing', () => {
    const store = newStore();
    const big = (n: number) => ({ type: 'person.corrected' as const, entityId: randomUUID(), payload: { changes: { note: '€'.repeat(n) }, reason: 'r' } });
    // Three bytes each: within the payload's length in characters, over the event's size in bytes.
    const tooLarge = refusalOf(() => store.command(actor, 'test', (tx) => tx.append(big(Math.ceil(maxEventBytes / 3)))));
    expect(tooLarge).toMatchObject({ code: 'payload_too_large', messageKey: 'error.event.tooLarge', params: { max: maxEventBytes } });
    // Within the bytes but over the payload length HQ's schema takes: refused as well.
    const tooLong = refusalOf(() => store.command(actor, 'test', (tx) => tx.append({ ...big(0), payload: { changes: { note: 'a'.repeat(300_000) }, reason: 'r' } })));
    expect(tooLong).toMatchObject({ code: 'validation', fields: { payload: { key: 'error.field.tooLong' } } });
    expect(eventCount(store)).toBe(0);
    expect(store.chainHead).toEqual({ seq: 0, hash: '' });
  });
});
