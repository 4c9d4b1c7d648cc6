import { describe, expect, it } from 'vitest';
import { useCentre } from '../helpers/centre';
import { analystOn, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { useHq } from '../helpers/hq';
import { hour, intakeAt } from '../helpers/intake';
import { dialects } from './harness';

/**
 * Issue #15 §3, §5: a centre's discipline cases and property register are readable at HQ's console, from the
 * events it synced, and HQ's analysts cannot record them (the recording methods are served on devices only).
 */
const centre = useCentre();
const hqs = useHq();
const iso = (ms: number) => new Date(ms).toISOString();

for (const dialect of dialects) {
  describe(`HQ console on ${dialect}: discipline and property`, () => {
    it('shows the measure and the property a centre recorded, and refuses to record them itself', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const { personId, episodeId } = await desk.intake.submit(intakeAt(baku.clock.now - 3 * hour));
      const at = baku.clock.now - 2 * hour;
      const { caseId } = await desk.discipline.recordBreach({
        episodeId,
        breach: { what: 'Refused to return to his room at night', rule: '3.1', occurredAt: iso(at), detectedAt: iso(at), place: 'Corridor B', inquiry: false },
      });
      await desk.discipline.recordHearing({ caseId, hearing: { at: iso(at + 10 * 60_000), language: 'ru', statement: 'He could not sleep.' } });
      const head = await baku.as('centre_head');
      await head.discipline.decide({
        caseId,
        decision: { measureType: 'warning', decisionNo: 'W-1', decidedAt: iso(at + hour), startsOn: iso(at + hour).slice(0, 10), endsOn: iso(at + hour).slice(0, 10), reasons: 'First breach.' },
        officerName: 'R. Həsənov',
      });
      await desk.property.recordItems({ episodeId, record: { takenAt: iso(at), source: 'admission', items: [{ kind: 'money', description: 'Cash', quantity: 1, amount: '20', currency: 'AZN' }] } });
      await head.sync.run();
      await desk.sync.run();

      const { api, call } = await analystOn(hq);
      const { cases } = await api.discipline.list({ personId });
      expect(cases.map((c) => [c.breach.what, c.decision?.measureType, c.decision?.officerName])).toEqual([['Refused to return to his room at night', 'warning', 'R. Həsənov']]);
      const { episodes } = await api.property.list({ personId });
      expect(episodes[0]!.items.map((i) => [i.description, i.state])).toEqual([
        ['Mobile phone', 'held'],
        ['Cash', 'held'],
      ]);
      const refused = await call('property.recordItems', { episodeId, record: { takenAt: iso(at), source: 'admission', items: [{ kind: 'item', description: 'Belt', quantity: 1 }] } });
      expect(refused.body.ok).toBe(false);
    });
  });
}
