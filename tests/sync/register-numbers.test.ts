import { describe, expect, it } from 'vitest';
import { compareRegisterNo, deviceCode } from '../../core/register-number';
import { useCentre } from '../helpers/centre';
import { useHq, type RunningHq } from '../helpers/hq';
import { hour, intakeAt } from '../helpers/intake';

const centre = useCentre();
const hqs = useHq();

type Device = Awaited<ReturnType<ReturnType<typeof useCentre>>>;

async function enrolledDevice(hq: RunningHq): Promise<Device> {
  const d = await centre();
  await d.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
  return d;
}

const person = (name: string) => ({ names: { original: name, latin: name, aliases: [] } });

/** Every number a replica holds: person register numbers and book lines, by record. */
function numbers(d: Device) {
  const s = d.inst.backend.installation.requireStore();
  return {
    persons: s.sqlite.prepare('SELECT person_id, register_device, register_no FROM persons ORDER BY person_id').all(),
    book: s.sqlite.prepare('SELECT episode_id, book_device, book_no, book_event FROM episodes ORDER BY episode_id').all(),
    counters: s.sqlite.prepare('SELECT device_id, series, last_no FROM register_counters ORDER BY device_id, series').all(),
  };
}

/** The register as a reader sees it: name and shown number, in the order of the number column. */
async function shown(d: Device) {
  const reg = await d.as('registrar');
  return (await reg.register.list({ sort: 'registerNo', direction: 'asc', includeClosed: true })).rows.map((r) => [r.nameLatin, r.registerNo]);
}

function rebuilt(d: Device) {
  d.inst.backend.installation.requireStore().rebuildProjections();
  return numbers(d);
}

describe('register and book numbers with two devices of one centre', () => {
  for (const order of ['A first', 'B first'] as const) {
    it(`people admitted offline on both devices get the same numbers everywhere, synced ${order}`, async () => {
      const hq = await hqs.start();
      const a = await enrolledDevice(hq);
      const b = await enrolledDevice(hq);
      const regA = await a.as('registrar');
      const regB = await b.as('registrar');

      // Both devices record offline, interleaved in time: three admissions on A, two on B, and one
      // person on B held awaiting a decision.
      for (const [i, name] of ['Ali Ahmadi', 'Nodira Karimova', 'Ivan Petrov'].entries()) {
        await regA.intake.submit(intakeAt(a.clock.now, {}, person(name)));
        if (i < 2) await regB.intake.submit(intakeAt(b.clock.now, {}, person(['Reza Nazari', 'Zarmina Hosseini'][i]!)));
        await a.advance(hour);
        await b.advance(hour);
      }
      await regB.intake.submit(intakeAt(b.clock.now, { admission: undefined }, person('Bahrom Toshev')));

      const [first, second] = order === 'A first' ? [regA, regB] : [regB, regA];
      await first.sync.run();
      await second.sync.run();
      await first.sync.run();

      // A device that joins later and only pulls from HQ numbers the same way.
      const c = await enrolledDevice(hq);
      await (await c.as('registrar')).sync.run();

      const codeA = deviceCode(a.inst.backend.installation.requireStore().device.deviceId);
      const codeB = deviceCode(b.inst.backend.installation.requireStore().device.deviceId);
      const expected = [
        ['Ali Ahmadi', `${codeA}-1`],
        ['Nodira Karimova', `${codeA}-2`],
        ['Ivan Petrov', `${codeA}-3`],
        ['Reza Nazari', `${codeB}-1`],
        ['Zarmina Hosseini', `${codeB}-2`],
        // B's third registration, not yet a line in the book.
        ['Bahrom Toshev', `${codeB}-3`],
      ].sort((x, y) => compareRegisterNo(x[1]!, y[1]!));
      for (const d of [a, b, c]) expect(await shown(d)).toEqual(expected);

      const onA = numbers(a);
      expect(numbers(b)).toEqual(onA);
      expect(numbers(c)).toEqual(onA);
      // No two records share a number.
      const lines = (onA.book as { book_device: string | null; book_no: number | null }[]).filter((r) => r.book_no !== null).map((r) => `${r.book_device}/${r.book_no}`);
      expect(new Set(lines).size).toBe(lines.length);
      expect(lines).toHaveLength(5);
      // State tables rebuilt from the log give the very same numbers.
      for (const d of [a, b, c]) expect(rebuilt(d)).toEqual(onA);
    });
  }

  it('an episode admitted on both devices at once keeps the earlier admission’s line on every replica', async () => {
    const hq = await hqs.start();
    const a = await enrolledDevice(hq);
    const b = await enrolledDevice(hq);
    const regA = await a.as('registrar');
    const regB = await b.as('registrar');
    const held = intakeAt(a.clock.now, { admission: undefined }, person('Bahrom Toshev'));
    const { episodeId } = await regA.intake.submit(held);
    await regA.sync.run();
    await regB.sync.run();

    // Offline, both admit the same person; B's admission is the earlier one by the clock.
    const admission = intakeAt(a.clock.now).admission!;
    await b.advance(60_000);
    await regB.episodes.admit({ episodeId, regime: admission.regime, decision: admission.decision, admittedAt: new Date(b.clock.now).toISOString(), handover: admission.handover });
    await a.advance(120_000);
    await regA.episodes.admit({ episodeId, regime: admission.regime, decision: admission.decision, admittedAt: new Date(a.clock.now).toISOString(), handover: admission.handover });
    // Then each admits one more person: its own second line, whatever happened to the first.
    await regA.intake.submit(intakeAt(a.clock.now, {}, person('Ali Ahmadi')));
    await regB.intake.submit(intakeAt(b.clock.now, {}, person('Reza Nazari')));

    await regA.sync.run();
    await regB.sync.run();
    await regA.sync.run();

    const onA = numbers(a);
    expect(numbers(b)).toEqual(onA);
    const codeB = deviceCode(b.inst.backend.installation.requireStore().device.deviceId);
    const row = (await regA.register.list({})).rows.find((r) => r.episodeId === episodeId);
    expect(row?.registerNo).toBe(`${codeB}-1`);
    const others = (await regA.register.list({ sort: 'registerNo', direction: 'asc' })).rows.filter((r) => r.episodeId !== episodeId).map((r) => r.registerNo);
    expect(others.map((n) => n.slice(5)).sort()).toEqual(['2', '2']);
    for (const d of [a, b]) expect(rebuilt(d)).toEqual(onA);
  });
});
