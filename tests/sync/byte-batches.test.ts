import { describe, expect, it } from 'vitest';
import { contract } from '../../core/contract';
import { maxSyncBodyBytes } from '../../core/sync';
import { maxPayloadBytes } from '../../main/api/call-context';
import { hqBodyLimit } from '../../hq/server';
import { useCentre } from '../helpers/centre';
import { useHq } from '../helpers/hq';
import { intakeAt } from '../helpers/intake';

const centre = useCentre();
const hqs = useHq();

describe('push batches cut by bytes as well as by count', () => {
  it('HQ and the device agree on the largest body HQ takes', () => {
    expect(hqBodyLimit).toBe(maxSyncBodyBytes);
  });

  it('a device holding 2,000 events of the largest text the contract takes pushes them all to a real HQ, and its bundles fit the import limit', async () => {
    const largest = 'ə'.repeat(4000); // two bytes each in UTF-8: ~8 KB an event, ~16 MB for 2,000
    const hq = await hqs.start('sqlite', {
      configure: (app) =>
        app.addHook('onRequest', async (req) => {
          if (req.url === '/api/sync/push') bodies.push(Number(req.headers['content-length']));
        }),
    });
    const bodies: number[] = [];
    const c = await centre();
    await c.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
    const reg = await c.as('registrar');
    const { episodeId } = await reg.intake.submit(intakeAt(c.clock.now));
    const before = (await reg.sync.status()).pending;
    // The reviews a registrar would record one by one (episodes.review takes notes up to 4,000
    // characters), appended in one command so the test spends its time on sync, not on 2,000 commits.
    const at = new Date(c.clock.now).toISOString();
    const store = c.inst.backend.installation.requireStore();
    store.command({ userId: 'registrar' }, 'episodes.review', (tx) => {
      for (let i = 0; i < 2000; i++) tx.append({ type: 'episode.reviewed', entityId: episodeId, payload: { at, conclusion: 'continue', notes: largest } });
    });
    expect((await reg.sync.status()).pending).toBe(before + 2000);

    // On removable media: every file fits what another device's sync.importBundle takes.
    const { files } = await reg.sync.exportBundles({});
    expect(files.reduce((n, f) => n + f.events, 0)).toBe(before + 2000);
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) {
      expect(contract.sync.importBundle.input.safeParse({ content: f.content }).success).toBe(true);
      expect(Buffer.byteLength(JSON.stringify({ content: f.content }))).toBeLessThanOrEqual(maxPayloadBytes);
    }

    await reg.sync.run();
    expect((await reg.sync.status()).pending).toBe(0);
    // More than one request, none over HQ's limit.
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) expect(b).toBeLessThanOrEqual(hqBodyLimit);
    const stored = await hq.hq.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(c.count('events'));
  });
});
