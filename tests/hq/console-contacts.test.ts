import { describe, expect, it } from 'vitest';
import { useCentre } from '../helpers/centre';
import { analystOn, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { useHq } from '../helpers/hq';
import { hour, intakeAt } from '../helpers/intake';
import { dialects } from './harness';

/**
 * Issue #15 §1: a refused lawyer or ombudsman is a safeguard failure counted at HQ. The refusal reaches HQ
 * through the ordinary sync; HQ counts it by the day of the refusal, per facility, names the person
 * behind the figure, and keeps it as unreviewed until the centre head's review arrives. The log itself is
 * readable at the console (contacts.list).
 */
const centre = useCentre();
const hqs = useHq();
const iso = (ms: number) => new Date(ms).toISOString();

for (const dialect of dialects) {
  describe(`HQ compliance on ${dialect}: refused lawyers and ombudsmen`, () => {
    it('counts each refusal by its day, names the person, and counts it reviewed once the head’s review is synced', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const held = await desk.intake.submit(intakeAt(baku.clock.now - 2 * hour, {}, { names: { original: 'Rustam Nazarov', latin: 'Rustam Nazarov', aliases: [] } }));
      const other = await desk.intake.submit(intakeAt(baku.clock.now - 2 * hour));
      const refused = (category: 'lawyer' | 'ombudsman') => ({
        kind: 'visit' as const,
        category,
        who: { name: category === 'lawyer' ? 'Adv. S. Huseynov' : 'NPM team' },
        at: iso(baku.clock.now - hour),
        outcome: 'refused' as const,
        refusal: { reason: 'No escort available', basis: 'capacity' as const, by: 'Lt. K. Aliyev' },
      });
      const { contactId } = await desk.contacts.record({ episodeId: held.episodeId, contact: refused('lawyer') });
      await desk.contacts.record({ episodeId: held.episodeId, contact: refused('ombudsman') });
      // A family visit that took place is no failure.
      await desk.contacts.record({
        episodeId: other.episodeId,
        contact: { kind: 'visit', category: 'family', who: { name: 'Wife' }, at: iso(baku.clock.now - hour), durationMinutes: 30, supervision: 'private', outcome: 'took_place' },
      });
      await desk.sync.run();

      const { api } = await analystOn(hq);
      const today = iso(baku.clock.now).slice(0, 10);
      const yesterday = iso(baku.clock.now - 24 * hour).slice(0, 10);
      const overview = await api.hq.compliance({ from: today, to: today });
      expect(overview.total).toMatchObject({ contactRefusalsLawyer: 1, contactRefusalsOmbudsman: 1, contactRefusalsUnreviewed: 2 });
      expect(overview.facilities.find((f) => f.name === 'Baku centre')).toMatchObject({ contactRefusalsLawyer: 1, contactRefusalsOmbudsman: 1 });
      const cases = await api.hq.cases({ from: today, to: today, issue: 'contact_refused' });
      expect(cases.items.map((i) => [i.nameLatin, i.facilityName, i.detail])).toEqual([['Rustam Nazarov', 'Baku centre', 'lawyer:unreviewed,ombudsman:unreviewed']]);
      // Another day's period holds no refusal, though the unreviewed ones still count.
      expect((await api.hq.compliance({ from: yesterday, to: yesterday })).total).toMatchObject({ contactRefusalsLawyer: 0, contactRefusalsUnreviewed: 2 });
      expect((await api.hq.cases({ from: yesterday, to: yesterday, issue: 'contact_refused' })).items).toEqual([]);
      // The console reads the log itself.
      const log = await api.contacts.list({ personId: held.personId });
      expect(log.contacts.map((x) => [x.category, x.outcome, x.safeguardFailure])).toEqual(expect.arrayContaining([['lawyer', 'refused', true]]));

      const head = await baku.as('centre_head');
      await head.contacts.reviewRefusal({ contactId, review: { at: iso(baku.clock.now), finding: 'Escort rota fixed; the lawyer came at 16:00.', visitArranged: true } });
      await head.sync.run();
      expect((await api.hq.compliance({ from: today, to: today })).total).toMatchObject({ contactRefusalsLawyer: 1, contactRefusalsUnreviewed: 1 });
      expect((await api.hq.cases({ from: today, to: today, issue: 'contact_refused' })).items[0]!.detail).toBe('lawyer:reviewed,ombudsman:unreviewed');
    });
  });
}
