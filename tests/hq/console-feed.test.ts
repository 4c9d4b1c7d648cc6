import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../core/events';
import type { HqDatabase } from '../../hq/db';
import { eventRow } from '../../hq/sync/push';
import { hqDevice } from '../helpers/hq-device';
import { useHq } from '../helpers/hq';
import { browserOn, consolePassword, setUpHqConsole } from '../helpers/hq-console';
import { dialects } from './harness';

const hqs = useHq();
const cleanups: (() => unknown)[] = [];

/**
 * Events stored as an HQ before issue #10 took them (it checked chain and signature, not the clock or
 * the person), or as an SQLite HQ altered them: written straight into HQ's store, chain head and all.
 */
async function storedAsBefore(hq: HqDatabase, events: EventRecord[]) {
  for (const e of events) {
    await hq.db
      .insertInto('events')
      .values(eventRow(e, new Date().toISOString(), null))
      .execute();
  }
  const last = events[events.length - 1]!;
  await hq.db.updateTable('devices').set({ head_seq: last.deviceSeq, head_hash: last.hash }).where('device_id', '=', last.deviceId).execute();
}

for (const dialect of dialects) {
  describe(`the HQ console feed on ${dialect}`, () => {
    it('quarantines an event it cannot apply or keep, shows it on the fleet view, and goes on with everything else', async () => {
      const running = await hqs.startWithConsole(dialect);
      await setUpHqConsole(running);
      const { app, hq } = running;
      const a = await hqDevice(app, hq, cleanups);
      const c = await hqDevice(app, hq, cleanups);
      const b = await hqDevice(app, hq, cleanups, 'Ganja centre');
      try {
        a.record(1);
        expect((await a.push(a.events())).statusCode).toBe(200);
        const first = a.events()[0]!;
        // a clock that does not decode, a second registration of the same person, then an honest one
        await storedAsBefore(hq, a.forge({ seq: 1, hash: first.hash }, { hlc: 'x'.repeat(40) }, { entityId: first.entityId }, {}));
        // an event altered in storage (an SQLite HQ kept a lone surrogate as U+FFFD), and one after it
        const [altered, after] = c.forge({ seq: 0, hash: '' }, {}, {});
        await storedAsBefore(hq, [{ ...altered!, payload: altered!.payload.replace('Forged', 'Forg\ufffd') }, after!]);
        b.record(1);
        expect((await b.push(b.events())).statusCode).toBe(200);

        const api = browserOn(running.url).api;
        await api.auth.login({ username: 'hqadmin', password: consolePassword });
        await api.users.create({ username: 'analyst', displayName: 'Analyst', roles: ['hq_analyst'], password: 'analyst passphrase 2026' });
        await api.auth.login({ username: 'analyst', password: 'analyst passphrase 2026' });
        const fleet = await api.hq.facilities();
        expect(fleet.consoleBehind).toBe(0);
        const quarantined = new Map(fleet.facilities.flatMap((f) => f.devices.map((d) => [d.deviceId, d.quarantined])));
        expect(quarantined.get(a.deviceId)).toBe(2);
        expect(quarantined.get(c.deviceId)).toBe(2);
        expect(quarantined.get(b.deviceId)).toBe(0);

        // Everything else arrived: a's two people and Ganja's one.
        const store = running.hqConsole.backend.installation.requireStore();
        expect((store.sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(3);
        // HQ marks them too, so the facility's devices keep them unapplied as well.
        const marked = await hq.db.selectFrom('events').select(['device_id', 'device_seq', 'quarantine_reason']).where('quarantine_reason', 'is not', null).orderBy('server_seq').execute();
        expect(marked).toEqual([
          { device_id: a.deviceId, device_seq: 2, quarantine_reason: 'cannot_apply' },
          { device_id: a.deviceId, device_seq: 3, quarantine_reason: 'cannot_apply' },
          { device_id: c.deviceId, device_seq: 1, quarantine_reason: 'cannot_keep' },
          { device_id: c.deviceId, device_seq: 2, quarantine_reason: 'cannot_keep' },
        ]);
        // A device of the facility pulls the bad events and keeps them quarantined; its store still opens.
        const d = await hqDevice(app, hq, cleanups);
        const pulled = (await d.pull(0)).json().result.events;
        expect(d.store.ingest(pulled.filter((e: { deviceId: string }) => e.deviceId === a.deviceId))).toMatchObject({ applied: 2, quarantined: 2 });
        expect(() => d.reopen()).not.toThrow();
      } finally {
        for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
      }
    });
  });
}
