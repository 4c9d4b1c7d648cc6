import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { canonicalJson } from '../../core/canonical-json';
import type { EventRecord } from '../../core/events';
import { encodeHlc } from '../../core/hlc';
import { eventHash, signChainHead } from '../../db/chain';
import { signedRequestHeaders } from '../../db/device-auth';
import { rowToEvent, Store, type EventRow } from '../../db/store';
import type { HqDatabase, HqDialect } from '../../hq/db';
import { migrateHq } from '../../hq/migrate';
import { buildHqServer } from '../../hq/server';
import { createEnrollmentCode } from '../../hq/sync/enroll';
import { createTestDatabase } from '../hq/harness';
import { tempDir } from './backend';

export type Head = { seq: number; hash: string };

/** HQ's origin for `app.inject`, whose requests go to Host "localhost:80": what a device signs as the audience. */
export const injectAudience = 'http://localhost';

/** A migrated HQ database with the real server over it, driven by `app.inject` (no port); `cleanups` tears both down. */
export async function hqServer(dialect: HqDialect, cleanups: (() => unknown)[]): Promise<{ hq: HqDatabase; app: FastifyInstance }> {
  const tdb = await createTestDatabase(dialect);
  const hq = await tdb.open();
  await migrateHq(hq);
  const app = buildHqServer({ db: hq, version: 'test' });
  cleanups.push(async () => {
    await app.close();
    await hq.close();
    await tdb.dispose();
  });
  return { hq, app };
}

/** One request to HQ as `app.inject` takes it; `payload` a body text, or an object sent as JSON. */
export interface HqRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  payload?: string | Record<string, unknown>;
}

/**
 * A real device store enrolled with an HQ server, which can also send what no honest device would:
 * events it chains and signs itself with the device's own key, so hostile content reaches HQ's checks
 * behind a valid signature and a valid chain.
 */
export function hqDevice(app: FastifyInstance, hq: HqDatabase, cleanups: (() => unknown)[], facility = 'Baku centre') {
  return deviceOn((req) => app.inject(req), injectAudience, hq, cleanups, facility);
}

/**
 * The same device over real HTTP to one or more HQ processes, each request to the next address in
 * turn (a round-robin proxy's behaviour); every one signs `audience`, the public address the HQ
 * processes share (QEYD_HQ_PUBLIC_URL).
 */
export function httpHqDevice(send: (req: HqRequest) => Promise<HttpAnswer>, audience: string, hq: HqDatabase, cleanups: (() => unknown)[], facility = 'Baku centre') {
  return deviceOn(send, audience, hq, cleanups, facility);
}

export interface HttpAnswer {
  statusCode: number;
  body: string;
  json(): { ok: boolean; result?: unknown; error?: { messageKey: string; code?: string } };
}

/** Sends each request to the next of `urls` in turn, over plain loopback HTTP. */
export function roundRobin(urls: readonly string[]): { send(req: HqRequest): Promise<HttpAnswer>; sent: number[] } {
  let next = 0;
  const sent = urls.map(() => 0);
  return {
    sent,
    send: async (req) => {
      const i = next++ % urls.length;
      sent[i]!++;
      const json = typeof req.payload === 'object';
      const res = await fetch(`${urls[i]}${req.url}`, {
        method: req.method,
        headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...req.headers },
        body: typeof req.payload === 'object' ? JSON.stringify(req.payload) : req.payload,
      });
      const body = await res.text();
      return { statusCode: res.status, body, json: () => JSON.parse(body) as ReturnType<HttpAnswer['json']> };
    },
  };
}

async function deviceOn<R extends { statusCode: number; body: string }>(send: (req: HqRequest) => Promise<R>, audience: string, hq: HqDatabase, cleanups: (() => unknown)[], facility: string) {
  const dir = tempDir();
  const key = randomBytes(32);
  const store = Store.create(join(dir.path, 'd.db'), key, 'Desk', {});
  const reopened: Store[] = [];
  cleanups.push(() => {
    store.close();
    for (const s of reopened) s.close();
    dir.remove();
  });
  /** Closes the store and opens it again from disk, as the next start of the app would. */
  const reopen = () => {
    store.close();
    const again = Store.open(join(dir.path, 'd.db'), key);
    reopened.push(again);
    return again;
  };
  const deviceId = store.device.deviceId;
  const { code } = await createEnrollmentCode(hq, { name: facility, kind: 'detention_centre' });
  const enrolled = await send({ method: 'POST', url: '/api/enroll', payload: { code, deviceId, deviceName: 'Desk', publicKey: store.device.publicKey, facilityName: facility } });
  if (enrolled.statusCode !== 200) throw new Error(`enrollment failed: ${enrolled.body}`);

  const registration = (name: string) => ({ details: { names: { original: name, latin: name, aliases: [] }, sex: 'male', nationalities: [], stateless: false, languages: [] } });
  const record = (n: number) => {
    for (let i = 0; i < n; i++) {
      store.command({ userId: 'u' }, 'test', (tx) => tx.append({ type: 'person.registered', entityId: randomUUID(), payload: registration(`P${i}`) as never }));
    }
  };
  const events = (): EventRecord[] => (store.sqlite.prepare('SELECT * FROM events ORDER BY device_seq').all() as EventRow[]).map(rowToEvent);
  /** Events chained on `after`, each a registration unless `fields` say otherwise; hashes computed over what is sent. */
  const forge = (after: Head, ...fields: Partial<EventRecord>[]): EventRecord[] => {
    const out: EventRecord[] = [];
    let prev = after;
    for (const f of fields) {
      const base = {
        eventId: randomUUID(),
        deviceId,
        deviceSeq: prev.seq + 1,
        hlc: encodeHlc({ millis: Date.now(), counter: out.length, node: deviceId }),
        actor: 'u',
        type: 'person.registered',
        entityId: randomUUID(),
        payload: canonicalJson(registration('Forged')),
        schemaVersion: 1,
        supersedes: [] as string[],
        prevHash: prev.hash,
        ...f,
      };
      const e = { ...base, hash: eventHash(base) };
      out.push(e);
      prev = { seq: e.deviceSeq, hash: e.hash };
    }
    return out;
  };
  const headOf = (batch: readonly EventRecord[]) => {
    const last = batch[batch.length - 1]!;
    return { seq: last.deviceSeq, hash: last.hash, signature: signChainHead(store.devicePrivateKey, deviceId, last.deviceSeq, last.hash) };
  };
  const signed = (method: 'GET' | 'POST', url: string, body: string) => ({
    ...signedRequestHeaders(store.devicePrivateKey, deviceId, { method, audience, path: url, body }),
    ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
  });
  /** A signed POST of exactly this body text. */
  const post = (url: string, body: string) => send({ method: 'POST', url, headers: signed('POST', url, body), payload: body });
  const push = (batch: EventRecord[], head: unknown = headOf(batch)) => post('/api/sync/push', JSON.stringify({ events: batch, head }));
  const pull = (after: number | string = 0, limit = 100) => {
    const url = `/api/sync/pull?after=${after}&limit=${limit}`;
    return send({ method: 'GET', url, headers: signed('GET', url, '') });
  };
  return { store, deviceId, record, events, forge, headOf, signed, post, push, pull, reopen };
}

export type HqDevice = Awaited<ReturnType<typeof hqDevice>>;
export type HttpHqDevice = Awaited<ReturnType<typeof httpHqDevice>>;

export async function countEvents(hq: HqDatabase): Promise<number> {
  const n = await hq.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n.n);
}
