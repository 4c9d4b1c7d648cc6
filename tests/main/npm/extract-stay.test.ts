import { describe, expect, it } from 'vitest';
import { registerExtractBody, signedFileSchema } from '../../../core/npm/files';
import { useCentre } from '../../helpers/centre';
import { hour, intakeAt } from '../../helpers/intake';

/**
 * Issue #15 §7: the register extract a visiting team receives includes what happened during the stay in
 * its period — contacts refused, requests and complaints, appeals, discipline and injuries — and a
 * complaint about staff leaves with its subject only if whoever made the extract may read it.
 */
const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();
type Centre = Awaited<ReturnType<ReturnType<typeof useCentre>>>;

async function aStay(c: Centre) {
  const registrar = await c.as('registrar');
  const { episodeId } = await registrar.intake.submit(intakeAt(c.clock.now - 5 * hour));
  await registrar.contacts.record({
    episodeId,
    contact: {
      kind: 'visit',
      category: 'ombudsman',
      who: { name: 'NPM team', relation: 'Ombudsman office' },
      at: iso(c.clock.now - 4 * hour),
      outcome: 'refused',
      refusal: { reason: 'Head of centre absent', basis: 'other', by: 'Duty officer' },
    },
  });
  await registrar.contacts.record({
    episodeId,
    contact: { kind: 'call', category: 'family', who: { name: 'Mother' }, direction: 'out', at: iso(c.clock.now - 4 * hour), durationMinutes: 10, supervision: 'private', outcome: 'took_place' },
  });
  const base = { kind: 'complaint' as const, lodgedBy: 'person' as const, receivedAt: iso(c.clock.now - 3 * hour) };
  await registrar.complaints.lodge({ episodeId, complaint: { ...base, category: 'food', subject: 'No halal meals', addressee: 'centre_head' } });
  await registrar.complaints.lodge({
    episodeId,
    complaint: { ...base, category: 'treatment_by_staff', subject: 'Guard K. pushed me in the corridor', addressee: 'ombudsman', aboutStaff: { named: 'Guard K.', userIds: [] } },
  });
  const doctor = await c.as('medical_officer');
  await doctor.health.recordInjury({
    episodeId,
    injury: {
      examinedAt: iso(c.clock.now - 2 * hour),
      examiner: 'Dr. N. Quliyeva',
      region: 'left_arm',
      account: 'Says a guard pushed him against a door.',
      finding: 'Bruise 4 × 3 cm on the left forearm, about a day old.',
      seenAtAdmission: 'not_seen',
    },
  });
  return episodeId;
}

async function extractBy(c: Centre, role: 'centre_head' | 'registrar') {
  const today = iso(c.clock.now).slice(0, 10);
  const out = await (await c.as(role)).npmCentre.exportExtract({ from: today, to: today });
  return registerExtractBody.parse(JSON.parse(signedFileSchema.parse(JSON.parse(out.content)).body));
}

describe('the register extract’s account of the stay', () => {
  it('lists the refused ombudsman, both complaints, and the injury not seen at admission without the doctor’s finding', async () => {
    const c = await centre();
    const episodeId = await aStay(c);
    const body = await extractBy(c, 'centre_head');
    const stay = body.persons.find((p) => p.episodeId === episodeId)!.stay!;
    expect(stay.contactsRefused).toEqual([{ at: expect.any(String), kind: 'visit', category: 'ombudsman', basis: 'other', reason: 'Head of centre absent' }]);
    expect(stay.complaints.map((x) => [x.addressee, x.aboutStaff, x.subject])).toEqual([
      ['centre_head', false, 'No halal meals'],
      ['ombudsman', true, 'Guard K. pushed me in the corridor'],
    ]);
    expect(stay.injuries).toEqual([{ examinedAt: expect.any(String), region: 'left_arm', seenAtAdmission: false, reportedTo: [] }]);
    expect(JSON.stringify(body)).not.toContain('Bruise');
    expect(JSON.stringify(body)).not.toContain('against a door');
  });

  it('withholds the subject of a complaint about staff when a registrar, who may not read it, makes the extract', async () => {
    const c = await centre();
    const episodeId = await aStay(c);
    const body = await extractBy(c, 'registrar');
    const staff = body.persons.find((p) => p.episodeId === episodeId)!.stay!.complaints.find((x) => x.aboutStaff)!;
    expect([staff.subject, staff.category, staff.addressee]).toEqual([null, 'restricted', 'ombudsman']);
    expect(JSON.stringify(body)).not.toContain('pushed me');
  });

  it('leaves out what happened outside the period', async () => {
    const c = await centre();
    const episodeId = await aStay(c);
    await c.advance(3 * 24 * hour);
    const body = await extractBy(c, 'centre_head');
    expect(body.persons.find((p) => p.episodeId === episodeId)!.stay).toEqual({ contactsRefused: [], complaints: [], appeals: [], discipline: [], injuries: [] });
  });
});
