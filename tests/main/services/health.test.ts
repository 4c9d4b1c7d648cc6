import { describe, expect, it } from 'vitest';
import { refusal, useCentre } from '../../helpers/centre';
import { day, hour, intakeAt } from '../../helpers/intake';
import { healthFigures } from '../../../main/services/health';
import { readyToLeave } from '../../helpers/exits';

const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();
type Centre = Awaited<ReturnType<typeof centre>>;

/** Held with no property, so an exit meets only the health guard (the property section has its own). */
const noProperty = (at: number, person = {}) => {
  const base = intakeAt(at, {}, person);
  return { ...base, admission: { ...base.admission!, property: [] } };
};

async function held(c: Centre) {
  const registrar = await c.as('registrar');
  const { personId, episodeId } = await registrar.intake.submit(noProperty(c.clock.now));
  await c.advance(hour);
  return { registrar, doctor: await c.as('medical_officer'), head: await c.as('centre_head'), personId, episodeId };
}

const visit = (at: number, extra: Record<string, unknown> = {}) => ({
  kind: 'visit' as const,
  at: iso(at),
  clinician: 'Dr. N. Həsənova',
  complaint: 'Toothache',
  finding: 'Abscess, lower left molar',
  treatment: 'Amoxicillin 500 mg',
  ...extra,
});
const injury = (at: number, seenAtAdmission: 'seen' | 'not_seen' = 'not_seen') => ({
  examinedAt: iso(at),
  examiner: 'Dr. N. Həsənova',
  region: 'left_arm' as const,
  locationNote: 'outer forearm',
  account: 'Says he was pushed against the door during the evening count.',
  finding: 'Bruise 4 × 3 cm, fresh',
  seenAtAdmission,
});
const release = (at: number) => ({ type: 'released_decision' as const, at: iso(at), basis: 'Nasimi District Court order 2-99/2026' });

function auditLines(c: Centre, method: string) {
  return c.inst.backend.installation.requireStore().sqlite.prepare('SELECT action, outcome, entity_type FROM audit_log WHERE method = ? ORDER BY seq').all(method);
}

describe('medical details are for medical staff and the head of the centre', () => {
  it('the medical officer records a visit and reads it; the head reads it; a duty officer is refused; every read and refusal is logged', async () => {
    const c = await centre();
    const { doctor, head, personId, episodeId } = await held(c);
    const duty = await c.as('duty_officer');
    await doctor.health.recordVisit({ episodeId, visit: visit(c.clock.now) });
    expect((await doctor.health.record({ personId })).episodes[0]!.visits.map((v) => v.visit.finding)).toEqual(['Abscess, lower left molar']);
    expect((await head.health.record({ personId })).episodes[0]!.visits).toHaveLength(1);
    expect((await refusal(duty.health.record({ personId }))).code).toBe('forbidden');
    expect(auditLines(c, 'health.record')).toEqual([
      { action: 'read', outcome: 'ok', entity_type: 'health_record' },
      { action: 'read', outcome: 'ok', entity_type: 'health_record' },
      { action: 'read.denied', outcome: 'denied', entity_type: 'health_record' },
    ]);
  });

  it('a registrar cannot record medical details, and nothing is saved', async () => {
    const c = await centre();
    const { registrar, episodeId } = await held(c);
    const events = c.count('events');
    expect((await refusal(registrar.health.recordVisit({ episodeId, visit: visit(c.clock.now) }))).code).toBe('forbidden');
    expect(c.count('events')).toBe(events);
  });

  it("the person's timeline names a medical record as restricted for a registrar and in full for the doctor", async () => {
    const c = await centre();
    const { registrar, doctor, personId, episodeId } = await held(c);
    await doctor.health.recordInjury({ episodeId, injury: injury(c.clock.now) });
    const types = async (who: typeof registrar) => (await who.persons.view({ personId })).history.map((h) => h.type).filter((t) => t.startsWith('health.'));
    expect(await types(registrar)).toEqual(['health.restricted']);
    expect(await types(doctor)).toEqual(['health.injuryRecorded']);
  });

  it('the medical officer role exists only in a centre', async () => {
    const { rolesForKind } = await import('../../../core/permissions');
    expect(rolesForKind('detention_centre')).toContain('medical_officer');
    expect(rolesForKind('headquarters')).not.toContain('medical_officer');
  });
});

describe('a hospital stay keeps the person held', () => {
  it('the episode stays active, everyone sees "in hospital since", a second admission is refused, the return clears it', async () => {
    const c = await centre();
    const { registrar, doctor, personId, episodeId } = await held(c);
    const { stayId } = await doctor.health.admitToHospital({
      episodeId,
      stay: { at: iso(c.clock.now), hospital: 'Baku City Clinical Hospital No. 1', reason: 'Suspected appendicitis', escort: 'Two officers of the centre, in turns' },
    });
    const view = await registrar.persons.view({ personId });
    expect(view.episodes[0]!.state).toBe('ACTIVE');
    expect((await registrar.health.status({ personId })).episodes[0]!.inHospitalSince).toBe(iso(c.clock.now));
    expect((await refusal(doctor.health.admitToHospital({ episodeId, stay: { at: iso(c.clock.now), hospital: 'Other', reason: 'x', escort: 'y' } }))).messageKey).toBe(
      'error.health.alreadyInHospital',
    );
    // the clocks keep running: the periodic review is still owed from admission
    expect(view.episodes[0]!.obligations.map((o) => o.kind)).not.toContain('release_protocol');
    expect((await refusal(doctor.health.returnFromHospital({ stayId, at: iso(c.clock.now - day) }))).fields?.at?.key).toBe('error.health.returnBeforeAdmission');
    await c.advance(2 * day);
    await doctor.health.returnFromHospital({ stayId, at: iso(c.clock.now) });
    expect((await registrar.health.status({ personId })).episodes[0]!.inHospitalSince).toBeNull();
    expect((await refusal(doctor.health.returnFromHospital({ stayId, at: iso(c.clock.now) }))).messageKey).toBe('error.health.alreadyReturned');
    expect((await doctor.health.record({ personId })).episodes[0]!.hospitalStays[0]).toMatchObject({ reason: 'Suspected appendicitis', returnedAt: iso(c.clock.now) });
  });

  it('a time typed in the future is refused', async () => {
    const c = await centre();
    const { doctor, episodeId } = await held(c);
    const e = await refusal(doctor.health.admitToHospital({ episodeId, stay: { at: iso(c.clock.now + day), hospital: 'H', reason: 'R', escort: 'E' } }));
    expect(e.fields?.['stay.at']?.key).toBe('error.time.inFuture');
  });
});

describe('the examination before leaving', () => {
  it('an exit is refused without it, and allowed once it is recorded', async () => {
    const c = await centre();
    const { registrar, doctor, personId, episodeId } = await held(c);
    // The release's own step on record first: the examination is asked for once the law allows the exit.
    await readyToLeave(registrar, episodeId, 'released_decision', c.clock.now);
    const e = await refusal(registrar.episodes.close({ episodeId, exit: release(c.clock.now) }));
    expect(e.messageKey).toBe('error.health.exitExamMissing');
    await doctor.health.recordVisit({ episodeId, visit: { kind: 'exit_exam', at: iso(c.clock.now), clinician: 'Dr. N. Həsənova', finding: 'Fit to travel; no injuries' } });
    await registrar.episodes.close({ episodeId, exit: release(c.clock.now) });
    expect((await registrar.health.status({ personId })).episodes[0]!.exitExam).toBe('done');
  });

  it('an exit is allowed with a recorded reason instead, and an escape needs neither', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await held(c);
    await registrar.health.recordExitExamNotDone({ episodeId, notDone: { at: iso(c.clock.now), reason: 'Released by the court at the hearing; not brought back to the centre.' } });
    expect((await refusal(registrar.health.recordExitExamNotDone({ episodeId, notDone: { at: iso(c.clock.now), reason: 'again' } }))).messageKey).toBe('error.health.exitExamReasonRecorded');
    await readyToLeave(registrar, episodeId, 'released_decision', c.clock.now);
    await registrar.episodes.close({ episodeId, exit: release(c.clock.now) });
    expect((await registrar.health.status({ personId })).episodes[0]!.exitExam).toBe('reason_recorded');

    const other = await registrar.intake.submit(noProperty(c.clock.now, { names: { original: 'Ali Karimi', latin: 'Ali Karimi', aliases: [] } }));
    await c.advance(hour);
    await registrar.episodes.close({ episodeId: other.episodeId, exit: { type: 'escaped', at: iso(c.clock.now), basis: 'Report of the duty officer' } });
  });

  it('is owed by the planned exit once an exit is scheduled: due a day before, overdue after', async () => {
    const c = await centre();
    const { registrar, doctor, episodeId } = await held(c);
    const planned = c.clock.now + 3 * day;
    await registrar.episodes.scheduleExit({ episodeId, plannedAt: iso(planned), plannedOutcome: 'released_decision' });
    const item = async () => (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'exit_medical_exam');
    expect(await item()).toMatchObject({ status: 'upcoming', dueAt: iso(planned) });
    await c.advance(3 * day + 1000);
    expect(await item()).toMatchObject({ status: 'overdue' });
    await doctor.health.recordVisit({ episodeId, visit: { kind: 'exit_exam', at: iso(c.clock.now), clinician: 'Dr. N. Həsənova', finding: 'Fit' } });
    expect(await item()).toBeUndefined();
  });
});

describe('injuries', () => {
  it('an injury not seen at admission owes a report to the prosecutor and to the ombudsman; each recorded report closes its item', async () => {
    const c = await centre();
    const { registrar, doctor, head, personId, episodeId } = await held(c);
    const { injuryId } = await doctor.health.recordInjury({ episodeId, injury: injury(c.clock.now) });
    const kinds = async (who: typeof head) => (await who.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind).filter((k) => k.startsWith('injury_') || k === 'restricted');
    expect(await kinds(head)).toEqual(['injury_report_prosecutor', 'injury_report_ombudsman']);
    // others see that something is owed, never what
    const mine = (await registrar.persons.view({ personId })).episodes[0]!.obligations.map((o) => o.kind);
    expect(mine.filter((k) => k.startsWith('injury_'))).toEqual([]);
    expect(mine).toContain('restricted');
    await doctor.health.recordInjuryReport({ injuryId, report: { addressee: 'prosecutor', sentTo: 'Nasimi District Prosecutor', sentAt: iso(c.clock.now), reference: 'NP-118' } });
    expect(await kinds(head)).toEqual(['injury_report_ombudsman']);
    expect((await refusal(doctor.health.recordInjuryReport({ injuryId, report: { addressee: 'prosecutor', sentTo: 'x', sentAt: iso(c.clock.now), reference: 'y' } }))).messageKey).toBe(
      'error.health.alreadyReported',
    );
    await doctor.health.recordInjuryReport({ injuryId, report: { addressee: 'ombudsman', sentTo: 'Ombudsman, NPM department', sentAt: iso(c.clock.now), reference: 'OMB-7' } });
    expect(await kinds(head)).toEqual([]);
    const rec = (await head.health.record({ personId })).episodes[0]!.injuries[0]!;
    expect(rec.reports.map((r) => [r.report.addressee, r.onTime]).sort()).toEqual([
      ['ombudsman', true],
      ['prosecutor', true],
    ]);
    expect(rec.admissionSawInjuries).toBe(false);
  });

  it('a report dated before the examination that found the injury is refused and its item stays owed; one sent at the examination itself is on time', async () => {
    const c = await centre();
    const { doctor, head, episodeId, personId } = await held(c);
    const examined = c.clock.now;
    const { injuryId } = await doctor.health.recordInjury({ episodeId, injury: injury(examined) });
    const report = (at: number) => ({ addressee: 'prosecutor' as const, sentTo: 'Nasimi District Prosecutor', sentAt: iso(at), reference: 'NP-119' });
    const events = c.count('events');
    const early = await refusal(doctor.health.recordInjuryReport({ injuryId, report: report(examined - 60_000) }));
    expect(early.fields?.['report.sentAt']?.key).toBe('error.health.reportBeforeExamination');
    expect(c.count('events')).toBe(events);
    const kinds = async () => (await head.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind);
    expect(await kinds()).toContain('injury_report_prosecutor');
    await doctor.health.recordInjuryReport({ injuryId, report: report(examined) });
    expect(await kinds()).not.toContain('injury_report_prosecutor');
    expect((await head.health.record({ personId })).episodes[0]!.injuries[0]!.reports.map((r) => [r.report.addressee, r.onTime])).toEqual([['prosecutor', true]]);
  });

  it('"seen at admission" is refused when the admission examination recorded no visible injuries, and nothing is saved', async () => {
    const c = await centre();
    const { doctor, episodeId } = await held(c);
    const events = c.count('events');
    const e = await refusal(doctor.health.recordInjury({ episodeId, injury: injury(c.clock.now, 'seen') }));
    expect(e.fields?.['injury.seenAtAdmission']?.key).toBe('error.health.admissionSawNoInjuries');
    expect(c.count('events')).toBe(events);
  });

  it('an injury seen at admission owes no report', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const base = intakeAt(c.clock.now);
    const { episodeId } = await registrar.intake.submit({
      ...base,
      admission: {
        ...base.admission!,
        medical: { at: iso(c.clock.now), examiner: 'Dr. S. Əliyeva', visibleInjuries: true, injuriesDescription: 'Bruise on the left forearm', illTreatmentComplaint: false },
      },
    });
    await c.advance(hour);
    const doctor = await c.as('medical_officer');
    await doctor.health.recordInjury({ episodeId, injury: injury(c.clock.now, 'seen') });
    expect((await doctor.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind).filter((k) => k.startsWith('injury_'))).toEqual([]);
  });

  it('"elsewhere" needs the place described', async () => {
    const c = await centre();
    const { doctor, episodeId } = await held(c);
    const e = await refusal(doctor.health.recordInjury({ episodeId, injury: { ...injury(c.clock.now), region: 'other', locationNote: undefined } }));
    expect(e.fields?.['injury.locationNote']?.key).toBe('error.health.describeLocation');
  });
});

describe('follow-ups and a child’s examinations', () => {
  it('a follow-up date becomes an item that day, kept by a later visit', async () => {
    const c = await centre();
    const { doctor, head, episodeId } = await held(c);
    const followUpOn = iso(c.clock.now + 2 * day).slice(0, 10);
    await doctor.health.recordVisit({ episodeId, visit: visit(c.clock.now, { followUpOn }) });
    const item = async () => (await head.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'medical_follow_up');
    expect(await item()).toMatchObject({ status: 'upcoming' });
    await c.advance(2 * day);
    expect(await item()).toMatchObject({ status: 'due' });
    await doctor.health.recordVisit({ episodeId, visit: visit(c.clock.now) });
    expect(await item()).toBeUndefined();
    expect((await refusal(doctor.health.recordVisit({ episodeId, visit: visit(c.clock.now, { followUpOn: iso(c.clock.now - 2 * day).slice(0, 10) }) }))).fields?.['visit.followUpOn']?.key).toBe(
      'error.health.followUpBeforeVisit',
    );
  });

  it('a child is owed an examination every 14 days after the admission examination', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { episodeId } = await registrar.intake.submit(intakeAt(c.clock.now, {}, { birth: { date: '2011-05-02', estimated: false } }));
    const admissionExam = c.clock.now + 600_000;
    await c.advance(hour);
    const doctor = await c.as('medical_officer');
    const item = async () => (await doctor.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'child_medical_exam');
    expect(await item()).toMatchObject({ dueAt: iso(admissionExam + 14 * day), status: 'upcoming' });
    await c.advance(14 * day);
    await doctor.health.recordVisit({ episodeId, visit: { kind: 'child_exam', at: iso(c.clock.now), clinician: 'Dr. N. Həsənova', finding: 'Well; weight 41 kg' } });
    expect(await item()).toMatchObject({ dueAt: iso(c.clock.now + 14 * day) });
  });
});

describe('healthFigures', () => {
  it('counts examinations, visits, hospital stays, injuries and reports in the period, and who is in hospital now', async () => {
    const c = await centre();
    const { registrar, doctor, episodeId } = await held(c);
    await doctor.health.recordVisit({ episodeId, visit: visit(c.clock.now) });
    await doctor.health.admitToHospital({ episodeId, stay: { at: iso(c.clock.now), hospital: 'H1', reason: 'R', escort: 'E' } });
    const { injuryId } = await doctor.health.recordInjury({ episodeId, injury: injury(c.clock.now) });
    await c.advance(2 * day);
    await doctor.health.recordInjuryReport({ injuryId, report: { addressee: 'prosecutor', sentTo: 'P', sentAt: iso(c.clock.now), reference: 'R1' } });
    void registrar;
    const store = c.inst.backend.installation.requireStore();
    const day0 = '2026-11-23';
    expect(healthFigures(store, day0, '2026-11-30')).toEqual({
      admissionExams: { owed: 1, done: 1 },
      exitExams: { owed: 0, done: 0, reasonRecorded: 0 },
      visits: 1,
      childExams: 0,
      hospitalStays: { inPeriod: 1, now: 1 },
      injuries: { recorded: 1, notSeenAtAdmission: 1 },
      reports: { onTime: 0, late: 1, notSent: 1 },
    });
    expect(healthFigures(store, '2026-12-01', '2026-12-31')).toMatchObject({ visits: 0, hospitalStays: { inPeriod: 0, now: 1 }, injuries: { recorded: 0, notSeenAtAdmission: 0 } });
  });
});
