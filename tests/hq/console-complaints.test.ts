import { describe, expect, it } from 'vitest';
import { useCentre } from '../helpers/centre';
import { analystOn, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { useHq } from '../helpers/hq';
import { hour, intakeAt } from '../helpers/intake';
import { dialects } from './harness';

/**
 * Issue #15 §2: the register of requests and complaints is readable at HQ's console like every record a
 * centre syncs, and a complaint about staff stays restricted there too: HQ's analysts do not hold
 * `complaints.staff`, so they see that it exists, to whom and when, never what it says — in the register
 * and in the person's timeline.
 */
const centre = useCentre();
const hqs = useHq();
const iso = (ms: number) => new Date(ms).toISOString();

for (const dialect of dialects) {
  describe(`HQ console on ${dialect}: requests and complaints`, () => {
    it('shows an ordinary complaint in full and a complaint about staff only as restricted', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const { personId, episodeId } = await desk.intake.submit(intakeAt(baku.clock.now - 2 * hour));
      const at = iso(baku.clock.now - hour);
      const base = { kind: 'complaint' as const, lodgedBy: 'person' as const, receivedAt: at };
      await desk.complaints.lodge({ episodeId, complaint: { ...base, category: 'food', subject: 'No halal meals', addressee: 'centre_head' } });
      const { complaintId } = await desk.complaints.lodge({
        episodeId,
        complaint: { ...base, category: 'treatment_by_staff', subject: 'Guard K. shouted at me', addressee: 'ombudsman', aboutStaff: { named: 'Guard K.', userIds: [] } },
      });
      await desk.sync.run();

      const { api } = await analystOn(hq);
      const { complaints } = await api.complaints.forPerson({ personId });
      const staff = complaints.find((c) => c.complaintId === complaintId)!;
      const food = complaints.find((c) => c.complaintId !== complaintId)!;
      // The console's clock is the wall clock, the centre's a test clock: the status is not compared here.
      expect([staff.restricted, staff.detail, staff.addressee, staff.aboutStaff]).toEqual([true, null, 'ombudsman', true]);
      expect([food.restricted, food.detail?.subject]).toEqual([false, 'No halal meals']);
      const view = await api.persons.view({ personId });
      expect(view.history.filter((h) => h.entityId === complaintId).map((h) => h.type)).toEqual(['complaint.restricted']);
      expect(JSON.stringify(view)).not.toContain('shouted');
    });
  });
}
