import { describe, expect, it } from 'vitest';
import { useCentre } from '../helpers/centre';
import { analystOn, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { useHq } from '../helpers/hq';
import { intakeAt } from '../helpers/intake';
import { dialects } from './harness';
import { writtenLetter } from '../helpers/safeguards';

/**
 * Issue #11 §7: rights explained with a letter no lawyer has reviewed reach HQ through the ordinary
 * sync, and HQ counts them per facility, with the person behind the figure.
 */
const centre = useCentre();
const hqs = useHq();
const iso = (ms: number) => new Date(ms).toISOString();

for (const dialect of dialects) {
  describe(`HQ compliance on ${dialect}`, () => {
    it('counts rights explained with an unreviewed letter per facility and names the person behind the figure', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const letter = (language: string) => writtenLetter(baku.clock.now, language);

      const urdu = await desk.intake.submit(intakeAt(baku.clock.now, {}, { names: { original: 'عمران خان', latin: 'Imran Khan', aliases: [] }, languages: ['ur'], nationalities: ['PAK'] }));
      const { useId } = await desk.safeguards.recordInterpreter({
        personId: urdu.personId,
        episodeId: urdu.episodeId,
        use: {
          at: iso(baku.clock.now),
          language: 'ur',
          interpreterName: 'S. Qureshi',
          kind: 'contract',
          purpose: 'rights',
          genderPreferenceMet: true,
          affiliationChecked: true,
          affiliatedWithOriginState: false,
        },
      });
      await desk.safeguards.notifyRights({ episodeId: urdu.episodeId, notification: { ...letter('ur'), interpreterUseId: useId, interpreterCheckedLetter: true } });
      // A second person told with a reviewed letter: not counted.
      const russian = await desk.intake.submit(intakeAt(baku.clock.now));
      await desk.safeguards.notifyRights({ episodeId: russian.episodeId, notification: letter('ru') });
      await desk.sync.run();

      const { api } = await analystOn(hq);

      const today = iso(baku.clock.now).slice(0, 10);
      const overview = await api.hq.compliance({ from: today, to: today });
      expect(overview.total).toMatchObject({ episodes: 2, rightsWithinLimit: 0, rightsDraftLetter: 1 });
      expect(overview.facilities.find((f) => f.name === 'Baku centre')).toMatchObject({ rightsDraftLetter: 1 });
      const cases = await api.hq.cases({ from: today, to: today, issue: 'rights_draft_letter' });
      // The detail names the language of the draft letter.
      expect(cases.items.map((i) => [i.nameLatin, i.facilityName, i.detail])).toEqual([['Imran Khan', 'Baku centre', 'ur']]);
    });
  });
}
