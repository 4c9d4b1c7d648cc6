import { describe, expect, it } from 'vitest';
import type { OutcomeType } from '../../../core/episode';
import type { ExitStep } from '../../../core/exits';
import { exitsFigures } from '../../../main/services/exits';
import { refusal, useCentre } from '../../helpers/centre';
import { day, hour, intakeAt } from '../../helpers/intake';

const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();
type Centre = Awaited<ReturnType<typeof centre>>;
const minute = 60_000;

/** Held with no property, so an exit meets the exit rules, not the property section's. */
const noProperty = (at: number, person = {}) => {
  const base = intakeAt(at, {}, person);
  return { ...base, admission: { ...base.admission!, property: [] } };
};

async function held(c: Centre, person = {}) {
  const registrar = await c.as('registrar');
  const { personId, episodeId } = await registrar.intake.submit(noProperty(c.clock.now, person));
  await c.advance(hour);
  return { registrar, head: await c.as('centre_head'), doctor: await c.as('medical_officer'), personId, episodeId };
}
type Held = Awaited<ReturnType<typeof held>>;

/** The examination before leaving (issue #15 §4), so a close meets only the exit rules under test. */
async function examined(c: Centre, h: Held) {
  await h.doctor.health.recordVisit({ episodeId: h.episodeId, visit: { kind: 'exit_exam', at: iso(c.clock.now), clinician: 'Dr. N. Həsənova', finding: 'Fit to travel' } });
}

async function plan(c: Centre, h: Held, outcome: OutcomeType) {
  await h.registrar.episodes.scheduleExit({ episodeId: h.episodeId, plannedAt: iso(c.clock.now + 5 * day), plannedOutcome: outcome });
}

const steps = {
  counselling: (at: number): ExitStep => ({ kind: 'counselling', at: iso(at), by: 'IOM Baku, L. Karimova', language: 'fa' }),
  consent: (at: number): ExitStep => ({ kind: 'consent', at: iso(at), language: 'fa', informed: true, understood: true, interpreter: 'A. Rahimi (Dari)' }),
  travelDocument: (at: number): ExitStep => ({ kind: 'travel_document', at: iso(at), type: 'emergency_travel_document', number: 'ETD-2026-118', issuedBy: 'Embassy of Afghanistan' }),
  departure: (at: number): ExitStep => ({ kind: 'departure', at: iso(at), place: 'Heydar Aliyev International Airport', flight: 'J2 123', escort: 'IOM escort' }),
  request: (at: number): ExitStep => ({ kind: 'readmission_request', at: iso(at), state: 'GEO', agreement: 'AZ–GE readmission agreement', reference: 'RA-77' }),
  acceptance: (at: number): ExitStep => ({ kind: 'readmission_acceptance', at: iso(at), reference: 'GE-ACC-12' }),
  handover: (at: number): ExitStep => ({ kind: 'handover', at: iso(at), place: 'Red Bridge border crossing', receivingOfficer: 'Cpt. G. Beridze' }),
  notice: (at: number): ExitStep => ({ kind: 'removal_notice', at: iso(at), language: 'fa', interpreter: 'A. Rahimi' }),
};

const removal = (type: OutcomeType, at: number) => ({
  type,
  at: iso(at),
  basis: 'Court decision 2-1234/2026',
  destinationCountry: 'AFG',
  receivingBody: 'State Border Service',
  receivingOfficer: 'Lt. A. Aliyev',
});

async function cleared(c: Centre, h: Held) {
  await h.head.episodes.recordNonRefoulementCheck({ episodeId: h.episodeId, check: { at: iso(c.clock.now), result: 'cleared', basis: 'Country report reviewed; no claim made' } });
}

describe('an exit pathway is opened by scheduling the exit and closed only with its steps on record', () => {
  it('an assisted voluntary return needs counselling, consent, a travel document and the departure; closing before is refused with the missing steps, and changes nothing', async () => {
    const c = await centre();
    const h = await held(c);
    await plan(c, h, 'avr_iom');
    await examined(c, h);
    await cleared(c, h);
    const before = c.count('events');
    const e = await refusal(h.registrar.episodes.close({ episodeId: h.episodeId, exit: removal('avr_iom', c.clock.now) }));
    expect(e.messageKey).toBe('error.exit.stepsMissing');
    expect(e.fields).toMatchObject({
      'exit.type': { key: 'error.exit.stepsMissing' },
      'exitSteps.counselling': { key: 'exits.step.counselling' },
      'exitSteps.consent': { key: 'exits.step.consent' },
      'exitSteps.travel_document': { key: 'exits.step.travel_document' },
      'exitSteps.departure': { key: 'exits.step.departure' },
    });
    expect(c.count('events')).toBe(before);
    const t = c.clock.now - 30 * minute;
    await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.counselling(t) });
    await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.consent(t + minute) });
    await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.travelDocument(t + 2 * minute) });
    const partly = await refusal(h.registrar.episodes.close({ episodeId: h.episodeId, exit: removal('avr_iom', c.clock.now) }));
    expect(Object.keys(partly.fields ?? {})).toEqual(['exit.type', 'exitSteps.departure']);
    await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.departure(t + 3 * minute) });
    await h.registrar.episodes.close({ episodeId: h.episodeId, exit: removal('avr_iom', c.clock.now) });
    const view = (await h.registrar.exits.view({ personId: h.personId })).episodes[0]!;
    expect(view.outcome).toBe('avr_iom');
    expect(view.steps.map((s) => [s.kind, s.status])).toEqual([
      ['counselling', 'done'],
      ['consent', 'done'],
      ['travel_document', 'done'],
      ['departure', 'done'],
    ]);
  });

  it('consent comes after counselling, is informed and understood; the departure comes after every other step', async () => {
    const c = await centre();
    const h = await held(c);
    await plan(c, h, 'avr_iom');
    const t = c.clock.now - 30 * minute;
    expect((await refusal(h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.consent(t) }))).messageKey).toBe('error.exit.stepOutOfOrder');
    await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.counselling(t) });
    const uninformed = await refusal(h.registrar.exits.recordStep({ episodeId: h.episodeId, step: { ...steps.consent(t + minute), informed: false } as ExitStep }));
    expect(uninformed.fields?.['step.informed']?.key).toBe('error.exit.consentNotInformed');
    const notUnderstood = await refusal(h.registrar.exits.recordStep({ episodeId: h.episodeId, step: { ...steps.consent(t + minute), understood: false } as ExitStep }));
    expect(notUnderstood.fields?.['step.understood']?.key).toBe('error.exit.consentNotUnderstood');
    expect((await refusal(h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.consent(t - minute) }))).fields?.['step.at']?.key).toBe('error.exit.stepBeforeEarlier');
    expect((await refusal(h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.departure(t + minute) }))).messageKey).toBe('error.exit.stepOutOfOrder');
    const waiting = (await h.registrar.exits.view({ personId: h.personId })).episodes[0]!.steps.map((s) => s.status);
    expect(waiting).toEqual(['done', 'missing', 'missing', 'waiting']);
  });

  it('a step needs a scheduled exit whose pathway has it, and a time neither in the future nor before the stay', async () => {
    const c = await centre();
    const h = await held(c);
    expect((await refusal(h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.counselling(c.clock.now) }))).messageKey).toBe('error.exit.noPathway');
    await plan(c, h, 'deported_readmission');
    expect((await refusal(h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.counselling(c.clock.now) }))).messageKey).toBe('error.exit.stepNotInPathway');
    expect((await refusal(h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.request(c.clock.now + day) }))).fields?.['step.at']?.key).toBe('error.time.inFuture');
    expect((await refusal(h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.request(c.clock.now - 10 * day) }))).fields?.['step.at']?.key).toBe('error.time.beforeEpisodeStart');
  });

  it('readmission: request, acceptance, travel document and handover, then the close', async () => {
    const c = await centre();
    const h = await held(c, { nationalities: ['GEO'] });
    await plan(c, h, 'deported_readmission');
    await examined(c, h);
    await cleared(c, h);
    const t = c.clock.now - 30 * minute;
    for (const [i, s] of [steps.request, steps.acceptance, steps.travelDocument, steps.handover].entries()) await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: s(t + i * minute) });
    await h.registrar.episodes.close({ episodeId: h.episodeId, exit: { ...removal('deported_readmission', c.clock.now), destinationCountry: 'GEO' } });
    expect((await h.registrar.exits.view({ personId: h.personId })).episodes[0]!.outcome).toBe('deported_readmission');
  });

  it('release by court order references the order; release on term expiry needs the protocol; regularisation needs the permit and the address', async () => {
    const c = await centre();
    const h = await held(c);
    await plan(c, h, 'released_decision');
    await examined(c, h);
    const release = { type: 'released_decision' as const, at: iso(c.clock.now), basis: 'Nasimi District Court' };
    expect((await refusal(h.registrar.episodes.close({ episodeId: h.episodeId, exit: release }))).fields?.['exitSteps.court_order']?.key).toBe('exits.step.court_order');
    await h.registrar.exits.recordStep({
      episodeId: h.episodeId,
      step: { kind: 'court_order', at: iso(c.clock.now - minute), court: 'Nasimi District Court', reference: '2-99/2026', decidedOn: iso(c.clock.now).slice(0, 10) },
    });
    await h.registrar.episodes.close({ episodeId: h.episodeId, exit: release });

    const r = await held(c, { names: { original: 'Ali Musa', latin: 'Ali Musa', aliases: [] } });
    await plan(c, r, 'regularised');
    await examined(c, r);
    await r.registrar.exits.recordStep({ episodeId: r.episodeId, step: { kind: 'residence_permit', at: iso(c.clock.now - minute), number: 'TRP-5521', validUntil: '2027-12-01' } });
    const regularised = { type: 'regularised' as const, at: iso(c.clock.now), basis: 'Temporary residence permit TRP-5521' };
    expect((await refusal(r.registrar.episodes.close({ episodeId: r.episodeId, exit: regularised }))).fields?.['exitSteps.registered_address']?.key).toBe('exits.step.registered_address');
    await r.registrar.exits.recordStep({ episodeId: r.episodeId, step: { kind: 'registered_address', at: iso(c.clock.now - minute), address: 'Baku, Yasamal district, 12 Şərifzadə street, apt. 4' } });
    await r.registrar.episodes.close({ episodeId: r.episodeId, exit: regularised });
    expect((await r.registrar.exits.view({ personId: r.personId })).episodes[0]!.outcome).toBe('regularised');
  });

  it('someone apprehended but never placed is released on the decision with no pathway to plan; once placed, the court order is owed again', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { personId, episodeId } = await registrar.intake.submit({ ...noProperty(c.clock.now), admission: undefined });
    await c.advance(hour);
    await registrar.episodes.close({ episodeId, exit: { type: 'released_decision', at: iso(c.clock.now), basis: 'The court refused the placement (case 2-41/2026)' } });
    const view = await registrar.exits.view({ personId });
    expect(view.episodes.find((e) => e.episodeId === episodeId)?.outcome).toBe('released_decision');

    const h = await held(c, { names: { original: 'Ali Musa', latin: 'Ali Musa', aliases: [] } });
    await examined(c, h);
    const release = { type: 'released_decision' as const, at: iso(c.clock.now), basis: 'Released by the court' };
    expect((await refusal(h.registrar.episodes.close({ episodeId: h.episodeId, exit: release }))).messageKey).toBe('error.exit.stepsMissing');
  });

  it('release on term expiry: the protocol is a step; the term must have ended', async () => {
    const c = await centre();
    const h = await held(c);
    await c.advance(30 * day);
    await h.registrar.episodes.scheduleExit({ episodeId: h.episodeId, plannedAt: iso(c.clock.now), plannedOutcome: 'released_term_expired' });
    await examined(c, h);
    const exit = { type: 'released_term_expired' as const, at: iso(c.clock.now), basis: 'Release protocol' };
    expect((await refusal(h.registrar.episodes.close({ episodeId: h.episodeId, exit }))).fields?.['exitSteps.release_protocol']?.key).toBe('exits.step.release_protocol');
    await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: { kind: 'release_protocol', at: iso(c.clock.now - minute), number: 'RP-17' } });
    await h.registrar.episodes.close({ episodeId: h.episodeId, exit });
  });
});

describe('removal: the notice and the period to leave (48 h, a setting)', () => {
  async function noticed(c: Centre) {
    const h = await held(c);
    await plan(c, h, 'expelled');
    await examined(c, h);
    await cleared(c, h);
    const servedAt = c.clock.now - minute;
    await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.notice(servedAt) });
    return { ...h, servedAt };
  }

  it('the departure and the close are refused one moment before the 48 hours have run, and accepted at the 48th hour', async () => {
    const c = await centre();
    const h = await noticed(c);
    await c.advance(48 * hour);
    const end = h.servedAt + 48 * hour;
    const early = await refusal(h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.departure(end - 1000) }));
    expect(early.messageKey).toBe('error.exit.removalPeriodRunning');
    expect(early.params).toEqual({ until: iso(end) });
    await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.departure(end) });
    expect((await refusal(h.registrar.episodes.close({ episodeId: h.episodeId, exit: removal('expelled', end - 1000) }))).fields?.['exit.at']?.key).toBe('error.exit.removalPeriodRunning');
    await h.registrar.episodes.close({ episodeId: h.episodeId, exit: removal('expelled', end) });
  });

  it('the period is a setting: at 72 hours, the 48th hour is too early', async () => {
    const c = await centre();
    const admin = c.inst.admin;
    await admin.settings.update({ changes: { removalLeaveHours: 72 } });
    const h = await noticed(c);
    await c.advance(72 * hour);
    expect((await refusal(h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.departure(h.servedAt + 48 * hour) }))).messageKey).toBe('error.exit.removalPeriodRunning');
    await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.departure(h.servedAt + 72 * hour) });
  });

  it('on the due-now board the removal is owed once the period has run: not before, due at its end, overdue a moment after', async () => {
    const c = await centre();
    const h = await noticed(c);
    const kinds = async () => (await h.registrar.dueNow.list({ includeUpcoming: true })).items.filter((i) => i.kind === 'removal_period').map((i) => i.status);
    expect(await kinds()).toEqual(['due']);
    await c.advance(48 * hour - minute);
    expect(await kinds()).toEqual(['due']);
    await c.advance(minute + 1000);
    expect(await kinds()).toEqual(['overdue']);
  });
});

describe('the non-refoulement lock still blocks every removal pathway', () => {
  for (const [outcome, pathwaySteps] of [
    ['expelled', [steps.notice]],
    ['deported_readmission', [steps.request, steps.acceptance, steps.travelDocument]],
    ['avr_iom', [steps.counselling, steps.consent, steps.travelDocument]],
  ] as const) {
    it(`${outcome}: every step on record, and still refused without a cleared check; allowed once cleared`, async () => {
      const c = await centre();
      const h = await held(c);
      await plan(c, h, outcome);
      await examined(c, h);
      const t = c.clock.now - 30 * minute;
      for (const [i, s] of pathwaySteps.entries()) await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: s(t + i * minute) });
      await c.advance(49 * hour);
      const last = outcome === 'deported_readmission' ? steps.handover : steps.departure;
      await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: last(c.clock.now - minute) });
      const locked = await refusal(h.registrar.episodes.close({ episodeId: h.episodeId, exit: removal(outcome, c.clock.now) }));
      expect(locked.messageKey).toBe('error.exit.removalLocked');
      expect(locked.params).toEqual({ reasons: 'no_check' });
      await cleared(c, h);
      await h.registrar.episodes.close({ episodeId: h.episodeId, exit: removal(outcome, c.clock.now) });
    });
  }

  it('an asylum seeker is not removed, whatever steps were recorded', async () => {
    const c = await centre();
    const h = await held(c);
    await plan(c, h, 'expelled');
    await examined(c, h);
    await cleared(c, h);
    await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.notice(c.clock.now - minute) });
    await h.registrar.asylum.express({
      personId: h.personId,
      episodeId: h.episodeId,
      expression: { at: iso(c.clock.now), place: 'centre', words: 'I cannot go back, I will be killed', language: 'fa' },
    });
    await c.advance(49 * hour);
    await h.registrar.exits.recordStep({ episodeId: h.episodeId, step: steps.departure(c.clock.now - minute) });
    expect((await refusal(h.registrar.episodes.close({ episodeId: h.episodeId, exit: removal('expelled', c.clock.now) }))).messageKey).toBe('error.exit.removalLocked');
  });
});

describe('outcomes that are no longer a new exit', () => {
  it('a hospital transfer is refused when scheduled or closed, pointing to the hospital stay; nothing is recorded', async () => {
    const c = await centre();
    const h = await held(c);
    const before = c.count('events');
    const scheduled = await refusal(h.registrar.episodes.scheduleExit({ episodeId: h.episodeId, plannedAt: iso(c.clock.now + day), plannedOutcome: 'transferred_hospital' }));
    expect(scheduled.fields?.plannedOutcome?.key).toBe('error.exit.hospitalIsAStay');
    const closed = await refusal(
      h.registrar.episodes.close({
        episodeId: h.episodeId,
        exit: { type: 'transferred_hospital', at: iso(c.clock.now), basis: 'Ambulance', receivingBody: 'City hospital 1', receivingOfficer: 'Dr. K' },
      }),
    );
    expect(closed.messageKey).toBe('error.exit.hospitalIsAStay');
    expect(c.count('events')).toBe(before);
  });

  it('an episode closed to hospital before this change still reads, with its outcome', async () => {
    const c = await centre();
    const h = await held(c);
    // An event recorded by an older version of the app, as a device's log holds it.
    const store = c.inst.backend.installation.requireStore();
    store.command({ userId: 'older-app' }, 'episodes.close', (tx) =>
      tx.append({
        type: 'episode.closed',
        entityId: h.episodeId,
        payload: { exit: { type: 'transferred_hospital', at: iso(c.clock.now), basis: 'Ambulance', receivingBody: 'City hospital 1', receivingOfficer: 'Dr. K' } },
      }),
    );
    expect((await h.registrar.exits.view({ personId: h.personId })).episodes[0]).toMatchObject({ outcome: 'transferred_hospital', state: 'CLOSED', steps: [] });
    expect((await h.registrar.persons.view({ personId: h.personId })).episodes[0]!.exit?.type).toBe('transferred_hospital');
  });

  it('a death is not closed as an outcome: it is recorded as a death in custody', async () => {
    const c = await centre();
    const h = await held(c);
    expect((await refusal(h.registrar.episodes.close({ episodeId: h.episodeId, exit: { type: 'died', at: iso(c.clock.now), basis: 'x' } }))).messageKey).toBe('error.exit.useDeathRecord');
  });
});

describe("a trafficking victim's residence permit is protection data", () => {
  it('only a holder of protection.read plans it and records it; others see the step as restricted, without its details', async () => {
    const c = await centre();
    const h = await held(c);
    const duty = await c.as('duty_officer');
    expect((await refusal(duty.episodes.scheduleExit({ episodeId: h.episodeId, plannedAt: iso(c.clock.now + day), plannedOutcome: 'thb_residence_permit' }))).messageKey).toBe('error.exit.restricted');
    await h.head.episodes.scheduleExit({ episodeId: h.episodeId, plannedAt: iso(c.clock.now + day), plannedOutcome: 'thb_residence_permit' });
    const permit: ExitStep = { kind: 'thb_permit', at: iso(c.clock.now - minute), number: 'THB-TRP-9', validUntil: '2027-06-01' };
    expect((await refusal(duty.exits.recordStep({ episodeId: h.episodeId, step: permit }))).code).toBe('forbidden');
    await h.head.exits.recordStep({ episodeId: h.episodeId, step: permit });
    expect((await duty.exits.view({ personId: h.personId })).episodes[0]!.steps).toEqual([
      { kind: 'thb_permit', status: 'restricted', at: null, recordedAt: expect.any(String), recordedBy: expect.anything(), details: null },
    ]);
    expect((await h.head.exits.view({ personId: h.personId })).episodes[0]!.steps[0]).toMatchObject({ status: 'done', details: { number: 'THB-TRP-9' } });
    await examined(c, h);
    await h.head.episodes.close({ episodeId: h.episodeId, exit: { type: 'thb_residence_permit', at: iso(c.clock.now), basis: 'Permit THB-TRP-9' } });
  });
});

describe('exit pending past its planned date', () => {
  it('is due until the planned time and overdue a moment after', async () => {
    const c = await centre();
    const h = await held(c);
    await h.registrar.episodes.scheduleExit({ episodeId: h.episodeId, plannedAt: iso(c.clock.now + day), plannedOutcome: 'released_decision' });
    const status = async () => (await h.registrar.dueNow.list({ includeUpcoming: true })).items.filter((i) => i.kind === 'exit_planned').map((i) => i.status);
    expect(await status()).toEqual(['upcoming']);
    await c.advance(day);
    expect(await status()).toEqual(['due']);
    await c.advance(1000);
    expect(await status()).toEqual(['overdue']);
    expect((await h.registrar.exits.view({ personId: h.personId })).episodes[0]!.steps[0]!.status).toBe('overdue');
  });
});

const death = (at: number, familyKnown = true) => ({
  diedAt: iso(at),
  place: 'Block B, room 12',
  circumstances: 'Found unresponsive at the morning count; resuscitation by the duty nurse failed.',
  foundBy: 'Duty officer R. Hüseynov',
  foundAt: iso(at),
  certificate: { doctor: 'Dr. S. Əliyeva', number: 'DC-2026-031', cause: 'Acute myocardial infarction (provisional)' },
  familyKnown,
});

describe('a death in custody', () => {
  it('closes the stay with outcome died, and the notifications and the body stay owed on the due-now board', async () => {
    const c = await centre();
    const h = await held(c);
    const diedAt = c.clock.now - 20 * minute;
    await h.registrar.exits.recordDeath({ episodeId: h.episodeId, death: death(diedAt) });
    const view = await h.registrar.persons.view({ personId: h.personId });
    expect(view.episodes[0]).toMatchObject({ state: 'CLOSED', exit: { type: 'died' } });
    const board = async () =>
      (await h.registrar.dueNow.list({ includeUpcoming: true })).items
        .filter((i) => i.episodeId === h.episodeId)
        .map((i) => `${i.kind}:${i.status}`)
        .sort();
    expect(await board()).toEqual(['body_unclaimed:due', 'death_notify_consul:due', 'death_notify_family:due', 'death_notify_ombudsman:due', 'death_notify_prosecutor:due']);
    // "Immediately": the prosecutor within the hour [D]: due at it, overdue after it.
    await c.advance(diedAt + hour - c.clock.now);
    expect(await board()).toContain('death_notify_prosecutor:due');
    await c.advance(1000);
    expect(await board()).toContain('death_notify_prosecutor:overdue');
    await h.registrar.exits.recordDeathNotification({
      episodeId: h.episodeId,
      notification: { recipient: 'prosecutor', at: iso(c.clock.now), toWhom: 'Nasimi district prosecutor, duty officer', channel: 'phone', reference: 'PR-88' },
    });
    expect(await board()).not.toContain('death_notify_prosecutor:overdue');
    await c.advance(diedAt + 24 * hour - c.clock.now);
    expect(await board()).toContain('death_notify_family:due');
    await c.advance(1000);
    expect(await board()).toEqual(['body_unclaimed:due', 'death_notify_consul:overdue', 'death_notify_family:overdue', 'death_notify_ombudsman:overdue']);
    const table = (await h.registrar.exits.view({ personId: h.personId })).episodes[0]!.death!.notifications.map((n) => [n.recipient, n.status]);
    expect(table).toEqual([
      ['family', 'overdue'],
      ['consul', 'overdue'],
      ['prosecutor', 'notified'],
      ['ombudsman', 'overdue'],
    ]);
  });

  it('no family known: no family obligation', async () => {
    const c = await centre();
    const h = await held(c);
    await h.registrar.exits.recordDeath({ episodeId: h.episodeId, death: death(c.clock.now - minute, false) });
    const kinds = (await h.registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind);
    expect(kinds).not.toContain('death_notify_family');
    expect(kinds).toContain('death_notify_ombudsman');
  });

  it('for an asylum seeker the consul is no obligation, and telling the consul is refused without consent', async () => {
    const c = await centre();
    const h = await held(c);
    await h.registrar.asylum.express({
      personId: h.personId,
      episodeId: h.episodeId,
      expression: { at: iso(c.clock.now - 30 * minute), place: 'centre', words: 'I ask for protection', language: 'fa' },
    });
    await h.registrar.exits.recordDeath({ episodeId: h.episodeId, death: death(c.clock.now - minute) });
    const kinds = (await h.registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind);
    expect(kinds).not.toContain('death_notify_consul');
    const before = c.count('events');
    const e = await refusal(
      h.registrar.exits.recordDeathNotification({ episodeId: h.episodeId, notification: { recipient: 'consul', at: iso(c.clock.now), toWhom: 'Consul of AFG', channel: 'diplomatic_note' } }),
    );
    expect(e.messageKey).toBe('error.death.consulBlocked');
    expect(c.count('events')).toBe(before);
    expect((await h.registrar.exits.view({ personId: h.personId })).episodes[0]!.death!.notifications.find((n) => n.recipient === 'consul')!.status).toBe('not_owed');
  });

  it('an unclaimed body: state burial is refused before the seventh day, accepted at it; the obligation is due until then and overdue after', async () => {
    const c = await centre();
    const h = await held(c);
    const diedAt = c.clock.now - minute;
    await h.registrar.exits.recordDeath({ episodeId: h.episodeId, death: death(diedAt) });
    const body = async () => (await h.registrar.dueNow.list({ includeUpcoming: true })).items.filter((i) => i.kind === 'body_unclaimed').map((i) => i.status);
    const burial = (at: number) => ({ kind: 'state_burial' as const, at: iso(at), place: 'Baku, Binəqədi cemetery, plot 14', arrangedBy: 'Centre administration with the municipality' });
    await c.advance(diedAt + 7 * day - c.clock.now);
    expect(await body()).toEqual(['due']);
    const early = await refusal(h.registrar.exits.recordBody({ episodeId: h.episodeId, body: burial(diedAt + 7 * day - 1000) }));
    expect(early.messageKey).toBe('error.death.burialTooEarly');
    await c.advance(1000);
    expect(await body()).toEqual(['overdue']);
    await h.registrar.exits.recordBody({ episodeId: h.episodeId, body: burial(diedAt + 7 * day) });
    expect(await body()).toEqual([]);
    expect((await refusal(h.registrar.exits.recordBody({ episodeId: h.episodeId, body: burial(c.clock.now) }))).messageKey).toBe('error.death.bodyAlreadyRecorded');
  });

  it('a body claimed by the family ends the obligation at any time', async () => {
    const c = await centre();
    const h = await held(c);
    await h.registrar.exits.recordDeath({ episodeId: h.episodeId, death: death(c.clock.now - hour) });
    await h.registrar.exits.recordBody({ episodeId: h.episodeId, body: { kind: 'claimed', at: iso(c.clock.now), by: 'Brother, Ahmad Rahimi', relationship: 'brother' } });
    expect((await h.registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind)).not.toContain('body_unclaimed');
    expect((await h.registrar.exits.view({ personId: h.personId })).episodes[0]!.death!.body).toMatchObject({ kind: 'claimed', by: 'Brother, Ahmad Rahimi' });
  });

  it('is refused for a closed stay, in the future, or found before it happened; a notification before the death is refused', async () => {
    const c = await centre();
    const h = await held(c);
    expect((await refusal(h.registrar.exits.recordDeath({ episodeId: h.episodeId, death: death(c.clock.now + day) }))).fields?.['death.diedAt']?.key).toBe('error.time.inFuture');
    expect(
      (await refusal(h.registrar.exits.recordDeath({ episodeId: h.episodeId, death: { ...death(c.clock.now - hour), foundAt: iso(c.clock.now - 2 * hour) } }))).fields?.['death.foundAt']?.key,
    ).toBe('error.death.foundBeforeDeath');
    expect(
      (await refusal(h.registrar.exits.recordDeathNotification({ episodeId: h.episodeId, notification: { recipient: 'ombudsman', at: iso(c.clock.now), toWhom: 'x', channel: 'phone' } }))).messageKey,
    ).toBe('error.death.notRecorded');
    await h.registrar.exits.recordDeath({ episodeId: h.episodeId, death: death(c.clock.now - hour) });
    expect((await refusal(h.registrar.exits.recordDeath({ episodeId: h.episodeId, death: death(c.clock.now - hour) }))).messageKey).toBe('error.episode.wrongState');
    expect(
      (await refusal(h.registrar.exits.recordDeathNotification({ episodeId: h.episodeId, notification: { recipient: 'ombudsman', at: iso(c.clock.now - 2 * hour), toWhom: 'x', channel: 'phone' } })))
        .fields?.['notification.at']?.key,
    ).toBe('error.death.beforeDeath');
  });

  it('every read of the exit card is audited, and the death events are in the timeline', async () => {
    const c = await centre();
    const h = await held(c);
    await h.registrar.exits.recordDeath({ episodeId: h.episodeId, death: death(c.clock.now - hour) });
    await h.registrar.exits.view({ personId: h.personId });
    const store = c.inst.backend.installation.requireStore();
    expect(store.sqlite.prepare("SELECT action, entity_id FROM audit_log WHERE method = 'exits.view'").all()).toEqual([{ action: 'read', entity_id: h.personId }]);
    const types = (await h.registrar.persons.view({ personId: h.personId })).history.map((x) => x.type);
    expect(types).toEqual(expect.arrayContaining(['death.recorded', 'episode.closed']));
  });
});

describe('exitsFigures', () => {
  it('counts the period’s exits by outcome and pathway, removals by type, deaths and their notifications on time or late, and unclaimed bodies now', async () => {
    const c = await centre();
    const a = await held(c);
    await plan(c, a, 'released_decision');
    await examined(c, a);
    await a.registrar.exits.recordStep({
      episodeId: a.episodeId,
      step: { kind: 'court_order', at: iso(c.clock.now - minute), court: 'Nasimi District Court', reference: '2-1/2026', decidedOn: iso(c.clock.now).slice(0, 10) },
    });
    await a.registrar.episodes.close({ episodeId: a.episodeId, exit: { type: 'released_decision', at: iso(c.clock.now), basis: 'Court' } });
    const b = await held(c, { names: { original: 'B', latin: 'B', aliases: [] } });
    const diedAt = c.clock.now - hour;
    await b.registrar.exits.recordDeath({ episodeId: b.episodeId, death: death(diedAt) });
    await b.registrar.exits.recordDeathNotification({ episodeId: b.episodeId, notification: { recipient: 'prosecutor', at: iso(c.clock.now - 30 * minute), toWhom: 'Prosecutor', channel: 'phone' } });
    await c.advance(2 * day);
    await b.registrar.exits.recordDeathNotification({ episodeId: b.episodeId, notification: { recipient: 'ombudsman', at: iso(c.clock.now), toWhom: 'Ombudsman office', channel: 'email' } });
    const today = iso(c.clock.now).slice(0, 10);
    const f = exitsFigures(c.inst.backend.installation.requireStore(), '2026-11-01', today);
    expect(f).toMatchObject({
      exits: 2,
      byOutcome: { released_decision: 1, died: 1 },
      byPathway: { release_court: 1 },
      removals: { expelled: 0, readmission: 0, avr_iom: 0, voluntary_departure: 0 },
      deaths: 1,
      notifications: { onTime: 1, late: 1, notYet: 2 },
      bodies: { claimed: 0, stateBurial: 0 },
      unclaimedNow: 1,
    });
    expect(exitsFigures(c.inst.backend.installation.requireStore(), '2026-10-01', '2026-10-31')).toMatchObject({ exits: 0, deaths: 0, unclaimedNow: 1 });
  });
});
