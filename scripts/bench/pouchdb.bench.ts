import { randomBytes } from 'node:crypto';
import { fork } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventRecord } from '../../core/events';
import type { Store } from '../../db/store';
import { openHqDatabase, type HqDatabase } from '../../hq/db';
import { migrateHq } from '../../hq/migrate';
import { buildHqServer } from '../../hq/server';
import { createEnrollmentCode } from '../../hq/sync/enroll';
import { runSync, type HqApi } from '../../main/sync/engine';
import { HqClient } from '../../main/sync/hq-client';
import { allEvents, benchDir, report, storeWithEvents } from './fixtures';

/*
 * PouchDB, express and express-pouchdb ship no type declarations; the bench declares the little it
 * uses rather than letting `any` in.
 */
interface PouchDoc {
  _id: string;
  [field: string]: unknown;
}
interface ReplicationResult {
  ok: boolean;
  docs_written: number;
  doc_write_failures: number;
}
interface PouchDatabase {
  bulkDocs(docs: PouchDoc[]): Promise<Array<{ ok?: boolean; error?: string; reason?: string }>>;
  info(): Promise<{ doc_count: number }>;
  close(): Promise<void>;
  replicate: { to(target: string, opts: { batch_size: number; batches_limit: number }): Promise<ReplicationResult> };
}
interface PouchConstructor {
  new (name: string): PouchDatabase;
  defaults(opts: { prefix: string }): PouchConstructor;
}
type ExpressPouchdb = (pouch: PouchConstructor, opts: { mode: 'minimumForPouchDB'; inMemoryConfig: boolean; logPath: string; configPath: string }) => RequestListener;
type Express = () => RequestListener & { use(path: string, handler: RequestListener): void };

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-node') as PouchConstructor;

/*
 * PouchDB's replication settings, chosen to favour it: batch_size 1000 (the default is 100; PouchDB's
 * documentation says raising it speeds up replicating small documents) with the default batches_limit
 * of 10. On 20k of these records batch_size 100, 500 and 2000 were all slower than 1000, and
 * batches_limit 1 made no difference. Qeyd runs with its engine's defaults, as the app does.
 */
const pouchReplication = { batch_size: 1000, batches_limit: 10 };

/** `key`: HQ's key (base64), made by the parent for this run; both processes open HQ's keys with it. */
type ChildRole = { role: 'hq'; file: string; key: string } | { role: 'pouch'; dir: string };
type ChildMessage = { listening: string } | { failed: string } | { cpu: number };

/** CPU seconds (user + system, all threads) this process has used so far. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * Each server runs in a process of its own, as it would on another machine: the replicating client's
 * reading and serialising must not share the server's event loop. The two servers are the same shape
 * (this file forked with the tsx loader, listening on 127.0.0.1:0) so neither system gets a process
 * the other lacks.
 */
async function serveChild(role: ChildRole): Promise<void> {
  let close: () => Promise<void>;
  let url: string;
  if (role.role === 'hq') {
    const hq = await openHqDatabase({ database: { kind: 'sqlite', file: role.file } }, { kind: 'file', key: Buffer.from(role.key, 'base64') });
    await migrateHq(hq);
    const app = buildHqServer({ db: hq, version: 'bench' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    close = () => app.close().then(() => hq.close());
  } else {
    const express = require('express') as Express;
    const expressPouchdb = require('express-pouchdb') as ExpressPouchdb;
    const app = express();
    // minimumForPouchDB leaves out the config and log files; the paths keep any stray file in the temp dir.
    app.use(
      '/',
      expressPouchdb(PouchDB.defaults({ prefix: `${role.dir}/` }), { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: join(role.dir, 'log.txt'), configPath: join(role.dir, 'config.json') }),
    );
    const server: Server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  }
  process.send!({ listening: url } satisfies ChildMessage);
  process.on('message', (m) => {
    if (m === 'cpu') process.send!({ cpu: cpuSeconds() } satisfies ChildMessage);
    if (m === 'close') void close().then(() => process.exit(0));
  });
  // The parent gone (killed, crashed) must not leave a server listening.
  process.on('disconnect', () => process.exit(1));
}

if (process.env.QEYD_BENCH_POUCH_CHILD) {
  serveChild(JSON.parse(process.env.QEYD_BENCH_POUCH_CHILD) as ChildRole).catch((e) => {
    process.send?.({ failed: e instanceof Error ? e.message : String(e) } satisfies ChildMessage);
    process.exit(1);
  });
}

interface ChildServer {
  url: string;
  /** the server process's CPU seconds so far */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

function spawnServer(role: ChildRole): Promise<ChildServer> {
  const env = { ...process.env, QEYD_BENCH_POUCH_CHILD: JSON.stringify(role) };
  const child = fork(fileURLToPath(import.meta.url), [], { env, execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then(() => reject(new Error(`the ${role.role} server exited before listening`)));
    child.once('message', (m: ChildMessage) => {
      if ('failed' in m) return reject(new Error(`the ${role.role} server did not start: ${m.failed}`));
      if (!('listening' in m)) return reject(new Error(`the ${role.role} server sent an unexpected message`));
      resolve({
        url: m.listening,
        cpu: () =>
          new Promise((answer) => {
            child.once('message', (r: ChildMessage) => answer('cpu' in r ? r.cpu : NaN));
            child.send('cpu');
          }),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.send('close');
          await exited;
        },
      });
    });
  });
}

/** The same records PouchDB replicates: each event as a document, keyed by its event id. */
function asPouchDoc(e: EventRecord): PouchDoc {
  return { _id: e.eventId, ...e };
}

/**
 * What one replication cost: wall seconds, and CPU seconds of the replicating process and of the
 * server. The CPU figures say how much of the wall time was work rather than waiting (fsync, the other
 * side, or other load on the machine), which a shared machine makes worth knowing.
 */
interface Replication {
  seconds: number;
  clientCpu: number;
  serverCpu: number;
}

/** PouchDB replicating `docs` from a local leveldb to express-pouchdb on loopback. */
async function pouchReplicate(dir: string, docs: PouchDoc[]): Promise<Replication> {
  const local = new PouchDB(join(dir, 'pouch-local'));
  const server = await spawnServer({ role: 'pouch', dir });
  try {
    for (let i = 0; i < docs.length; i += 5000) {
      const res = await local.bulkDocs(docs.slice(i, i + 5000));
      const failed = res.find((r) => !r.ok);
      if (failed) throw new Error(`seeding the local PouchDB failed: ${failed.error ?? ''} ${failed.reason ?? ''}`);
    }
    if ((await local.info()).doc_count !== docs.length) throw new Error('the local PouchDB does not hold every document');

    const remoteUrl = `${server.url}/target`;
    const [cpu0, serverCpu0] = [cpuSeconds(), await server.cpu()];
    const t0 = performance.now();
    const res = await local.replicate.to(remoteUrl, pouchReplication);
    const seconds = (performance.now() - t0) / 1000;
    const [clientCpu, serverCpu] = [cpuSeconds() - cpu0, (await server.cpu()) - serverCpu0];

    const remote = new PouchDB(remoteUrl);
    const held = (await remote.info()).doc_count;
    await remote.close();
    if (!res.ok || res.docs_written !== docs.length || res.doc_write_failures !== 0 || held !== docs.length) {
      throw new Error(`PouchDB replicated ${res.docs_written} of ${docs.length} (${res.doc_write_failures} failures, ok ${res.ok}); the target holds ${held}`);
    }
    return { seconds, clientCpu, serverCpu };
  } finally {
    await local.close();
    await server.stop();
  }
}

/**
 * Qeyd pushing `store`'s events to HQ (SQLite) with runSync over loopback HTTP, until HQ has
 * acknowledged the last one with a verified receipt. runSync goes on to pull; that pass is timed
 * separately (`pullCheck`) and left out of the figure, since PouchDB's replicate.to is one-way too.
 */
async function qeydReplicate(dir: string, store: Store, total: number): Promise<Replication & { pullCheck: number }> {
  const file = join(dir, 'hq.sqlite');
  const key = randomBytes(32);
  const server = await spawnServer({ role: 'hq', file, key: key.toString('base64') });
  let hq: HqDatabase | undefined;
  try {
    hq = await openHqDatabase({ database: { kind: 'sqlite', file } }, { kind: 'file', key });
    const facility = 'Bench centre';
    const { code } = await createEnrollmentCode(hq, { name: facility, kind: 'detention_centre' });
    const enrolled = await HqClient.enroll(server.url, { code, deviceId: store.device.deviceId, deviceName: store.device.name, publicKey: store.device.publicKey, facilityName: facility });
    store.setMeta('sync_hq_url', server.url);
    store.setMeta('sync_hq_public_key', enrolled.hqPublicKey);
    store.setMeta('sync_facility_id', enrolled.facilityId);
    const client = new HqClient(server.url, { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey });

    // The push phase ends when runSync first asks HQ for what others wrote.
    let pushEnd: { at: number; cpu: number; serverCpu: number } | undefined;
    const api: HqApi = {
      push: (body) => client.push(body),
      pull: async (after, limit) => {
        if (!pushEnd) {
          const [at, cpu] = [performance.now(), cpuSeconds()];
          pushEnd = { at, cpu, serverCpu: await server.cpu() };
        }
        return client.pull(after, limit);
      },
    };
    const [cpu0, serverCpu0] = [cpuSeconds(), await server.cpu()];
    const t0 = performance.now();
    const res = await runSync(store, api);
    const end = performance.now();

    const held = Number(
      (
        await hq.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (res.pushed !== total || res.ackedSeq !== total || held !== total || pushEnd === undefined) {
      throw new Error(`Qeyd pushed ${res.pushed} of ${total} (acknowledged up to ${res.ackedSeq}); HQ holds ${held}`);
    }
    return { seconds: (pushEnd.at - t0) / 1000, clientCpu: pushEnd.cpu - cpu0, serverCpu: pushEnd.serverCpu - serverCpu0, pullCheck: (end - pushEnd.at) / 1000 };
  } finally {
    await hq?.close();
    await server.stop();
  }
}

/**
 * pouchdb_ratio: `total` person registrations, made once as Qeyd events in a device store; PouchDB gets
 * the very same records as documents. Each system replicates them to its own server on loopback, one
 * after the other in this run; only the replication is timed. The ratio is PouchDB's seconds over Qeyd's.
 */
export async function benchPouchdbRatio(total = 100_000): Promise<void> {
  const dir = benchDir();
  let store: Store | undefined;
  try {
    store = storeWithEvents(join(dir.path, 'device.db'), total).store;
    const docs = allEvents(store).map(asPouchDoc);
    if (docs.length !== total) throw new Error(`the device store holds ${docs.length} events, expected ${total}`);

    // Qeyd first: PouchDB's leveldb never fsyncs, so after it runs hundreds of megabytes wait for
    // writeback and every fsync Qeyd's commits make (device and HQ both acknowledge only what is on
    // disk) would pay for PouchDB's writes too. Measured the other way round, Qeyd's 100k push took 41 s
    // instead of 17-18 s for the same 10 s of CPU.
    const qeyd = await qeydReplicate(dir.path, store, total);
    const pouch = await pouchReplicate(dir.path, docs);
    const cpu = (r: Replication) => `CPU ${r.clientCpu.toFixed(1)} s client + ${r.serverCpu.toFixed(1)} s server`;
    process.stderr.write(
      `[bench] ${total.toLocaleString('en')} records: PouchDB ${pouch.seconds.toFixed(2)} s (batch_size ${pouchReplication.batch_size}; ${cpu(pouch)}), ` +
        `Qeyd push ${qeyd.seconds.toFixed(2)} s (${cpu(qeyd)}; runSync's pull pass, not counted, ${qeyd.pullCheck.toFixed(2)} s)\n`,
    );
    report('pouchdb_replicate_s', pouch.seconds, 's');
    report('qeyd_replicate_s', qeyd.seconds, 's');
    report('pouchdb_ratio', pouch.seconds / qeyd.seconds, 'x');
  } finally {
    store?.close();
    dir.remove();
  }
}
