import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openHqDatabase } from '../../hq/db';
import { writeTestKeyFile } from '../hq/harness';
import { migrateHq } from '../../hq/migrate';
import { createEnrollmentCode } from '../../hq/sync/enroll';
import { createBackend } from '../../main/backend';
import { adminPassword, clientFor, tempDir } from '../helpers/backend';

/**
 * A device process killed with SIGKILL in the middle of a push or a pull, then started again: the next
 * sync completes and nothing is lost or duplicated. Real processes, real HQ over loopback.
 */

interface Proc {
  url: string;
  child: ChildProcess;
}

const procs: ChildProcess[] = [];
const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const c of procs.splice(0))
    if (c.exitCode === null && c.pid)
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
  for (const d of dirs.splice(0)) d.remove();
});

function start(script: string, env: Record<string, string>, ready: RegExp): Promise<Proc> {
  const child = spawn('npx', ['tsx', script], { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  procs.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = ready.exec(out);
      if (m) resolve({ url: m[1]!, child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${out}`)));
  });
}

function kill(p: Proc): Promise<void> {
  return new Promise((resolve) => {
    p.child.once('exit', () => resolve());
    process.kill(-p.child.pid!, 'SIGKILL');
  });
}

async function rpc(url: string, cookie: { value: string }, method: string, input: unknown): Promise<{ ok: boolean; result?: unknown; error?: { messageKey: string } }> {
  const res = await fetch(new URL(`/rpc/${method}`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-qeyd-client': '1', cookie: cookie.value },
    body: JSON.stringify(input),
  });
  const set = res.headers.get('set-cookie');
  if (set) cookie.value = set.split(';')[0]!;
  return (await res.json()) as never;
}

/** A device data folder with `n` recorded events, enrolled with HQ, ready to be started as a process. */
async function preparedDevice(hqUrl: string, code: string, n: number): Promise<string> {
  const dir = tempDir('qeyd-crash-');
  dirs.push(dir);
  const backend = await createBackend({ dataDir: dir.path, log: () => {} });
  const admin = clientFor(backend);
  await admin.setup.initialize({ facilityName: 'Centre', facilityKind: 'detention_centre', deviceName: 'Desk', admin: { username: 'admin', displayName: 'Admin', password: adminPassword } });
  await admin.auth.login({ username: 'admin', password: adminPassword });
  await admin.sync.enroll({ hqUrl, code });
  const store = backend.installation.requireStore();
  for (let done = 0; done < n; done += 1000) {
    store.command({ userId: 'seed' }, 'seed', (tx) => {
      for (let i = done; i < Math.min(n, done + 1000); i++) {
        tx.append({
          type: 'person.registered',
          entityId: randomUUID(),
          payload: { details: { names: { original: `P${i}`, latin: `P${i}`, aliases: [] }, sex: 'male', nationalities: [], stateless: false, languages: [] } },
        });
      }
    });
  }
  await backend.close();
  return dir.path;
}

async function hqCount(hqDataDir: string): Promise<{ events: number; distinct: number }> {
  // Counting rows opens no key.
  const hq = await openHqDatabase({ database: { kind: 'sqlite', file: `${hqDataDir}/hq.sqlite` } }, () => Promise.reject(new Error('counting opens no key')));
  try {
    const r = await hq.db
      .selectFrom('events')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('event_id').distinct().as('d')])
      .executeTakeFirstOrThrow();
    return { events: Number(r.n), distinct: Number(r.d) };
  } finally {
    await hq.close();
  }
}

describe('a device killed mid-sync', () => {
  it('finishes the push and the pull after a restart, with nothing lost or duplicated', async () => {
    const hqDir = tempDir('qeyd-crash-hq-');
    dirs.push(hqDir);
    const hqKey = writeTestKeyFile(hqDir.path);
    dirs.push(hqKey);
    const hqDb = await openHqDatabase({ database: { kind: 'sqlite', file: `${hqDir.path}/hq.sqlite` } }, hqKey.key);
    await migrateHq(hqDb);
    const codes = [await createEnrollmentCode(hqDb, { name: 'Centre', kind: 'detention_centre' }), await createEnrollmentCode(hqDb, { name: 'Centre', kind: 'detention_centre' })];
    await hqDb.close();
    const hq = await start('hq/start.ts', { QEYD_HQ_DATA_DIR: hqDir.path, QEYD_HQ_KEY_FILE: hqKey.path, QEYD_HQ_PORT: '0' }, /Qeyd HQ: (http:\/\/127\.0\.0\.1:\d+)\//);

    const total = 6000;
    const pusherDir = await preparedDevice(hq.url, codes[0]!.code, total);
    const pullerDir = await preparedDevice(hq.url, codes[1]!.code, 0);

    // Push: kill the device while its sync is under way, restart, sync again.
    let pusher = await start('main/web/start.ts', { QEYD_DATA_DIR: pusherDir, QEYD_PORT: '0' }, /Qeyd preview: (http:\/\/127\.0\.0\.1:\d+\/)/);
    const cookie = { value: '' };
    await rpc(pusher.url, cookie, 'auth.login', { username: 'admin', password: adminPassword });
    void rpc(pusher.url, cookie, 'sync.run', {}).catch(() => undefined);
    // Kill as soon as HQ has committed the first batch: the push is then under way.
    while ((await hqCount(hqDir.path)).events === 0) await new Promise((r) => setTimeout(r, 10));
    await kill(pusher);
    const afterKill = await hqCount(hqDir.path);
    expect(afterKill.events).toBeGreaterThan(0);
    expect(afterKill.events).toBe(afterKill.distinct);
    pusher = await start('main/web/start.ts', { QEYD_DATA_DIR: pusherDir, QEYD_PORT: '0' }, /Qeyd preview: (http:\/\/127\.0\.0\.1:\d+\/)/);
    const c2 = { value: '' };
    await rpc(pusher.url, c2, 'auth.login', { username: 'admin', password: adminPassword });
    const done = await rpc(pusher.url, c2, 'sync.run', {});
    expect(done.ok).toBe(true);
    expect(((await rpc(pusher.url, c2, 'sync.status', {})).result as { pending: number }).pending).toBe(0);
    const atHq = await hqCount(hqDir.path);
    // Every event of the device is at HQ exactly once (plus nothing else: the other device recorded none).
    expect(atHq).toEqual({ events: total, distinct: total });

    // Pull: the other device is killed while applying what it pulls, restarted, and completes.
    let puller = await start('main/web/start.ts', { QEYD_DATA_DIR: pullerDir, QEYD_PORT: '0' }, /Qeyd preview: (http:\/\/127\.0\.0\.1:\d+\/)/);
    const c3 = { value: '' };
    await rpc(puller.url, c3, 'auth.login', { username: 'admin', password: adminPassword });
    void rpc(puller.url, c3, 'sync.run', {}).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 400));
    await kill(puller);
    puller = await start('main/web/start.ts', { QEYD_DATA_DIR: pullerDir, QEYD_PORT: '0' }, /Qeyd preview: (http:\/\/127\.0\.0\.1:\d+\/)/);
    const c4 = { value: '' };
    await rpc(puller.url, c4, 'auth.login', { username: 'admin', password: adminPassword });
    const pulled = await rpc(puller.url, c4, 'sync.run', {});
    expect(pulled.ok).toBe(true);
    await kill(puller);
    await kill(pusher);
    await kill(hq);
    // The puller's log holds every event of the pusher once, and its chain verifies.
    const backend = await createBackend({ dataDir: pullerDir, log: () => {} });
    await clientFor(backend).auth.login({ username: 'admin', password: adminPassword });
    const store = backend.installation.requireStore();
    const count = store.sqlite.prepare('SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM events WHERE device_id != ?').get(store.device.deviceId);
    expect(count).toEqual({ n: total, d: total });
    expect(store.verifyEventChains().intact).toBe(true);
    expect((store.sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(total);
    await backend.close();
  }, 0);
});
