import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBundle } from '../../hq/sync/bundles';
import { refusal, useCentre } from '../helpers/centre';
import { useHq } from '../helpers/hq';
import { intakeAt } from '../helpers/intake';

const centre = useCentre();
const hqs = useHq();

const setUp = () => hqs.start();

describe('removable-media bundles', () => {
  it('a remote office exports what HQ has not acknowledged; HQ imports it with the same checks, twice changes nothing', async () => {
    const { hq, url, code } = await setUp();
    const a = await centre();
    await a.inst.admin.sync.enroll({ hqUrl: url, code: await code() });
    const reg = await a.as('registrar');
    await reg.intake.submit(intakeAt(a.clock.now));
    const { files } = await reg.sync.exportBundles();
    expect(files).toHaveLength(1);
    expect(files[0]!.content).not.toContain('Rakhimi');
    const first = await importBundle(hq, JSON.parse(files[0]!.content));
    expect(first.stored).toBe(files[0]!.events);
    const again = await importBundle(hq, JSON.parse(files[0]!.content));
    expect(again).toMatchObject({ stored: 0, duplicates: files[0]!.events });
    // The office's next sync finds everything acknowledged.
    expect((await reg.sync.run()).pushed).toBe(0);
  });

  it('a tampered bundle is refused at HQ and nothing is imported', async () => {
    const { hq, url, code } = await setUp();
    const a = await centre();
    await a.inst.admin.sync.enroll({ hqUrl: url, code: await code() });
    const reg = await a.as('registrar');
    await reg.intake.submit(intakeAt(a.clock.now));
    const file = JSON.parse((await reg.sync.exportBundles()).files[0]!.content);
    const c = Buffer.from(file.ciphertext, 'base64');
    c[10] = c[10]! ^ 1;
    await expect(importBundle(hq, { ...file, ciphertext: c.toString('base64') })).rejects.toMatchObject({ reason: 'bad_signature' });
    const n = await hq.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('another device of the same facility imports a bundle; importing it twice changes nothing; another facility cannot', async () => {
    const { url, code } = await setUp();
    const a = await centre();
    const b = await centre();
    const far = await centre();
    await a.inst.admin.sync.enroll({ hqUrl: url, code: await code() });
    await b.inst.admin.sync.enroll({ hqUrl: url, code: await code() });
    await far.inst.admin.sync.enroll({ hqUrl: url, code: await code('Yevlakh centre') });
    const regA = await a.as('registrar');
    const { personId } = await regA.intake.submit(intakeAt(a.clock.now));
    const content = (await regA.sync.exportBundles()).files[0]!.content;
    const regB = await b.as('registrar');
    const first = await regB.sync.importBundle({ content });
    expect(first.applied).toBeGreaterThan(0);
    expect((await regB.sync.importBundle({ content })).applied).toBe(0);
    expect((await regB.persons.view({ personId })).person.nameLatin).toBe('Mukhammad Rakhimi');
    const regFar = await far.as('registrar');
    expect((await refusal(regFar.sync.importBundle({ content }))).messageKey).toBe('error.bundle.wrong_facility');
    expect((await refusal(regB.sync.importBundle({ content: '{"not":"a bundle"}' }))).messageKey).toBe('error.bundle.unreadable');
    expect(far.count('persons')).toBe(0);
  });

  it('hq:admin import-bundle reads a bundle file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qeyd-bundle-'));
    writeFileSync(join(dir, 'x.qeyd-bundle'), 'garbage');
    // The CLI's parsing is the only difference from importBundle, covered above; here: it refuses garbage.
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('npx', ['tsx', 'hq/cli.ts', 'import-bundle', '--file', join(dir, 'x.qeyd-bundle')], { env: { ...process.env, QEYD_HQ_DATA_DIR: dir }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('not a readable bundle file');
  });
});
