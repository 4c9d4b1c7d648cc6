import { afterEach, describe, expect, it } from 'vitest';
import { refusal } from '../../../helpers/centre';
import { setUpInstallation, type TestInstallation } from '../../../helpers/backend';
import { day, hour, intakeAt } from '../../../helpers/intake';
import { examinedBeforeLeaving } from '../../../helpers/health';
import { readyToLeave } from '../../../helpers/exits';
import { propertyReturned } from '../../../helpers/property';

const open: TestInstallation[] = [];
afterEach(async () => {
  for (const i of open.splice(0)) await i.close();
});
let now = Date.parse('2026-11-23T06:00:00Z');
async function centre() {
  now = Date.parse('2026-11-23T06:00:00Z');
  const inst = await setUpInstallation({ now: () => now });
  open.push(inst);
  return { inst, registrar: await inst.userWith(['registrar'], 'registrar') };
}

function counts(inst: TestInstallation) {
  const s = inst.backend.installation.requireStore();
  const n = (t: string) => (s.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { events: n('events'), persons: n('persons'), episodes: n('episodes') };
}

describe('intake', () => {
  it('admits a person with a placement decision: the episode is active and the register book has its line', async () => {
    const { registrar } = await centre();
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(now));
    const view = await registrar.persons.view({ personId });
    const ep = view.episodes[0]!;
    expect(ep.episodeId).toBe(episodeId);
    expect(ep.state).toBe('ACTIVE');
    expect(ep.decision?.number).toBe('2-1234/2026');
    expect(ep.handover?.serviceId).toBe('MP-4471');
    expect(view.documents[0]?.document.number).toBe('0123456');
    const { rows } = await registrar.register.list({});
    expect(rows[0]).toMatchObject({ registerNo: expect.stringMatching(/^[0-9A-F]{4}-1$/), nameLatin: 'Mukhammad Rakhimi', state: 'ACTIVE', daysHeld: 1 });
  });

  it('no admission without a decision record: the intake is refused on the decision and nothing is saved', async () => {
    const { inst, registrar } = await centre();
    const input = intakeAt(now);
    delete input.admission!.decision;
    const before = counts(inst);
    const e = await refusal(registrar.intake.submit(input));
    expect(e.fields?.['admission.decision']?.key).toBe('error.episode.noAdmissionWithoutDecision');
    expect(counts(inst)).toEqual(before);
  });

  it('without an admission the person is held awaiting a decision, and is admitted only once it is recorded', async () => {
    const { registrar } = await centre();
    const input = intakeAt(now);
    const admission = input.admission!;
    delete input.admission;
    const { personId, episodeId } = await registrar.intake.submit(input);
    expect((await registrar.persons.view({ personId })).episodes[0]?.state).toBe('DECISION_PENDING');
    const due = await registrar.dueNow.list({ includeUpcoming: true });
    expect(due.items.map((i) => i.kind)).toContain('decision_missing');
    const noDecision = await refusal(registrar.episodes.admit({ episodeId, regime: 'forced_court', admittedAt: admission.admittedAt, handover: admission.handover }));
    expect(noDecision.fields?.decision?.key).toBe('error.episode.noAdmissionWithoutDecision');
    await registrar.episodes.admit({ episodeId, regime: 'forced_court', decision: admission.decision, admittedAt: admission.admittedAt, handover: admission.handover });
    expect((await registrar.persons.view({ personId })).episodes[0]?.state).toBe('ACTIVE');
  });

  it('refuses impossible dates on the right field: admission before apprehension, birth in the future', async () => {
    const { inst, registrar } = await centre();
    const before = counts(inst);
    const early = intakeAt(now);
    early.admission!.admittedAt = new Date(now - 5 * hour).toISOString();
    expect((await refusal(registrar.intake.submit(early))).fields?.['admission.admittedAt']?.key).toBe('error.episode.admissionBeforeApprehension');
    const unborn = intakeAt(now, {}, { birth: { date: '2030-01-01', estimated: false } });
    expect((await refusal(registrar.intake.submit(unborn))).fields?.['person.birth.date']?.key).toBe('error.person.birthInFuture');
    const shortTerm = intakeAt(now);
    shortTerm.admission!.decision!.termEnd = new Date(now - hour).toISOString();
    expect((await refusal(registrar.intake.submit(shortTerm))).fields?.['admission.decision.termEnd']?.key).toBe('error.episode.termEndBeforeAdmission');
    expect(counts(inst)).toEqual(before);
  });

  it('after 20:00 UTC it is already the next day in Baku: a decision dated that day is not "in the future", the day after is', async () => {
    const { inst, registrar } = await centre();
    now = Date.parse('2026-11-23T21:30:00Z'); // 01:30 on 24 November in Baku
    await inst.signInAgain(registrar, 'registrar');
    const night = intakeAt(now);
    night.admission!.decision!.date = '2026-11-24';
    await registrar.intake.submit(night);
    const tomorrow = intakeAt(now, {}, { names: { original: 'Ali Ahmadi', latin: 'Ali Ahmadi', aliases: [] }, birth: { date: '2026-11-25', estimated: false } });
    tomorrow.admission!.decision!.date = '2026-11-25';
    const e = await refusal(registrar.intake.submit(tomorrow));
    expect(e.fields?.['admission.decision.date']?.key).toBe('error.time.inFuture');
    expect(e.fields?.['person.birth.date']?.key).toBe('error.person.birthInFuture');
  });

  it('refuses an unknown nationality code and text over its limit, naming the field', async () => {
    const { inst, registrar } = await centre();
    const before = counts(inst);
    const e1 = await refusal(registrar.intake.submit(intakeAt(now, {}, { nationalities: ['XXX'] })));
    expect(e1.fields?.['person.nationalities.0']?.key).toBe('error.field.nationality');
    const e2 = await refusal(registrar.intake.submit(intakeAt(now, {}, { names: { original: 'x'.repeat(201), latin: 'X', aliases: [] } })));
    expect(e2.fields?.['person.names.original']).toEqual({ key: 'error.field.tooLong', params: { max: 200 } });
    expect(counts(inst)).toEqual(before);
  });

  it('a person already held cannot be admitted twice', async () => {
    const { registrar } = await centre();
    const { personId } = await registrar.intake.submit(intakeAt(now));
    const again = intakeAt(now, { existingPersonId: personId, person: undefined });
    expect((await refusal(registrar.intake.submit(again))).messageKey).toBe('error.intake.alreadyHeld');
  });
});

describe('duplicate check before a person is created', () => {
  it('finds the same person written in another script, ranked with its reasons, and links the intake to them', async () => {
    const { inst, registrar } = await centre();
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(now));
    now += 40 * day;
    await inst.signInAgain(registrar, 'registrar');
    await inst.signInAgain(inst.admin, 'admin');
    await examinedBeforeLeaving(await inst.userWith(['medical_officer'], 'doctor'), episodeId, now - day);
    await readyToLeave(registrar, episodeId, 'released_term_expired', now - day);
    await propertyReturned(registrar, personId, episodeId, now - day);
    await registrar.episodes.close({
      episodeId,
      exit: { type: 'released_term_expired', at: new Date(now - day).toISOString(), basis: 'Term expired, release protocol No. 17' },
    });
    await registrar.persons.register({ details: { names: { original: 'Olga Sidorova', latin: 'Olga Sidorova' }, sex: 'female', nationalities: ['RUS'] } });
    const { matches } = await registrar.intake.checkDuplicates({
      names: { original: 'محمد رحیمی', latin: 'Mohammad Rahimi', aliases: [] },
      birthDate: '1991-09-01',
      nationalities: ['AFG'],
    });
    expect(matches).toHaveLength(1);
    expect(matches[0]!.person.personId).toBe(personId);
    expect(matches[0]!.reasons).toEqual(expect.arrayContaining(['other_script', 'birth_within_year', 'same_nationality']));
    expect(matches[0]!.score).toBeGreaterThan(0.85);
    const before = counts(inst).persons;
    await registrar.intake.submit(intakeAt(now, { existingPersonId: personId, person: undefined }));
    expect(counts(inst).persons).toBe(before);
    expect((await registrar.persons.view({ personId })).episodes).toHaveLength(2);
  });

  it('finds a person by an alias', async () => {
    const { registrar } = await centre();
    const { personId } = await registrar.intake.submit(intakeAt(now, {}, { names: { original: 'Zarmina Hosseini', latin: 'Zarmina Hosseini', aliases: ['Zara Karimi'] } }));
    const { matches } = await registrar.intake.checkDuplicates({ names: { original: 'Зара Карими', latin: 'Zara Karimi', aliases: [] } });
    expect(matches[0]?.person.personId).toBe(personId);
    expect(matches[0]?.reasons).toContain('alias');
  });
});

describe('drafts', () => {
  it('a half-filled intake survives as a draft and is gone once the intake is saved', async () => {
    const { registrar } = await centre();
    const { draftId } = await registrar.drafts.save({ kind: 'intake', title: 'Rahimi', data: { step: 2, person: { names: { latin: 'Rahimi' } } } });
    expect((await registrar.drafts.list()).drafts.map((d) => d.draftId)).toEqual([draftId]);
    expect((await registrar.drafts.get({ draftId })).data).toEqual({ step: 2, person: { names: { latin: 'Rahimi' } } });
    await registrar.intake.submit(intakeAt(now, { draftId }));
    expect((await registrar.drafts.list()).drafts).toEqual([]);
  });

  it('a discarded draft is gone and the discard is audited', async () => {
    const { inst, registrar } = await centre();
    const { draftId } = await registrar.drafts.save({ kind: 'intake', title: 'x', data: {} });
    await registrar.drafts.discard({ draftId });
    expect((await registrar.drafts.list()).drafts).toEqual([]);
    const { entries } = await inst.admin.audit.list({ entityId: draftId });
    expect(entries.map((e) => e.action)).toEqual(['draft.discarded', 'draft.created']);
  });
});
