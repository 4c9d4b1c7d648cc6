import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../core/events';
import { verifyChainRun } from '../../db/chain';
import { unlockWithPassword } from '../../db/keyslots';
import { Store } from '../../db/store';
import { consoleDataDir } from '../../hq/console';
import { consoleLockFileName } from '../../hq/console/lock';
import type { HqDatabase } from '../../hq/db';
import { eventRow } from '../../hq/sync/push';
import { Installation } from '../../main/services/installation';
import { browserOn, consolePassword, setUpHqConsole } from '../helpers/hq-console';
import { httpHqDevice, roundRobin, type HttpHqDevice as HqDevice } from '../helpers/hq-device';
import { createTestDatabase, groupAlive, spawnHq, startHqNode, waitForExit, waitForGroupExit, type HqProcess, type TestDatabase } from './harness';

/**
 * Issue #13 §6: two HQ processes on one PostgreSQL behind a round-robin (here: every request to the
 * next port in turn), as docs/hq-deploy.md deploys them. Each process has its own connection pool and
 * its own in-memory push queue; what keeps server_seq in commit order across both is PostgreSQL's
 * advisory lock (hq/sync/push.ts), and what keeps the console whole is that exactly one node runs it.
 */

/** The address both nodes answer for, as a proxy in front of them would be addressed. */
const publicUrl = 'http://localhost';
const facilities = ['Baku centre', 'Ganja centre', 'Lankaran centre', 'Sumqayit centre'];
const devicesPerFacility = 5;
const rounds = 4;
const eventsPerRound = 12;

/** Advisory lock key of HQ's event log (hq/sync/push.ts lockEventLog). */
const eventLogLock = 727001;

let t: TestDatabase | undefined;
const nodes: HqProcess[] = [];
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const p of nodes.splice(0)) {
    if (groupAlive(p)) {
      p.signal('SIGKILL');
      await p.exited;
    }
  }
  for (const c of cleanups.splice(0).reverse()) await c();
  await t?.dispose();
  t = undefined;
});

async function node(extra: Record<string, string>): Promise<string> {
  const started = await startHqNode(t!, { QEYD_HQ_PUBLIC_URL: publicUrl, ...extra });
  nodes.push(started.process);
  return started.url;
}

async function stop(p: HqProcess): Promise<void> {
  p.signal('SIGTERM');
  await waitForGroupExit(p);
}

type Pulled = EventRecord & { serverSeq: number };

/** Pulls until HQ has nothing more, applying each batch and its cursor as the device's sync does. */
async function pullAll(d: HqDevice, cursor: { at: number }): Promise<void> {
  for (;;) {
    const res = await d.pull(cursor.at, 50);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json().result as { events: Pulled[]; cursor: number; more: boolean };
    d.store.ingest(result.events);
    cursor.at = result.cursor;
    if (!result.more) return;
  }
}

/** Pushes whatever HQ has not acknowledged, in one signed batch. */
async function pushPending(d: HqDevice, acked: { seq: number }): Promise<void> {
  const pending = d.events().filter((e) => e.deviceId === d.deviceId && e.deviceSeq > acked.seq);
  if (!pending.length) return;
  const res = await d.push(pending);
  expect(res.statusCode, res.body).toBe(200);
  const result = res.json().result as { ackedSeq: number; stored: number; duplicates: number };
  expect(result).toMatchObject({ ackedSeq: pending[pending.length - 1]!.deviceSeq, stored: pending.length, duplicates: 0 });
  acked.seq = result.ackedSeq;
}

async function hqEvents(hq: HqDatabase) {
  return hq.db.selectFrom('events').select(['server_seq', 'event_id', 'device_id', 'device_seq']).orderBy('server_seq').execute();
}

describe('two HQ processes on one PostgreSQL', () => {
  it('20 devices of 4 facilities push and pull through both in turn: nothing lost or duplicated, every chain intact, every device of a facility holds the same events, and the console feed takes each event once in server_seq order', async () => {
    t = await createTestDatabase('postgres');
    // The console runs on one node (docs/hq-deploy.md); its administrator exists before it starts.
    await setUpHqConsole({ dataDir: t.env.QEYD_HQ_DATA_DIR });
    // Both start at once on an empty schema: migration and HQ's key pair are made once between them.
    const [a, b] = await Promise.all([node({}), node({ QEYD_HQ_CONSOLE: 'off' })]);
    const hq = await t.open();
    const rr = roundRobin([a, b]);

    const devices: { d: HqDevice; facility: string; acked: { seq: number }; cursor: { at: number } }[] = [];
    for (const facility of facilities) {
      for (let i = 0; i < devicesPerFacility; i++) devices.push({ d: await httpHqDevice(rr.send, publicUrl, hq, cleanups, facility), facility, acked: { seq: 0 }, cursor: { at: 0 } });
    }

    // Someone works on the console meanwhile: each of its views first reads what HQ holds beyond its
    // cursor, so the feed runs again and again while pushes commit on both nodes.
    const staff = browserOn(a).api;
    await staff.auth.login({ username: 'hqadmin', password: consolePassword });
    let working = true;
    let consoleReads = 0;
    const consoleAtWork = (async () => {
      while (working) {
        await staff.hq.facilities();
        consoleReads++;
      }
    })();

    // Every device records, pushes and pulls, round after round, all twenty at once.
    await Promise.all(
      devices.map(async ({ d, acked, cursor }) => {
        for (let r = 0; r < rounds; r++) {
          d.record(eventsPerRound);
          await pushPending(d, acked);
          await pullAll(d, cursor);
        }
      }),
    );
    working = false;
    await consoleAtWork;
    // The last pushes may have committed after a device's last pull: once more, now that all is in.
    for (const { d, cursor } of devices) await pullAll(d, cursor);
    expect(rr.sent[0]).toBeGreaterThan(100);
    expect(Math.abs(rr.sent[0]! - rr.sent[1]!)).toBeLessThanOrEqual(1);
    expect(consoleReads).toBeGreaterThan(0);

    // Nothing lost, nothing duplicated.
    const total = devices.length * rounds * eventsPerRound;
    const held = await hqEvents(hq);
    expect(held).toHaveLength(total);
    expect(new Set(held.map((e) => e.event_id)).size).toBe(total);
    const recorded = devices.flatMap(({ d }) => d.events().filter((e) => e.deviceId === d.deviceId));
    expect(new Set(held.map((e) => e.event_id))).toEqual(new Set(recorded.map((e) => e.eventId)));

    // Every device's chain at HQ is whole, gap-free from 1, and ends at the head HQ acknowledged.
    for (const { d } of devices) {
      const rows = await hq.db.selectFrom('events').selectAll().where('device_id', '=', d.deviceId).orderBy('device_seq').execute();
      expect(rows.map((r) => r.device_seq)).toEqual(Array.from({ length: rounds * eventsPerRound }, (_, i) => i + 1));
      const chain = rows.map((r) => d.events().find((e) => e.eventId === r.event_id)!);
      expect(rows.map((r) => r.hash)).toEqual(chain.map((e) => e.hash));
      expect(verifyChainRun(chain, { seq: 0, hash: '' })).toBeNull();
      const head = await hq.db.selectFrom('devices').select(['head_seq', 'head_hash']).where('device_id', '=', d.deviceId).executeTakeFirstOrThrow();
      expect(head).toEqual({ head_seq: rounds * eventsPerRound, head_hash: chain[chain.length - 1]!.hash });
    }

    // Every device of a facility holds exactly the facility's events, each chain verified on the device.
    for (const facility of facilities) {
      const members = devices.filter((x) => x.facility === facility);
      const ids = new Set(
        members.flatMap(({ d }) =>
          d
            .events()
            .filter((e) => e.deviceId === d.deviceId)
            .map((e) => e.eventId),
        ),
      );
      expect(ids.size).toBe(devicesPerFacility * rounds * eventsPerRound);
      for (const { d } of members) {
        expect(new Set(d.events().map((e) => e.eventId))).toEqual(ids);
        expect(d.store.verifyEventChains()).toMatchObject({ intact: true, events: ids.size });
      }
    }

    // The console took every event, once, in server_seq order: stopped cleanly (its last catch-up
    // done), its store is opened here as its administrator would open it.
    expect((await staff.hq.facilities()).consoleBehind).toBe(0);
    await stop(nodes[0]!);
    expect(nodes[0]!.stderr()).not.toMatch(/console feed failed/);
    const inst = new Installation(consoleDataDir(t.env.QEYD_HQ_DATA_DIR));
    const key = await unlockWithPassword(inst.requireFile(), 'hqadmin', consolePassword);
    const store = Store.open(inst.storePath, key!);
    try {
      const fed = store.sqlite.prepare('SELECT event_id, server_seq FROM events ORDER BY local_seq').all() as { event_id: string; server_seq: number }[];
      expect(fed.map((e) => e.event_id)).toEqual(held.map((e) => e.event_id));
      expect(fed.map((e) => e.server_seq)).toEqual(held.map((e) => e.server_seq));
      expect(store.verifyEventChains()).toMatchObject({ intact: true, events: total });
    } finally {
      store.close();
    }
    await stop(nodes[1]!);
  });

  it('a push that would commit a lower server_seq after a higher one was read waits for the other process instead, so a cursor skips nothing', async () => {
    t = await createTestDatabase('postgres');
    const b = await node({ QEYD_HQ_CONSOLE: 'off' });
    const hq = await t.open();
    const first = await httpHqDevice(roundRobin([b]).send, publicUrl, hq, cleanups, 'Baku centre');
    const second = await httpHqDevice(roundRobin([b]).send, publicUrl, hq, cleanups, 'Baku centre');
    const third = await httpHqDevice(roundRobin([b]).send, publicUrl, hq, cleanups, 'Baku centre');
    first.record(1);
    second.record(2);
    third.record(2);
    const [early] = first.events();
    const [lower, higher] = third.events();

    // Without the lock the skip is real: a row given server_seq n commits after n+1 was read.
    let cursor = 0;
    const seen: string[] = [];
    const read = async () => {
      const rows = await hq.db.selectFrom('events').select(['server_seq', 'event_id']).where('server_seq', '>', cursor).orderBy('server_seq').execute();
      for (const r of rows) seen.push(r.event_id);
      if (rows.length) cursor = rows[rows.length - 1]!.server_seq;
    };
    await hq.db.transaction().execute(async (slow) => {
      await slow
        .insertInto('events')
        .values(eventRow(lower!, new Date().toISOString(), null))
        .execute();
      await hq.db.transaction().execute(async (fast) => {
        await fast
          .insertInto('events')
          .values(eventRow(higher!, new Date().toISOString(), null))
          .execute();
      });
      await read();
    });
    await read();
    expect(seen).toEqual([higher!.eventId]);

    // With HQ's own push path on the node: this connection holds the event-log lock, as a push on
    // another node does from the moment its transaction begins, and has written its row.
    const from = cursor;
    seen.length = 0;
    let pushed: ReturnType<HqDevice['push']> | undefined;
    await hq.db.transaction().execute(async (slow) => {
      await sql`SELECT pg_advisory_xact_lock(${eventLogLock})`.execute(slow);
      await slow
        .insertInto('events')
        .values(eventRow(early!, new Date().toISOString(), null))
        .execute();
      pushed = second.push(second.events());
      // The node's push is waiting for the lock (seen in pg_locks, no timing guessed) ...
      for (;;) {
        const waiting = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = ${eventLogLock} AND NOT granted`.execute(hq.db);
        if (Number(waiting.rows[0]!.n) > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      // ... so nothing of it is visible, and nothing numbered after this row can commit first.
      await read();
      expect(seen).toEqual([]);
    });
    const res = await pushed!;
    expect(res.statusCode, res.body).toBe(200);
    await read();
    expect(seen).toEqual([early!.eventId, ...second.events().map((e) => e.eventId)]);
    expect((await hqEvents(hq)).filter((e) => e.server_seq > from).map((e) => e.event_id)).toEqual(seen);
  });

  it('a second node given the same console directory refuses to start, saying to run the console on one node; with the console off it starts', async () => {
    t = await createTestDatabase('postgres');
    await node({});
    const second = spawnHq({ ...t.env, QEYD_HQ_PORT: '0', QEYD_HQ_PUBLIC_URL: publicUrl });
    nodes.push(second);
    const exit = await waitForExit(second);
    expect(exit.code).toBe(1);
    expect(second.stderr()).toContain('Qeyd HQ: cannot start: the console data directory');
    expect(second.stderr()).toContain('QEYD_HQ_CONSOLE=off');
    // Refused before it opened the console: the first node's lock is still its own.
    expect(JSON.parse(readFileSync(join(consoleDataDir(t.env.QEYD_HQ_DATA_DIR), consoleLockFileName), 'utf8'))).toMatchObject({ pid: expect.any(Number) });
    await node({ QEYD_HQ_CONSOLE: 'off' });
    // The node says so on the line after its address, which may reach the pipe a moment later.
    await expect.poll(() => nodes[2]!.stdout()).toContain('the staff console is off on this node');
  });
});
