import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { receiptMessage, verifyWith } from '../../db/device-auth';
import { rowToEvent, Store, type EventRow } from '../../db/store';
import type { HqDatabaseConfig } from '../../hq/config';
import { openHqDatabase, redactDatabaseUrl, type HqDatabase, type HqDialect } from '../../hq/db';
import { migrateHq } from '../../hq/migrate';
import { buildHqServer } from '../../hq/server';
import { createEnrollmentCode } from '../../hq/sync/enroll';
import { runSync } from '../../main/sync/engine';
import { HqClient } from '../../main/sync/hq-client';
import { benchDir, registration, report, storeWithEvents } from './fixtures';

const pgUrl = process.env.QEYD_TEST_PG_URL || 'postgres://qeyd:qeyd@127.0.0.1:5432/qeyd_test';

interface BenchHq {
  url: string;
  /** every HQ process's address (one unless several nodes share the database) */
  urls: string[];
  /** the bench's own connection to HQ's database, for enrollment codes and counting what HQ holds */
  hq: HqDatabase;
  close(): Promise<void>;
}

/** `key`: HQ's key (base64), made by the parent for this run; both processes open HQ's keys with it. */
type ChildConfig = { database: HqDatabaseConfig; key: string };
type ChildMessage = { listening: string } | { failed: string };

/**
 * HQ runs in a process of its own, as it does in production (on another machine than the devices):
 * the ten simulated devices' reading, serialising and signing must not share HQ's event loop, or the
 * figure would be HQ's speed minus the clients' CPU. The child is started with this same file and the
 * same Node flags (the tsx loader), and listens on 127.0.0.1:0.
 */
async function serveHqChild(config: ChildConfig): Promise<void> {
  const hq = await openHqDatabase(config, { kind: 'file', key: Buffer.from(config.key, 'base64') });
  await migrateHq(hq);
  const app = buildHqServer({ db: hq, version: 'bench' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.send!({ listening: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` } satisfies ChildMessage);
  process.on('message', (m) => {
    if (m !== 'close') return;
    void app
      .close()
      .then(() => hq.close())
      .then(() => process.exit(0));
  });
  // The parent gone (killed, crashed) must not leave HQ listening.
  process.on('disconnect', () => process.exit(1));
}

if (process.env.QEYD_BENCH_HQ_CHILD) {
  serveHqChild(JSON.parse(process.env.QEYD_BENCH_HQ_CHILD) as ChildConfig).catch((e) => {
    process.send?.({ failed: e instanceof Error ? e.message : String(e) } satisfies ChildMessage);
    process.exit(1);
  });
}

function spawnHq(config: ChildConfig): Promise<{ url: string; stop(): Promise<void> }> {
  const env = { ...process.env, QEYD_BENCH_HQ_CHILD: JSON.stringify(config) };
  const child = fork(fileURLToPath(import.meta.url), [], { env, execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then(() => reject(new Error('the HQ process exited before listening')));
    child.once('message', (m: ChildMessage) => {
      if ('failed' in m) return reject(new Error(`HQ did not start: ${m.failed}`));
      resolve({
        url: m.listening,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.send('close');
          await exited;
        },
      });
    });
  });
}

/**
 * A listening HQ on loopback. PostgreSQL gets a fresh schema made the connection's only search_path
 * entry (as tests/hq/harness.ts does), so the bench never touches anyone's tables and drops its own.
 */
async function startHq(dialect: HqDialect, dir: string, nodes = 1): Promise<BenchHq> {
  let config: ChildConfig;
  const key = randomBytes(32).toString('base64');
  let dropSchema = async () => {};
  if (dialect === 'sqlite') {
    config = { database: { kind: 'sqlite', file: join(dir, `hq-${randomBytes(4).toString('hex')}.sqlite`) }, key };
  } else {
    const admin = new pg.Pool({ connectionString: pgUrl, max: 1, connectionTimeoutMillis: 5000 });
    admin.on('error', () => undefined);
    const schema = `hq_bench_${randomBytes(6).toString('hex')}`;
    try {
      await admin.query(`create schema ${schema}`);
    } catch (e) {
      await admin.end().catch(() => undefined);
      throw new PgUnavailable(e);
    }
    dropSchema = async () => {
      try {
        await admin.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await admin.end();
      }
    };
    const url = new URL(pgUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    config = { database: { kind: 'postgres', url: url.toString() }, key };
  }
  const children: Awaited<ReturnType<typeof spawnHq>>[] = [];
  let hq: HqDatabase | undefined;
  try {
    // Several HQ processes on one database, as docs/hq-deploy.md runs them behind a round-robin proxy.
    for (const started of await Promise.allSettled(Array.from({ length: nodes }, () => spawnHq(config)))) {
      if (started.status === 'fulfilled') children.push(started.value);
    }
    if (children.length < nodes) throw new Error(`only ${children.length} of ${nodes} HQ processes started`);
    hq = await openHqDatabase(config, { kind: 'file', key: Buffer.from(key, 'base64') });
  } catch (e) {
    for (const c of children) await c.stop();
    await dropSchema().catch(() => undefined);
    throw e;
  }
  const db = hq;
  return {
    url: children[0]!.url,
    urls: children.map((c) => c.url),
    hq: db,
    close: async () => {
      for (const c of children) await c.stop();
      await db.close();
      await dropSchema();
    },
  };
}

class PgUnavailable extends Error {
  constructor(cause: unknown) {
    super(`PostgreSQL is not reachable at ${redactDatabaseUrl(pgUrl)} (set QEYD_TEST_PG_URL): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Enrolls a store with HQ over HTTP and keeps what the device keeps (as main/services/sync.ts does). */
async function enroll(hq: BenchHq, store: Store, facility: string): Promise<HqClient> {
  return (await enrollAll(hq, store, facility))[0]!;
}

/** Enrolls once and gives a client per HQ process (each signs for the address it sends to). */
async function enrollAll(hq: BenchHq, store: Store, facility: string): Promise<HqClient[]> {
  const { code } = await createEnrollmentCode(hq.hq, { name: facility, kind: 'detention_centre' });
  const res = await HqClient.enroll(hq.url, { code, deviceId: store.device.deviceId, deviceName: store.device.name, publicKey: store.device.publicKey, facilityName: facility });
  store.setMeta('sync_hq_url', hq.url);
  store.setMeta('sync_hq_public_key', res.hqPublicKey);
  store.setMeta('sync_facility_id', res.facilityId);
  return hq.urls.map((url) => new HqClient(url, { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey }));
}

/**
 * A device's push loop, as runSync's push phase does it (read the next batch from the encrypted store,
 * sign the head, push, verify HQ's receipt, record the acknowledgement), without the pull phase: with
 * ten devices of one facility each pull would ingest the other nine devices' events, which is the
 * device's ingest speed, not HQ's.
 */
async function pushAll(store: Store, clients: HqClient | readonly HqClient[], batch: number): Promise<number> {
  const all: readonly HqClient[] = Array.isArray(clients) ? clients : [clients];
  let turn = 0;
  const hqKey = store.meta('sync_hq_public_key')!;
  const next = store.q.prepared('SELECT * FROM events WHERE device_id = ? AND device_seq > ? ORDER BY device_seq LIMIT ?');
  let acked = Number(store.meta('sync_acked_seq') ?? 0);
  let stored = 0;
  for (;;) {
    const events = (next.all(store.device.deviceId, acked, batch) as EventRow[]).map(rowToEvent);
    if (events.length === 0) return stored;
    const last = events[events.length - 1]!;
    // Each request to the next HQ process in turn, as a round-robin proxy sends them.
    const res = await all[turn++ % all.length]!.push({ events, head: store.signHeadAt(last.deviceSeq) });
    if (res.ackedSeq !== last.deviceSeq || !verifyWith(hqKey, receiptMessage(store.device.deviceId, res.ackedSeq, last.hash), res.receipt)) {
      throw new Error(`HQ acknowledged ${res.ackedSeq} of ${last.deviceSeq} for ${store.device.deviceId}, or its receipt does not verify`);
    }
    store.setMeta('sync_acked_seq', String(res.ackedSeq));
    acked = res.ackedSeq;
    stored += res.stored;
  }
}

/**
 * hq_ingest_events_per_s_<dialect>: `total` person.registered events from 10 devices of one facility,
 * pushed over loopback HTTP (HqClient → buildHqServer listening in its own process) in batches of
 * 1,000, the ten devices pushing concurrently as they would at day end. The stores, their events and the enrollments are made
 * before the clock starts; the clock stops when HQ has acknowledged every event with a verified
 * receipt. HQ's count of stored events is checked afterwards.
 */
export async function benchHqIngest(dialect: HqDialect, total = 100_000, devices = 10): Promise<void> {
  const rate = await hqIngestRate(dialect, total, devices, 1);
  report(`hq_ingest_events_per_s_${dialect === 'postgres' ? 'pg' : 'sqlite'}`, Math.round(rate), 'events/s');
}

/** One run of the ingest workload against `nodes` HQ processes on one database; events per second. */
async function hqIngestRate(dialect: HqDialect, total: number, devices: number, nodes: number): Promise<number> {
  const dir = benchDir();
  const stores: Store[] = [];
  let hq: BenchHq | undefined;
  try {
    const per = Math.ceil(total / devices);
    for (let i = 0; i < devices; i++) stores.push(storeWithEvents(join(dir.path, `d${i}.db`), Math.min(per, total - i * per)).store);
    hq = await startHq(dialect, dir.path, nodes);
    const clients: HqClient[][] = [];
    for (const s of stores) clients.push(await enrollAll(hq, s, 'Bench centre'));

    const t0 = performance.now();
    const pushed = await Promise.all(stores.map((s, i) => pushAll(s, clients[i]!, 1000)));
    const seconds = (performance.now() - t0) / 1000;

    const sent = pushed.reduce((a, b) => a + b, 0);
    const held = Number(
      (
        await hq.hq.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (sent !== total || held !== total) throw new Error(`pushed ${total} events, HQ stored ${sent} and holds ${held}`);
    process.stderr.write(`[bench] hq ingest (${dialect}, ${nodes} HQ process${nodes > 1 ? 'es' : ''}): ${total.toLocaleString('en')} events from ${devices} devices in ${seconds.toFixed(2)} s\n`);
    return total / seconds;
  } finally {
    for (const s of stores) s.close();
    await hq?.close();
    dir.remove();
  }
}

/**
 * sync_day_end_s: a centre's day end. Device A holds `history` events, all pushed and acknowledged, and
 * has pulled device B's (B, of the same facility, has `history / 10` and is in sync too). During the
 * day A records `today` new events and B records `today` of its own and syncs them. The figure is one
 * runSync of A over HTTP against HQ on SQLite: push A's `today`, pull B's `today` (verify, append,
 * project, advance the cursor).
 */
export async function benchDayEnd(history = 50_000, today = 2_000): Promise<void> {
  const dir = benchDir();
  const stores: Store[] = [];
  let hq: BenchHq | undefined;
  try {
    const a = storeWithEvents(join(dir.path, 'a.db'), history).store;
    stores.push(a);
    const b = storeWithEvents(join(dir.path, 'b.db'), Math.max(1, Math.round(history / 10))).store;
    stores.push(b);
    hq = await startHq('sqlite', dir.path);
    const clientA = await enroll(hq, a, 'Bench centre');
    const clientB = await enroll(hq, b, 'Bench centre');
    await runSync(b, clientB);
    await runSync(a, clientA);
    await runSync(b, clientB);
    if (Number(a.meta('sync_acked_seq')) !== history) throw new Error('device A is not in sync before its day starts');

    const day = (store: Store, from: number) => {
      for (let done = 0; done < today; done += 500) {
        store.command({ userId: 'bench' }, 'bench.day', (tx) => {
          for (let i = done; i < Math.min(today, done + 500); i++) tx.append(registration(from + i));
        });
      }
    };
    day(a, history);
    day(b, history * 2);
    const pushedByB = await runSync(b, clientB);
    if (pushedByB.pushed !== today) throw new Error(`device B pushed ${pushedByB.pushed} of ${today}`);

    const t0 = performance.now();
    const res = await runSync(a, clientA);
    const seconds = (performance.now() - t0) / 1000;
    if (res.pushed !== today || res.pulled !== today) throw new Error(`day end pushed ${res.pushed} and pulled ${res.pulled}, expected ${today} each`);
    report('sync_day_end_s', seconds, 's');
  } finally {
    for (const s of stores) s.close();
    await hq?.close();
    dir.remove();
  }
}

/**
 * sync_property_schedules_per_s: tests/sync/property.test.ts (random schedules of edits, syncs, dropped
 * connections, replays and clock skew against HQ's real service on SQLite) run for `schedules`
 * schedules in a vitest child process; wall time includes vitest's start-up, a second or so.
 */
export async function benchPropertySchedules(schedules = 5000): Promise<void> {
  const t0 = performance.now();
  let output = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('npx', ['vitest', 'run', 'tests/sync/property.test.ts'], {
      env: { ...process.env, QEYD_SYNC_SCHEDULES: String(schedules) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (c) => resolve(c));
  });
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`the property test failed (exit ${code}) on ${schedules} schedules:\n${output.slice(-4000)}`);
  process.stderr.write(`[bench] sync property test: ${schedules.toLocaleString('en')} schedules in ${seconds.toFixed(1)} s\n`);
  report('sync_property_schedules_per_s', schedules / seconds, 'schedules/s');
}

/**
 * hq_ingest_events_per_s_pg and hq_ingest_events_per_s_pg_2nodes in the same run (issue #13 §6): the
 * ingest workload above against one HQ process and against two on one PostgreSQL, each device's
 * requests alternating between the two. The set-ups take turns, `repetitions` times each, so a noisy
 * moment of the machine falls on both; each figure is the median, with its min and max beside it.
 */
export async function benchHqIngestPg(total = 100_000, repetitions = 3, devices = 10): Promise<void> {
  const runs: Record<'pg' | 'pg_2nodes', number[]> = { pg: [], pg_2nodes: [] };
  for (let r = 0; r < repetitions; r++) {
    runs.pg.push(await hqIngestRate('postgres', total, devices, 1));
    runs.pg_2nodes.push(await hqIngestRate('postgres', total, devices, 2));
  }
  for (const [name, rates] of Object.entries(runs)) {
    const sorted = [...rates].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    report(`hq_ingest_events_per_s_${name}`, Math.round(median), 'events/s');
    report(`hq_ingest_events_per_s_${name}_min`, Math.round(sorted[0]!), 'events/s');
    report(`hq_ingest_events_per_s_${name}_max`, Math.round(sorted[sorted.length - 1]!), 'events/s');
  }
}

/** Every sync figure; PostgreSQL being unreachable skips only its own figure. */
export async function benchSync(scale = 1): Promise<void> {
  const n = (x: number, min: number) => Math.max(min, Math.round(x * scale));
  await benchHqIngest('sqlite', n(100_000, 1000));
  try {
    await benchHqIngestPg(n(100_000, 1000));
  } catch (e) {
    if (!(e instanceof PgUnavailable)) throw e;
    process.stderr.write(`[bench] hq_ingest_events_per_s_pg and _pg_2nodes skipped: ${e.message}\n`);
  }
  await benchDayEnd(n(50_000, 1000), n(2_000, 100));
  await benchPropertySchedules(n(5_000, 50));
}
