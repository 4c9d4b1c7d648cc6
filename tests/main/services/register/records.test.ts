import { describe, expect, it } from 'vitest';
import { refusal, useCentre } from '../../../helpers/centre';
import { day, hour, intakeAt } from '../../../helpers/intake';
import { compareRegisterNo, deviceCode } from '../../../../core/register-number';
import { completeFirstHour } from '../../../helpers/safeguards';

const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();

describe('corrections and the timeline', () => {
  it('a correction is an event with a reason; the timeline shows who, when, why and the previous value', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { personId } = await registrar.intake.submit(intakeAt(c.clock.now));
    const before = await registrar.persons.view({ personId });
    await c.advance(hour);
    await registrar.persons.correct({
      personId,
      basedOn: before.lastEventId,
      changes: { 'names.latin': 'Mohammad Rahimi', 'birth.date': '1991-03-15' },
      reason: 'Passport inspected: Latin spelling and date as in passport',
    });
    const after = await registrar.persons.view({ personId });
    expect(after.person.nameLatin).toBe('Mohammad Rahimi');
    const correction = after.history.find((h) => h.type === 'person.corrected')!;
    expect(correction).toMatchObject({ actorName: 'User registrar', reason: 'Passport inspected: Latin spelling and date as in passport' });
    expect(correction.changes).toEqual(
      expect.arrayContaining([
        { field: 'names.latin', from: 'Mukhammad Rakhimi', to: 'Mohammad Rahimi' },
        { field: 'birth.date', from: '1991-03-14', to: '1991-03-15' },
      ]),
    );
    expect(Date.parse(correction.at)).toBe(c.clock.now);
    // Nothing is deleted: the registration is still in the timeline with the old spelling.
    expect(after.history[0]!.changes).toContainEqual({ field: 'names.latin', from: null, to: 'Mukhammad Rakhimi' });
  });

  it('a correction made from an outdated version is refused rather than overwriting a colleague', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const duty = await c.as('duty_officer');
    const { personId } = await registrar.intake.submit(intakeAt(c.clock.now));
    const seen = (await registrar.persons.view({ personId })).lastEventId;
    await duty.persons.correct({ personId, basedOn: seen, changes: { sex: 'male' }, reason: 'confirmed' });
    const e = await refusal(registrar.persons.correct({ personId, basedOn: seen, changes: { 'names.latin': 'Other' }, reason: 'typo' }));
    expect(e).toMatchObject({ code: 'conflict', messageKey: 'error.correction.staleVersion' });
    expect((await registrar.persons.view({ personId })).person.nameLatin).toBe('Mukhammad Rakhimi');
  });

  it('an episode correction keeps the old decision in the timeline', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    const ep = (await registrar.persons.view({ personId })).episodes[0]!;
    await registrar.episodes.correct({ episodeId, basedOn: ep.lastEventId, changes: { decision: { ...ep.decision!, number: '2-1235/2026' } }, reason: 'Number misread from the decision' });
    const view = await registrar.persons.view({ personId });
    expect(view.episodes[0]?.decision?.number).toBe('2-1235/2026');
    const h = view.history.find((x) => x.type === 'episode.corrected')!;
    expect((h.changes[0]!.from as { number: string }).number).toBe('2-1234/2026');
  });
});

describe('merging duplicate records', () => {
  it('merge and un-merge are audited, reversible, and lose nothing', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const head = await c.as('centre_head');
    const { personId: a } = await registrar.intake.submit(intakeAt(c.clock.now));
    const { person } = await registrar.persons.register({ details: { names: { original: 'محمد رحیمی', latin: 'Mohammad Rahimi' }, sex: 'male', nationalities: ['AFG'] } });
    await registrar.documents.add({ personId: person.personId, document: { type: 'refugee_card', number: 'UNHCR-77', verification: 'verified' } });
    const events = c.count('events');
    await registrar.persons.merge({ personId: person.personId, intoPersonId: a, reason: 'Same passport number seen on both' });
    const merged = await registrar.persons.view({ personId: a });
    expect(merged.mergedRecords).toEqual([person.personId]);
    expect(merged.documents.map((d) => d.document.number)).toEqual(expect.arrayContaining(['0123456', 'UNHCR-77']));
    expect((await registrar.persons.list({})).persons.map((p) => p.personId)).not.toContain(person.personId);
    await registrar.persons.unmerge({ personId: person.personId, reason: 'Different fathers names on interview' });
    const apart = await registrar.persons.view({ personId: a });
    expect(apart.mergedRecords).toEqual([]);
    expect(apart.documents.map((d) => d.document.number)).toEqual(['0123456']);
    expect((await registrar.persons.view({ personId: person.personId })).documents[0]?.document.number).toBe('UNHCR-77');
    expect(c.count('events')).toBe(events + 2);
    const { entries } = await head.audit.list({ entityId: a });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['person.merged_into', 'person.unmerged_from']));
  });

  it('a record cannot be merged into itself or into a merged record', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const mk = async (n: string) => (await registrar.persons.register({ details: { names: { original: n, latin: n }, sex: 'female' } })).person.personId;
    const [x, y, z] = [await mk('Ana'), await mk('Anna'), await mk('Hanna')];
    expect((await refusal(registrar.persons.merge({ personId: x, intoPersonId: x, reason: 'r' }))).messageKey).toBe('error.merge.same');
    await registrar.persons.merge({ personId: y, intoPersonId: x, reason: 'r' });
    expect((await refusal(registrar.persons.merge({ personId: z, intoPersonId: y, reason: 'r' }))).messageKey).toBe('error.merge.targetMerged');
  });
});

describe('the register', () => {
  async function populated() {
    const c = await centre('2026-11-01T06:00:00Z');
    const registrar = await c.as('registrar');
    const people = [
      { names: { original: 'Иван Петров', latin: 'Ivan Petrov', aliases: [] }, nationalities: ['RUS'], term: 40 },
      { names: { original: 'زرمینه حسینی', latin: 'Zarmina Hosseini', aliases: [] }, nationalities: ['AFG'], term: 10 },
      { names: { original: 'Nodira Karimova', latin: 'Nodira Karimova', aliases: [] }, nationalities: ['UZB'], term: 20 },
    ];
    const ids: string[] = [];
    for (const [i, p] of people.entries()) {
      const input = intakeAt(c.clock.now, {}, { names: p.names, nationalities: p.nationalities });
      input.admission!.decision!.termEnd = iso(c.clock.now + p.term * day);
      ids.push((await registrar.intake.submit(input)).episodeId);
      if (i < people.length - 1) await c.advance(3 * day);
    }
    const code = deviceCode(c.inst.backend.installation.requireStore().device.deviceId);
    return { c, registrar, ids, code };
  }

  it('sorts by the nearest deadline and filters by nationality, name, days held and deadline status', async () => {
    const { c, registrar } = await populated();
    for (const e of (await registrar.register.list({})).rows) await completeFirstHour(registrar, e.episodeId, c.clock.now);
    const all = await registrar.register.list({ sort: 'deadline' });
    expect(all.rows.map((r) => r.nameLatin)).toEqual(['Zarmina Hosseini', 'Nodira Karimova', 'Ivan Petrov']);
    expect((await registrar.register.list({ nationality: 'AFG' })).rows.map((r) => r.nameLatin)).toEqual(['Zarmina Hosseini']);
    expect((await registrar.register.list({ query: 'Петров' })).rows.map((r) => r.nameLatin)).toEqual(['Ivan Petrov']);
    expect((await registrar.register.list({ minDaysHeld: 7 })).rows.map((r) => r.nameLatin)).toEqual(['Ivan Petrov']);
    expect((await registrar.register.list({ maxDaysHeld: 1 })).rows.map((r) => r.nameLatin)).toEqual(['Nodira Karimova']);
    expect((await registrar.register.list({ sort: 'name', direction: 'desc' })).rows.map((r) => r.nameLatin)).toEqual(['Zarmina Hosseini', 'Nodira Karimova', 'Ivan Petrov']);
    await c.advance(8 * day);
    const overdue = await registrar.register.list({ deadline: 'overdue' });
    expect(overdue.rows.map((r) => [r.nameLatin, r.state])).toEqual([['Zarmina Hosseini', 'RELEASE_DUE']]);
  });

  it('the register extract lists each admission in the columns of the register book', async () => {
    const { registrar, code } = await populated();
    const extract = await registrar.register.extract({ from: '2026-11-01', to: '2026-11-30' });
    expect(extract.facilityName).toBe('Baku Temporary Accommodation Centre');
    expect(extract.lines.map((l) => l.no)).toEqual([`${code}-1`, `${code}-2`, `${code}-3`]);
    expect(extract.lines[0]).toMatchObject({
      person: { nameLatin: 'Ivan Petrov', nationalities: ['RUS'] },
      documents: [{ type: 'passport', series: 'P', number: '0123456' }],
      decision: { issuingBody: 'Nasimi District Court', number: '2-1234/2026' },
      handover: { serviceId: 'MP-4471' },
    });
    expect(extract.lines[0]!.notes).toEqual([]);
    const early = await registrar.register.extract({ from: '2026-10-01', to: '2026-10-31' });
    expect(early.lines).toEqual([]);
    expect((await refusal(registrar.register.extract({ from: '2026-11-30', to: '2026-11-01' }))).fields?.to?.key).toBe('error.range.inverted');
  });
});

describe('register numbers', () => {
  it('each number is the device code and its count; the number sort follows what is shown; a line is found by its number', async () => {
    const c = await centre('2026-11-01T06:00:00Z');
    const registrar = await c.as('registrar');
    const code = deviceCode(c.inst.backend.installation.requireStore().device.deviceId);
    // Eleven admissions, so "-10" and "-11" must come after "-9", not after "-1".
    for (let i = 0; i < 11; i++) {
      await registrar.intake.submit(intakeAt(c.clock.now, {}, { names: { original: `Person ${i}`, latin: `Person ${i}`, aliases: [] } }));
      await c.advance(hour);
    }
    const up = (await registrar.register.list({ sort: 'registerNo', direction: 'asc' })).rows.map((r) => r.registerNo);
    expect(up).toEqual(Array.from({ length: 11 }, (_, i) => `${code}-${i + 1}`));
    expect([...up].sort(compareRegisterNo)).toEqual(up);
    const down = (await registrar.register.list({ sort: 'registerNo', direction: 'desc' })).rows.map((r) => r.registerNo);
    expect(down).toEqual([...up].reverse());
    expect((await registrar.register.list({ query: `${code.toLowerCase()}-10` })).rows.map((r) => r.nameLatin)).toEqual(['Person 9']);
    expect((await registrar.register.list({ query: '11' })).rows.map((r) => r.registerNo)).toEqual([`${code}-11`]);
    expect((await registrar.register.list({ query: '0000-11' })).total).toBe(code === '0000' ? 1 : 0);
  });

  it('someone held awaiting a decision shows (and sorts by) their person number until admitted', async () => {
    const c = await centre('2026-11-01T06:00:00Z');
    const registrar = await c.as('registrar');
    const code = deviceCode(c.inst.backend.installation.requireStore().device.deviceId);
    await registrar.intake.submit(intakeAt(c.clock.now));
    await registrar.persons.register({ details: { names: { original: 'Ana', latin: 'Ana' }, sex: 'female' } });
    const { personId } = await registrar.intake.submit(intakeAt(c.clock.now, { admission: undefined }, { names: { original: 'Bahrom', latin: 'Bahrom', aliases: [] } }));
    const rows = (await registrar.register.list({ sort: 'registerNo', direction: 'asc' })).rows;
    // Line 1 in the book; person 3 (Ana was person 2) not yet in the book.
    expect(rows.map((r) => [r.nameLatin, r.registerNo])).toEqual([
      ['Mukhammad Rakhimi', `${code}-1`],
      ['Bahrom', `${code}-3`],
    ]);
    expect((await registrar.persons.view({ personId })).person.registerNo).toBe(`${code}-3`);
    expect((await registrar.dueNow.list({})).items.find((i) => i.personId === personId)?.registerNo).toBe(`${code}-3`);
  });

  it('the book notes a transfer and a planned exit as facts, worded in the reader language by the screen', async () => {
    const c = await centre('2026-11-01T06:00:00Z');
    const registrar = await c.as('registrar');
    const { episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    await c.advance(2 * day);
    const handover = { body: 'SMS escort', officerPosition: 'Inspector', officerName: 'E. Məmmədov', serviceId: 'MP-4471', signed: true };
    await registrar.episodes.transfer({ episodeId, at: iso(c.clock.now), toFacilityName: 'Yevlakh centre', reason: 'Capacity', handover });
    await registrar.episodes.scheduleExit({ episodeId, plannedAt: iso(c.clock.now + 3 * day), plannedOutcome: 'released_decision' });
    const [line] = (await registrar.register.extract({ from: '2026-11-01', to: '2026-11-30' })).lines;
    expect(line!.notes).toEqual([
      { kind: 'transfer', at: iso(c.clock.now), toFacilityName: 'Yevlakh centre' },
      { kind: 'plannedExit', at: iso(c.clock.now + 3 * day), outcome: 'released_decision' },
    ]);
  });
});

describe('settings', () => {
  it('thresholds come from settings: changing the review interval moves the deadline, and the change is audited', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    await completeFirstHour(registrar, episodeId, c.clock.now);
    await c.inst.admin.settings.update({ changes: { periodicReviewDays: 12 } });
    const item = (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'periodic_review');
    expect(item?.dueAt).toBe(iso(c.clock.now + 12 * day));
    const row = (await registrar.register.list({})).rows[0]!;
    expect(row).toMatchObject({ nextDueKind: 'periodic_review', nextDueAt: iso(c.clock.now + 12 * day) });
    const { entries } = await c.inst.admin.audit.list({});
    expect(entries.map((e) => e.action)).toContain('settings.changed');
    expect((await refusal(registrar.settings.update({ changes: { screeningHours: 12 } }))).code).toBe('forbidden');
    expect((await refusal(c.inst.admin.settings.update({ changes: { periodicReviewDays: -1 } }))).fields?.['changes.periodicReviewDays']).toBeTruthy();
  });
});

describe('the log is the truth', () => {
  it('every register table rebuilt from the log is identical', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const head = await c.as('centre_head');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    await registrar.vulnerability.screen({ episodeId, screening: { at: iso(c.clock.now), traffickingIndicators: true, asylumWords: 'help', asylumWordsLanguage: 'en' } });
    const { referralId } = await registrar.vulnerability.refer({ episodeId, referral: { type: 'thb_nrm', reason: 'indicators' } });
    await registrar.vulnerability.progressReferral({ referralId, progress: { stage: 'sent', at: iso(c.clock.now) } });
    await registrar.vulnerability.assessAge({ personId, assessment: { at: iso(c.clock.now), method: 'interview', assessor: 'Social worker', minAge: 19, maxAge: 23 } });
    await head.episodes.recordNonRefoulementCheck({ episodeId, check: { at: iso(c.clock.now), result: 'not_cleared', basis: 'asylum pending' } });
    const ep = (await registrar.persons.view({ personId })).episodes[0]!;
    await registrar.episodes.correct({ episodeId, basedOn: ep.lastEventId, changes: { property: [{ item: 'Phone', quantity: 2 }] }, reason: 'Recount' });
    const store = c.inst.backend.installation.requireStore();
    const tables = ['persons', 'person_name_keys', 'person_events', 'documents', 'episodes', 'screenings', 'referrals', 'asylum_claims', 'age_assessments', 'guardians', 'nr_checks'];
    const snapshot = () => Object.fromEntries(tables.map((t) => [t, store.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
    const before = snapshot();
    store.rebuildProjections();
    const after = snapshot();
    for (const t of tables) expect(JSON.stringify(after[t], null, 1), t).toEqual(JSON.stringify(before[t], null, 1));
  });
});
