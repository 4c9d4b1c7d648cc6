import { describe, expect, it } from 'vitest';
import { useCentre } from '../helpers/centre';
import { analystOn, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { useHq } from '../helpers/hq';
import { day, intakeAt } from '../helpers/intake';
import { dialects } from './harness';

/**
 * Issue #11 §8, docs/domain.md §6: HQ compliance counts asylum requests (by the day the person asked)
 * and, today, pending claims and non-refoulement holds, per facility and in total, each with the people
 * behind it.
 */
const centre = useCentre();
const hqs = useHq();
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

/** Intake arguments for another man: his own name and passport, so the duplicate check lets him through. */
const person = (latin: string, passport: string): [Parameters<typeof intakeAt>[1], Parameters<typeof intakeAt>[2]] => [
  { documents: [{ type: 'passport', series: 'P', number: passport, issuingState: 'AFG', verification: 'unverified' }] },
  { names: { original: latin, latin, aliases: [] } },
];

for (const dialect of dialects) {
  describe(`HQ protection figures on ${dialect}`, () => {
    it('counts asylum requests by the day asked, pending claims and removal holds today, and names the people', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const admitted = baku.clock.now;

      const asking = await desk.intake.submit(intakeAt(admitted, ...person('Ahmad Asker', '2000001')));
      await desk.asylum.express({ personId: asking.personId, episodeId: asking.episodeId, expression: { at: iso(admitted), place: 'centre', words: 'I cannot go back', language: 'fa' } });
      const trafficked = await desk.intake.submit(intakeAt(admitted, ...person('Bashir Victim', '2000002')));
      await desk.vulnerability.screen({ episodeId: trafficked.episodeId, screening: { at: iso(admitted), traffickingIndicators: true } });
      const later = await desk.intake.submit(intakeAt(admitted, ...person('Cawid Later', '2000003')));
      await desk.intake.submit(intakeAt(admitted, ...person('Ehsan Plain', '2000005')));
      // Three days on, the third man asks: his claim belongs to that day, not to his apprehension.
      await baku.advance(3 * day);
      const asked = baku.clock.now;
      await desk.asylum.express({ personId: later.personId, episodeId: later.episodeId, expression: { at: iso(asked), place: 'centre', words: 'Please protect me', language: 'fa' } });
      await desk.sync.run();

      const { api } = await analystOn(hq);

      const first = await api.hq.compliance({ from: date(admitted), to: date(admitted) });
      expect(first.total).toMatchObject({ episodes: 4, asylumRequests: 1, asylumPendingNow: 2, nonRefoulementHoldsNow: 3 });
      expect(first.facilities.find((f) => f.name === 'Baku centre')).toMatchObject({ asylumRequests: 1, asylumPendingNow: 2, nonRefoulementHoldsNow: 3 });
      const third = await api.hq.compliance({ from: date(asked), to: date(asked) });
      expect(third.total).toMatchObject({ episodes: 0, asylumRequests: 1, asylumPendingNow: 2, nonRefoulementHoldsNow: 3 });

      const requests = await api.hq.cases({ from: date(asked), to: date(asked), issue: 'asylum_requests' });
      expect(requests.items.map((i) => [i.nameLatin, i.facilityName, i.detail])).toEqual([['Cawid Later', 'Baku centre', 'pending']]);
      const pending = await api.hq.cases({ from: date(asked), to: date(asked), issue: 'asylum_pending' });
      expect(pending.items.map((i) => i.nameLatin).sort()).toEqual(['Ahmad Asker', 'Cawid Later']);
      // The analyst may not read protection data: the trafficking hold shows, without its reason.
      const holds = await api.hq.cases({ from: date(asked), to: date(asked), issue: 'nonrefoulement_hold', facilityId: first.facilities[0]!.facilityId });
      expect(holds.items.map((i) => [i.nameLatin, i.detail]).sort()).toEqual([
        ['Ahmad Asker', 'asylum_pending'],
        ['Bashir Victim', 'restricted'],
        ['Cawid Later', 'asylum_pending'],
      ]);
    });
  });
}
