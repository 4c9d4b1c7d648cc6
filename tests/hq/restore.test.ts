import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { signChainHead } from '../../db/chain';
import { incarnationHeader } from '../../core/sync-restore';
import { countEvents, hqDevice, hqServer } from '../helpers/hq-device';
import { dialects } from './harness';

/*
 * HQ's side of a device restored from a backup (issue #13 §4, docs/backup.md): the signed report, the
 * device's own events handed back, and older copies of the identity refused. Every refusal changes nothing.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

for (const dialect of dialects) {
  describe(`a restored device at HQ on ${dialect}`, () => {
    it('a report with a forged or foreign backup head is refused and records nothing; a repeat is the same restore', async () => {
      const { hq, app } = await hqServer(dialect, cleanups);
      const d = await hqDevice(app, hq, cleanups);
      d.record(3);
      expect((await d.push(d.events())).statusCode).toBe(200);
      const held = d.events();
      const report = (head: unknown, restoreId = randomUUID()) => d.post('/api/sync/restored', JSON.stringify({ restoreId, backupHead: head, backupCreatedAt: new Date().toISOString() }));
      const restores = async () => (await hq.db.selectFrom('device_restores').selectAll().execute()).length;

      const forged = await report({ seq: 2, hash: held[1]!.hash, signature: signChainHead(d.store.devicePrivateKey, d.deviceId, 1, held[1]!.hash) });
      expect(forged.statusCode).toBe(422);
      expect(forged.json().error.messageKey).toBe('error.sync.bad_head_signature');
      const other = d.forge({ seq: 1, hash: held[0]!.hash }, {});
      const foreign = await report(d.headOf(other));
      expect(foreign.statusCode).toBe(409);
      expect(foreign.json().error.messageKey).toBe('error.sync.fork');
      expect(await restores()).toBe(0);

      const restoreId = randomUUID();
      const first = await report(d.headOf(held.slice(0, 2)), restoreId);
      expect(first.statusCode).toBe(200);
      expect(first.json().result).toMatchObject({ incarnation: 1, hqHead: { seq: 3, hash: held[2]!.hash }, lost: null });
      const again = await d.post('/api/sync/restored', JSON.stringify({ restoreId, backupHead: d.headOf(held.slice(0, 2)), backupCreatedAt: new Date().toISOString() }));
      expect(again.json().result.incarnation).toBe(1);
      expect(await restores()).toBe(1);
    });

    it('hands back only the device’s own events after a point, and refuses a malformed request', async () => {
      const { hq, app } = await hqServer(dialect, cleanups);
      const d = await hqDevice(app, hq, cleanups);
      const peer = await hqDevice(app, hq, cleanups);
      d.record(4);
      peer.record(2);
      await d.push(d.events());
      await peer.push(peer.events());
      const res = await d.post('/api/sync/own-events', JSON.stringify({ after: 1, limit: 2 }));
      expect(res.statusCode).toBe(200);
      expect(res.json().result.events.map((e: { deviceId: string; deviceSeq: number }) => [e.deviceId, e.deviceSeq])).toEqual([
        [d.deviceId, 2],
        [d.deviceId, 3],
      ]);
      expect(res.json().result.more).toBe(true);
      expect(res.json().result.events[0].payload).toBe(d.events()[1]!.payload);
      for (const bad of ['{"after":-1}', '{"after":"x"}', '{"after":0,"limit":0}', '{"after":0,"extra":1}']) {
        const refused = await d.post('/api/sync/own-events', bad);
        expect(refused.statusCode).toBe(400);
        expect(refused.json().error.messageKey).toBe('error.validation');
      }
      const badReport = await d.post('/api/sync/restored', '{"restoreId":"nope"}');
      expect(badReport.statusCode).toBe(400);
    });

    it('after a restore, a push from the older copy is refused as superseded_copy and stores nothing; the new copy is heard', async () => {
      const { hq, app } = await hqServer(dialect, cleanups);
      const d = await hqDevice(app, hq, cleanups);
      d.record(2);
      await d.push(d.events());
      const restored = await d.post('/api/sync/restored', JSON.stringify({ restoreId: randomUUID(), backupHead: d.headOf(d.events()), backupCreatedAt: new Date().toISOString() }));
      expect(restored.json().result.incarnation).toBe(1);
      d.record(1);
      const before = await countEvents(hq);
      // hqDevice signs as a device that never heard of the restore: incarnation 0.
      const old = await d.push(d.events().slice(2));
      expect(old.statusCode).toBe(409);
      expect(old.json().error).toMatchObject({ messageKey: 'error.sync.superseded_copy', params: { deviceId: d.deviceId, device: 'Desk' } });
      expect(await countEvents(hq)).toBe(before);
      const url = '/api/sync/push';
      const body = JSON.stringify({ events: d.events().slice(2), head: d.headOf(d.events()) });
      const heard = await app.inject({ method: 'POST', url, headers: { ...d.signed('POST', url, body), [incarnationHeader]: '1' }, payload: body });
      expect(heard.statusCode).toBe(200);
      expect(await countEvents(hq)).toBe(before + 1);
    });
  });
}
