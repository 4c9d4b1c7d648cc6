import { describe, expect, it } from 'vitest';
import { useCentre } from '../helpers/centre';
import { analystOn, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { useHq } from '../helpers/hq';
import { intakeAt } from '../helpers/intake';
import { dialects } from './harness';

/**
 * Issue #11 §1, docs/domain.md §5 rule 3: a consulate told before the person claimed asylum is a conflict
 * HQ must see: counted in compliance, with the person behind the figure, open until reviewed.
 */
const centre = useCentre();
const hqs = useHq();
const iso = (ms: number) => new Date(ms).toISOString();

for (const dialect of dialects) {
  describe(`HQ compliance on ${dialect}`, () => {
    it('counts a consular disclosure conflict and names the person behind it, open until the centre records the review', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');

      const told = await desk.intake.submit(intakeAt(baku.clock.now, {}, { names: { original: 'Imran Khan', latin: 'Imran Khan', aliases: [] }, nationalities: ['PAK'] }));
      const { noticeId } = await desk.safeguards.openConsular({ episodeId: told.episodeId, open: { states: ['PAK'], informedAt: iso(baku.clock.now), wish: 'requests' } });
      await desk.safeguards.sendConsular({ noticeId, sent: { at: iso(baku.clock.now), mission: 'Embassy of Pakistan', channel: 'note_verbale', reference: 'NV-11' } });
      await desk.asylum.express({ personId: told.personId, episodeId: told.episodeId, expression: { at: iso(baku.clock.now), place: 'centre', words: 'I cannot go back', language: 'ur' } });
      // A second person, sent and never a protection case: no conflict.
      const plain = await desk.intake.submit(intakeAt(baku.clock.now));
      const other = await desk.safeguards.openConsular({ episodeId: plain.episodeId, open: { states: ['AFG'], informedAt: iso(baku.clock.now), wish: 'requests' } });
      await desk.safeguards.sendConsular({ noticeId: other.noticeId, sent: { at: iso(baku.clock.now), mission: 'Embassy', channel: 'email', reference: 'E-1' } });
      await desk.sync.run();

      const { api } = await analystOn(hq);

      const today = new Date(baku.clock.now).toISOString().slice(0, 10);
      const overview = await api.hq.compliance({ from: today, to: today });
      expect(overview.total).toMatchObject({ consularSent: 2, disclosureConflicts: 1, disclosureUnreviewed: 1 });
      expect(overview.facilities.find((f) => f.name === 'Baku centre')).toMatchObject({ disclosureConflicts: 1 });
      const cases = await api.hq.cases({ from: today, to: today, issue: 'consular_disclosure' });
      expect(cases.items.map((i) => [i.nameLatin, i.facilityName, i.detail])).toEqual([['Imran Khan', 'Baku centre', 'conflict']]);
      const nextWeek = new Date(baku.clock.now + 7 * 86_400_000).toISOString().slice(0, 10);

      await desk.safeguards.reviewDisclosure({
        noticeId,
        review: { at: iso(baku.clock.now), disclosed: 'Name, nationality, place of detention', personToldAt: iso(baku.clock.now), asylumAuthorityInformedAt: iso(baku.clock.now) },
      });
      await desk.sync.run();
      // A conflict is counted whatever the period: a consulate told cannot be untold.
      const later = await api.hq.compliance({ from: nextWeek, to: nextWeek });
      expect(later.total).toMatchObject({ episodes: 0, disclosureConflicts: 1, disclosureUnreviewed: 0 });
      const reviewed = await api.hq.cases({ from: nextWeek, to: nextWeek, issue: 'consular_disclosure' });
      expect(reviewed.items.map((i) => [i.personId, i.detail])).toEqual([[told.personId, 'reviewed']]);
    });
  });
}
