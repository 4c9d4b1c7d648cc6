import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../core/contract/errors';
import type { EventDraft } from '../../core/events';
import { rowToEvent, Store, type EventRow } from '../../db/store';
import { migrateHq } from '../../hq/migrate';
import { createEnrollmentCode, enrollDevice } from '../../hq/sync/enroll';
import { pullEvents } from '../../hq/sync/pull';
import { pushEvents } from '../../hq/sync/push';
import { SyncRefusal } from '../../hq/sync/common';
import { openHqDatabase, type HqDatabase } from '../../hq/db';
import { runSync, type HqApi } from '../../main/sync/engine';
import { HqUnreachable } from '../../main/sync/hq-client';
import { tempDir } from '../helpers/backend';

/**
 * Random schedules of edits, syncs, dropped connections (before or after HQ committed), repeated and
 * out-of-order pushes and device clocks off by up to a day, against HQ's real service on a real SQLite
 * database. Afterwards every device and HQ hold exactly the same events, none lost or duplicated, and
 * every replica's register is the same.
 */

const runs = Number(process.env.QEYD_SYNC_SCHEDULES ?? 1000);
// In memory where the machine has it: thousands of small databases, each commit fsynced, would
// measure the disk rather than the protocol.
const root = tempDir('qeyd-sync-prop-', existsSync('/dev/shm') ? '/dev/shm' : undefined);
afterAll(() => root.remove());

type Op =
  | { kind: 'register'; device: number }
  | { kind: 'correct'; device: number }
  | { kind: 'sync'; device: number; drop: 'none' | 'push_before' | 'push_after' | 'pull_after' }
  | { kind: 'replay'; device: number };

const op = (devices: number): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({ kind: fc.constant('register' as const), device: fc.nat(devices - 1) }),
    fc.record({ kind: fc.constant('correct' as const), device: fc.nat(devices - 1) }),
    fc.record({ kind: fc.constant('sync' as const), device: fc.nat(devices - 1), drop: fc.constantFrom('none', 'none', 'push_before', 'push_after', 'pull_after') }),
    fc.record({ kind: fc.constant('replay' as const), device: fc.nat(devices - 1) }),
  );

/** HQ's service with a connection that can fail before HQ sees the request or after it committed. */
function api(hq: HqDatabase, deviceId: string, drop: { mode: 'none' | 'push_before' | 'push_after' | 'pull_after' }): HqApi {
  const refusal = (e: unknown) =>
    e instanceof SyncRefusal ? new ApiError({ code: 'rule', messageKey: `error.sync.${e.reason}`, params: e.ackedSeq === undefined ? undefined : { ackedSeq: e.ackedSeq } }) : e;
  return {
    async push(body) {
      if (drop.mode === 'push_before') throw new HqUnreachable('dropped');
      const res = await pushEvents(hq, deviceId, body as never).catch((e) => {
        throw refusal(e);
      });
      if (drop.mode === 'push_after') throw new HqUnreachable('ack lost');
      return res;
    },
    async pull(after, limit) {
      const res = await pullEvents(hq, deviceId, after, limit);
      if (drop.mode === 'pull_after') throw new HqUnreachable('response lost');
      return res;
    },
  };
}

function registration(n: number): EventDraft<'person.registered'> {
  return {
    type: 'person.registered',
    entityId: randomUUID(),
    payload: { details: { names: { original: `Person ${n}`, latin: `Person ${n}`, aliases: [] }, sex: 'female', nationalities: [], stateless: false, languages: [] } },
  };
}

describe('sync under random schedules', () => {
  it(`never loses or duplicates an event, and every replica converges (${runs} schedules)`, async () => {
    let schedule = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }).chain((devices) =>
          fc.record({
            devices: fc.constant(devices),
            skews: fc.array(fc.integer({ min: -24 * 3600_000, max: 24 * 3600_000 }), { minLength: devices, maxLength: devices }),
            ops: fc.array(op(devices), { minLength: 1, maxLength: 25 }),
          }),
        ),
        async ({ devices, skews, ops }) => {
          const dir = join(root.path, String(schedule++));
          const hq = await openHqDatabase({ database: { kind: 'sqlite', file: join(dir, 'hq.sqlite') } }, { kind: 'file', key: randomBytes(32) });
          await migrateHq(hq);
          const stores = skews.map((skew, i) => Store.create(join(dir, `d${i}.db`), randomBytes(32), `Desk ${i}`, {}, () => Date.now() + skew));
          try {
            for (const s of stores) {
              const { code } = await createEnrollmentCode(hq, { name: 'Centre', kind: 'detention_centre' });
              await enrollDevice(hq, { code, deviceId: s.device.deviceId, deviceName: s.device.name, publicKey: s.device.publicKey, facilityName: 'Centre' });
            }
            let n = 0;
            for (const o of ops) {
              const store = stores[o.device % devices]!;
              if (o.kind === 'register') store.command({ userId: 'u' }, 'test', (tx) => tx.append(registration(n++)));
              else if (o.kind === 'correct') {
                const p = store.sqlite.prepare('SELECT person_id FROM persons ORDER BY person_id LIMIT 1').get() as { person_id: string } | undefined;
                if (p) {
                  const supersedes = (store.sqlite.prepare("SELECT event_id FROM field_heads WHERE entity_id = ? AND field = 'sex'").all(p.person_id) as { event_id: string }[]).map((h) => h.event_id);
                  const first = store.eventsFor(p.person_id)[0]!.eventId;
                  store.command({ userId: 'u' }, 'test', (tx) =>
                    tx.append({
                      type: 'person.corrected',
                      entityId: p.person_id,
                      payload: { changes: { sex: n++ % 2 ? 'male' : 'other' }, reason: 'r' },
                      supersedes: supersedes.length ? supersedes : [first],
                    }),
                  );
                }
              } else if (o.kind === 'replay') {
                // A push HQ has already seen, sent again: harmless.
                const acked = Number(store.meta('sync_acked_seq') ?? 0);
                if (acked > 0) {
                  const res = await pushEvents(hq, store.device.deviceId, { events: ownEvents(store, Math.max(1, acked - 2), acked), head: store.signHeadAt(acked) });
                  // HQ may hold more than the device knows (an acknowledgement lost on the way back).
                  expect(res.stored).toBe(0);
                  expect(res.ackedSeq).toBeGreaterThanOrEqual(acked);
                }
              } else {
                await runSync(store, api(hq, store.device.deviceId, { mode: o.drop }), { pushBatch: 3, pullBatch: 4 }).catch((e) => {
                  if (!(e instanceof HqUnreachable)) throw e;
                });
              }
            }
            // Connectivity returns: everyone syncs until quiet.
            for (let round = 0; round < 2; round++) for (const s of stores) await runSync(s, api(hq, s.device.deviceId, { mode: 'none' }));
            const hqIds = (await hq.db.selectFrom('events').select('event_id').execute()).map((r) => r.event_id).sort();
            expect(new Set(hqIds).size).toBe(hqIds.length);
            const own = stores.reduce((sum, s) => sum + ownEvents(s, 1, Number.MAX_SAFE_INTEGER).length, 0);
            expect(hqIds.length).toBe(own);
            for (const s of stores) {
              const ids = (s.sqlite.prepare('SELECT event_id FROM events ORDER BY event_id').all() as { event_id: string }[]).map((r) => r.event_id);
              expect(ids).toEqual(hqIds);
              expect(s.verifyEventChains().intact).toBe(true);
            }
            const state = (s: Store) => [
              s.sqlite.prepare('SELECT person_id, name_latin, sex FROM persons ORDER BY person_id').all(),
              s.sqlite.prepare('SELECT entity_id, field, event_id, value FROM field_heads ORDER BY entity_id, field, event_id').all(),
            ];
            for (const s of stores.slice(1)) expect(state(s)).toEqual(state(stores[0]!));
          } finally {
            for (const s of stores) s.close();
            await hq.close();
          }
        },
      ),
      { numRuns: runs },
    );
    // No time limit: the number of schedules is the measure, and a loaded CI machine only takes longer.
  }, 0);
});

function ownEvents(store: Store, from: number, to: number) {
  return (store.sqlite.prepare('SELECT * FROM events WHERE device_id = ? AND device_seq BETWEEN ? AND ? ORDER BY device_seq').all(store.device.deviceId, from, to) as EventRow[]).map(rowToEvent);
}
