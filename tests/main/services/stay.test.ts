import { describe, expect, it } from 'vitest';
import { staySections, stayRecordTypes } from '../../../core/contract/stay';
import { isEventType } from '../../../core/events';
import { figureLabel, kindLabel, recordLabel } from '../../../renderer/screens/stay/labels';
import { useCentre } from '../../helpers/centre';
import { analystOn, enrolledCentre, setUpHqConsole } from '../../helpers/hq-console';
import { useHq } from '../../helpers/hq';
import { hour, intakeAt } from '../../helpers/intake';
import { dialects } from '../../hq/harness';

/**
 * Issue #15 §7: every record of the stay feeds the facility's figures and HQ's console. A lawyer turned
 * away and a complaint are counted by kind at the centre, for the centre head, and at HQ under the
 * centre that made them; someone without the reports permission gets nothing.
 */
const centre = useCentre();
const hqs = useHq();
const iso = (ms: number) => new Date(ms).toISOString();
type Centre = Awaited<ReturnType<ReturnType<typeof useCentre>>>;
const dayOf = (c: Centre, ms: number) => iso(ms).slice(0, 10);

async function aStay(c: Centre, desk: Awaited<ReturnType<Centre['as']>>) {
  const { episodeId } = await desk.intake.submit(intakeAt(c.clock.now - 3 * hour));
  await desk.contacts.record({
    episodeId,
    contact: {
      kind: 'visit',
      category: 'lawyer',
      who: { name: 'Adv. Samir Huseynov', relation: 'Bar Association' },
      at: iso(c.clock.now - 2 * hour),
      outcome: 'refused',
      refusal: { reason: 'No visiting slot free this afternoon', basis: 'visiting_hours', by: 'Lt. K. Aliyev' },
    },
  });
  await desk.complaints.lodge({
    episodeId,
    complaint: { kind: 'complaint', lodgedBy: 'person', receivedAt: iso(c.clock.now - hour), category: 'food', subject: 'No halal meals', addressee: 'centre_head' },
  });
  return episodeId;
}

describe('the figures of the whole stay at a centre', () => {
  it('count a refused lawyer and a complaint for the centre head, by kind and as records of the centre', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    await aStay(c, registrar);
    const head = await c.as('centre_head');
    const day = dayOf(c, c.clock.now);
    const f = await head.stay.figures({ from: day, to: day });
    expect(Object.keys(f.sections).sort()).toEqual([...staySections].sort());
    expect(f.sections.contacts).toMatchObject({ refused: 1, refusedLawyer: 1, refusedOmbudsman: 0, visitsByCategory: { lawyer: 1, family: 0 } });
    expect(f.sections.complaints).toMatchObject({ complaints: 1, byAddressee: { centre_head: 1 } });
    expect(f.facilities).toHaveLength(1);
    expect(f.facilities[0]!.records).toMatchObject({ 'contact.recorded': 1, 'complaint.lodged': 1 });
  });

  it('name every figure, every kind it is counted by and every record type in the catalogs', async () => {
    const c = await centre();
    await aStay(c, await c.as('registrar'));
    const day = dayOf(c, c.clock.now);
    const f = await (await c.as('centre_head')).stay.figures({ from: day, to: day });
    const unnamed: string[] = [];
    for (const section of staySections)
      for (const [figure, value] of Object.entries(f.sections[section])) {
        if (!figureLabel(section, figure)) unnamed.push(`${section}.${figure}`);
        if (typeof value !== 'number') for (const kind of Object.keys(value)) if (!kindLabel(section, figure, kind)) unnamed.push(`${section}.${figure}.${kind}`);
      }
    for (const type of staySections.flatMap((s) => stayRecordTypes[s] as readonly string[])) if (!isEventType(type) || !recordLabel(type)) unnamed.push(type);
    expect(unnamed).toEqual([]);
  });

  it('count nothing outside the period', async () => {
    const c = await centre();
    await aStay(c, await c.as('registrar'));
    const head = await c.as('centre_head');
    const f = await head.stay.figures({ from: '2020-01-01', to: '2020-01-31' });
    expect(f.sections.contacts).toMatchObject({ refused: 0, refusedLawyer: 0 });
    expect(f.facilities[0]!.records).toEqual({});
  });

  it('are refused to a registrar, who does not read reports, and to a period that ends before it starts', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    await expect(registrar.stay.figures({ from: '2026-01-01', to: '2026-01-31' })).rejects.toMatchObject({ code: 'forbidden' });
    const head = await c.as('centre_head');
    await expect(head.stay.figures({ from: '2026-02-01', to: '2026-01-31' })).rejects.toMatchObject({ code: 'validation' });
  });
});

for (const dialect of dialects) {
  describe(`the figures of the whole stay at HQ's console on ${dialect}`, () => {
    it('count each centre’s records under that centre and the sections over every centre', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      await aStay(baku, desk);
      await desk.sync.run();
      const { centre: ganja, desk: ganjaDesk } = await enrolledCentre(centre, hq, 'Ganja centre');
      await aStay(ganja, ganjaDesk);
      await ganjaDesk.sync.run();

      const { api } = await analystOn(hq);
      // The centres' test clocks and the console's wall clock differ: ask for a wide period.
      const f = await api.stay.figures({ from: '2000-01-01', to: '2100-12-31' });
      expect(f.sections.contacts).toMatchObject({ refusedLawyer: 2 });
      expect(f.sections.complaints).toMatchObject({ complaints: 2 });
      const byName = Object.fromEntries(f.facilities.map((x) => [x.name, x.records]));
      expect(byName['Baku centre']).toMatchObject({ 'contact.recorded': 1, 'complaint.lodged': 1 });
      expect(byName['Ganja centre']).toMatchObject({ 'contact.recorded': 1, 'complaint.lodged': 1 });
    });
  });
}
