import { describe, expect, it } from 'vitest';
import { refusal, useCentre } from '../../../helpers/centre';
import { day, hour, intakeAt } from '../../../helpers/intake';
import { examinedBeforeLeaving } from '../../../helpers/health';
import { readyToLeave } from '../../../helpers/exits';
import { propertyReturned } from '../../../helpers/property';

const centre = useCentre();

const removal = (at: number) => ({
  type: 'expelled' as const,
  at: new Date(at).toISOString(),
  basis: 'Court decision on administrative expulsion No. 5-77/2026',
  receivingBody: 'State Border Service',
  receivingOfficer: 'Lt. K. Hüseynov',
  destinationCountry: 'AFG',
});

describe('the non-refoulement lock', () => {
  it('a removal is refused while an asylum claim is pending, and nothing is saved', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    await (
      await c.as('duty_officer')
    ).asylum.express({ personId, episodeId, expression: { at: new Date(c.clock.now).toISOString(), place: 'centre', words: 'من می‌خواهم پناهنده شوم', language: 'fa' } });
    const events = c.count('events');
    const e = await refusal(registrar.episodes.close({ episodeId, exit: removal(c.clock.now) }));
    expect(e.messageKey).toBe('error.exit.removalLocked');
    expect(e.fields?.['exit.type']?.key).toBe('error.exit.removalLocked');
    expect(c.count('events')).toBe(events);
    const view = await registrar.persons.view({ personId });
    expect(view.episodes[0]?.removalLocks).toEqual(expect.arrayContaining(['asylum_pending', 'no_check']));
  });

  it('a removal is refused without a cleared non-refoulement check, and allowed after one', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const head = await c.as('centre_head');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    expect((await refusal(registrar.episodes.close({ episodeId, exit: removal(c.clock.now) }))).messageKey).toBe('error.exit.removalLocked');
    const notCleared = await refusal(registrar.episodes.recordNonRefoulementCheck({ episodeId, check: { at: new Date(c.clock.now).toISOString(), result: 'cleared', basis: 'x' } }));
    expect(notCleared.code).toBe('forbidden');
    await head.episodes.recordNonRefoulementCheck({
      episodeId,
      check: { at: new Date(c.clock.now).toISOString(), result: 'cleared', basis: 'Country information reviewed; no asylum claim; no risk indicators.' },
    });
    // The removal's notice, and its departure once the period to leave has run (issue #15 §6).
    await readyToLeave(registrar, episodeId, 'expelled', c.clock.now, ['removal_notice']);
    await c.advance(48 * hour);
    await readyToLeave(registrar, episodeId, 'expelled', c.clock.now, ['departure']);
    await examinedBeforeLeaving(await c.as('medical_officer'), episodeId, c.clock.now);
    await propertyReturned(registrar, personId, episodeId, c.clock.now);
    await registrar.episodes.close({ episodeId, exit: removal(c.clock.now) });
  });

  it('a refugee cannot be removed even with an old cleared check', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const head = await c.as('centre_head');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now, { admission: { ...intakeAt(c.clock.now).admission!, regime: 'voluntary_protection' } }));
    await head.episodes.recordNonRefoulementCheck({ episodeId, check: { at: new Date(c.clock.now).toISOString(), result: 'cleared', basis: 'initial' } });
    await c.advance(hour);
    const { claimId } = await registrar.asylum.express({
      personId,
      episodeId,
      expression: { at: new Date(c.clock.now).toISOString(), place: 'border', words: 'I ask for protection', language: 'en' },
    });
    const at = () => new Date(c.clock.now).toISOString();
    await registrar.asylum.forward({ claimId, forward: { at: at(), reference: 'RSD-2026-001' } });
    await registrar.asylum.updateStatus({ claimId, change: { status: 'REGISTERED', at: at() } });
    await registrar.asylum.updateStatus({ claimId, change: { status: 'FINAL', at: at(), decision: 'granted' } });
    expect((await registrar.persons.view({ personId })).flags).toContain('refugee');
    const e = await refusal(registrar.episodes.close({ episodeId, exit: removal(c.clock.now) }));
    expect(e.messageKey).toBe('error.exit.removalLocked');
  });

  it('only the centre head may override the lock, with a documented legal review that the audit shows', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const head = await c.as('centre_head');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    const override = {
      reviewReference: 'LR-2026-014',
      reviewedBy: 'Legal department, N. Sadıqova',
      reasoning: 'Travel document verified; no protection need identified after interview with interpreter.',
    };
    expect((await refusal(registrar.episodes.close({ episodeId, exit: removal(c.clock.now), override }))).messageKey).toBe('error.exit.overrideNotAllowed');
    await readyToLeave(registrar, episodeId, 'expelled', c.clock.now, ['removal_notice']);
    await c.advance(48 * hour);
    await readyToLeave(registrar, episodeId, 'expelled', c.clock.now, ['departure']);
    await examinedBeforeLeaving(await c.as('medical_officer'), episodeId, c.clock.now);
    await propertyReturned(registrar, personId, episodeId, c.clock.now);
    await head.episodes.close({ episodeId, exit: removal(c.clock.now), override });
    const { entries } = await head.audit.list({ entityId: personId });
    expect(entries.map((e) => e.action)).toContain('removal.override');
    expect((await head.persons.view({ personId })).episodes[0]?.override?.reviewReference).toBe('LR-2026-014');
  });
});

describe('the episode over time', () => {
  it('at the end of the term with no extension the episode is RELEASE_DUE with an overdue release protocol', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { personId } = await registrar.intake.submit(intakeAt(c.clock.now));
    await c.advance(30 * day + hour);
    const view = await registrar.persons.view({ personId });
    expect(view.episodes[0]?.state).toBe('RELEASE_DUE');
    expect(view.episodes[0]?.obligations).toContainEqual(expect.objectContaining({ kind: 'release_protocol', status: 'overdue' }));
    const due = await registrar.dueNow.list({});
    expect(due.items).toContainEqual(expect.objectContaining({ kind: 'release_protocol', status: 'overdue', personId }));
    expect(due.items.map((i) => i.kind)).not.toContain('term_end');
  });

  it('warns five working days before the term ends, skipping weekends and holidays from settings', async () => {
    // Term ends Friday 2026-12-18 06:00 UTC; 5 working days before, with Wed 16 Dec a holiday: Thu 10 Dec.
    const c = await centre('2026-11-23T06:00:00Z');
    const registrar = await c.as('registrar');
    await c.inst.admin.settings.update({ changes: { holidays: ['2026-12-16'] } });
    const input = intakeAt(c.clock.now);
    input.admission!.decision!.termEnd = '2026-12-18T06:00:00.000Z';
    const { personId } = await registrar.intake.submit(input);
    await c.advance(Date.parse('2026-12-09T19:00:00Z') - c.clock.now); // Wed 9 Dec, 23:00 in Baku
    let termEnd = (await registrar.persons.view({ personId })).episodes[0]!.obligations.find((o) => o.kind === 'term_end');
    expect(termEnd?.status).toBe('upcoming');
    await c.advance(2 * hour); // Thu 10 Dec, 01:00 in Baku
    termEnd = (await registrar.persons.view({ personId })).episodes[0]!.obligations.find((o) => o.kind === 'term_end');
    expect(termEnd?.status).toBe('due');
  });

  it('an extension moves the term end and the episode is active again', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    const decision = intakeAt(c.clock.now).admission!.decision!;
    await registrar.episodes.requestExtension({ episodeId, at: new Date(c.clock.now).toISOString(), note: 'Travel document awaited' });
    expect((await registrar.persons.view({ personId })).episodes[0]?.state).toBe('EXTENSION_PENDING');
    const notLater = await refusal(registrar.episodes.extend({ episodeId, decision: { ...decision, termEnd: decision.termEnd } }));
    expect(notLater.fields?.['decision.termEnd']?.key).toBe('error.episode.extensionNotLater');
    const later = new Date(Date.parse(decision.termEnd) + 30 * day).toISOString();
    await registrar.episodes.extend({ episodeId, decision: { ...decision, number: '2-1300/2026', termEnd: later } });
    const ep = (await registrar.persons.view({ personId })).episodes[0]!;
    expect(ep).toMatchObject({ state: 'ACTIVE' });
    expect(ep.decision?.termEnd).toBe(decision.termEnd);
    expect(ep.extensions.map((x) => x.termEnd)).toEqual([later]);
    await c.advance(35 * day);
    expect((await registrar.persons.view({ personId })).episodes[0]?.state).toBe('ACTIVE');
  });

  it('a periodic review falls due after the configured days and is satisfied by recording one', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    await c.inst.admin.settings.update({ changes: { periodicReviewDays: 10 } });
    await c.advance(10 * day + hour);
    const kinds = async () => (await registrar.dueNow.list({})).items.filter((i) => i.status === 'overdue').map((i) => i.kind);
    expect(await kinds()).toContain('periodic_review');
    await registrar.episodes.review({ episodeId, at: new Date(c.clock.now).toISOString(), conclusion: 'continue' });
    expect(await kinds()).not.toContain('periodic_review');
  });

  it('release on expiry before the term has ended is refused; after it, the episode closes', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    const exit = (at: number) => ({ type: 'released_term_expired' as const, at: new Date(at).toISOString(), basis: 'Release protocol' });
    expect((await refusal(registrar.episodes.close({ episodeId, exit: exit(c.clock.now) }))).messageKey).toBe('error.exit.termNotExpired');
    await c.advance(31 * day);
    await examinedBeforeLeaving(await c.as('medical_officer'), episodeId, c.clock.now);
    await readyToLeave(registrar, episodeId, 'released_term_expired', c.clock.now);
    await propertyReturned(registrar, personId, episodeId, c.clock.now);
    await registrar.episodes.close({ episodeId, exit: exit(c.clock.now) });
    const view = await registrar.persons.view({ personId });
    expect(view.episodes[0]).toMatchObject({ state: 'CLOSED', obligations: [] });
    expect((await registrar.register.list({})).total).toBe(0);
    expect((await registrar.register.list({ includeClosed: true })).total).toBe(1);
  });

  it('a transfer needs a complete handover and keeps the episode open at the new centre', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    const handover = { body: 'Escort unit', officerPosition: 'Sergeant', officerName: 'A. Babayev', serviceId: '', signed: true };
    expect(
      (await refusal(registrar.episodes.transfer({ episodeId, at: new Date(c.clock.now).toISOString(), toFacilityName: 'Yevlakh centre', reason: 'Capacity', handover }))).fields?.[
        'handover.serviceId'
      ]?.key,
    ).toBe('error.field.required');
    await registrar.episodes.transfer({ episodeId, at: new Date(c.clock.now).toISOString(), toFacilityName: 'Yevlakh centre', reason: 'Capacity', handover: { ...handover, serviceId: 'EU-118' } });
    const ep = (await registrar.persons.view({ personId })).episodes[0]!;
    expect(ep).toMatchObject({ facilityName: 'Yevlakh centre', state: 'ACTIVE' });
    expect(ep.transfers[0]?.fromFacilityName).toBe('Baku Temporary Accommodation Centre');
  });
});
