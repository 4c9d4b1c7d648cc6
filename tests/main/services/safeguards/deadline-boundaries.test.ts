import { describe, expect, it } from 'vitest';
import { useCentre } from '../../../helpers/centre';
import { day, hour, intakeAt } from '../../../helpers/intake';

/**
 * Issue #11 §4: every deadline on both sides of its boundary. At the due time itself an item is still
 * "due" (the last moment in time, as compliance counts "within"); one minute later it is "overdue".
 */
const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();
const minute = 60_000;

type Centre = Awaited<ReturnType<ReturnType<typeof useCentre>>>;

/** Moves the clock to an instant (forward only) and says the status of one kind on the board. */
async function statusAt(c: Centre, at: number, kind: string): Promise<string | undefined> {
  await c.advance(at - c.clock.now);
  const registrar = await c.as('registrar');
  return (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === kind)?.status;
}

/** Apprehended and admitted at the same instant (now), so every clock starts at a known point. */
function admittedNow(at: number, overrides: Parameters<typeof intakeAt>[1] = {}) {
  const base = intakeAt(at);
  return intakeAt(at, { apprehension: { ...base.apprehension, at: iso(at) }, ...overrides });
}

async function expectBoundary(c: Centre, due: number, kind: string, before = minute) {
  expect(await statusAt(c, due - before, kind)).toBe('due');
  expect(await statusAt(c, due, kind)).toBe('due');
  expect(await statusAt(c, due + minute, kind)).toBe('overdue');
}

describe('deadlines on both sides of their boundary (issue #11 §4)', () => {
  it('the consulate must be informed within the hour: due one minute before and at the hour, overdue one minute after', async () => {
    const c = await centre();
    const start = c.clock.now;
    await (await c.as('registrar')).intake.submit(admittedNow(start));
    await expectBoundary(c, start + hour, 'consular_inform');
  });

  it('a ready consular notice must be sent within 24 hours: due one minute before and at the time, overdue one minute after', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const start = c.clock.now;
    const { episodeId } = await registrar.intake.submit(admittedNow(start));
    await registrar.safeguards.openConsular({ episodeId, open: { states: ['AFG'], informedAt: iso(start), wish: 'requests' } });
    await expectBoundary(c, start + 24 * hour, 'consular_send');
  });

  it('a defender must be in contact within 24 hours of apprehension: due one minute before and at the time, overdue one minute after', async () => {
    const c = await centre();
    const start = c.clock.now;
    await (await c.as('registrar')).intake.submit(admittedNow(start));
    await expectBoundary(c, start + 24 * hour, 'defender_contact');
  });

  it('the medical examination is owed within 24 hours of admission: due one minute before and at the time, overdue one minute after', async () => {
    const c = await centre();
    const start = c.clock.now;
    const base = admittedNow(start);
    await (await c.as('registrar')).intake.submit({ ...base, admission: { ...base.admission!, medical: undefined } });
    await expectBoundary(c, start + 24 * hour, 'medical_check');
  });

  it('a voluntary stay ends after three months: coming up before the warning, due a day before and on the day, overdue a minute after', async () => {
    const c = await centre();
    const start = c.clock.now;
    const base = admittedNow(start);
    await (await c.as('registrar')).intake.submit({ ...base, admission: { ...base.admission!, regime: 'voluntary_protection' } });
    const limit = Date.parse('2027-02-23T06:00:00Z'); // three calendar months after 23 Nov 2026, 06:00
    expect(await statusAt(c, limit - 7 * day - minute, 'voluntary_stay_limit')).toBe('upcoming');
    await expectBoundary(c, limit, 'voluntary_stay_limit', day);
  });

  it('the maximum detention, once set, is due a day before and on the day, overdue a minute after', async () => {
    const c = await centre();
    const start = c.clock.now;
    await c.inst.admin.settings.update({ changes: { maxDetentionDays: 90 } });
    await (await c.as('registrar')).intake.submit(admittedNow(start));
    const limit = start + 90 * day;
    expect(await statusAt(c, limit - 7 * day - minute, 'max_detention')).toBe('upcoming');
    await expectBoundary(c, limit, 'max_detention', day);
  });
});

describe("the guardian's clock starts when the child is known to be alone (issue #11 §4)", () => {
  it('an age assessment finding a minor, after a screening that found the person alone, starts the 24 hours', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const start = c.clock.now;
    const { personId, episodeId } = await registrar.intake.submit(admittedNow(start));
    await registrar.vulnerability.screen({ episodeId, screening: { at: iso(start), unaccompaniedOrSeparated: true } });
    expect((await registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind)).not.toContain('guardian');
    await c.advance(2 * day);
    const assessed = c.clock.now;
    await registrar.vulnerability.assessAge({ personId, assessment: { at: iso(assessed), method: 'documents', assessor: 'Social worker', minAge: 16, maxAge: 17 } });
    const guardian = (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'guardian');
    expect(guardian).toMatchObject({ status: 'due', dueAt: iso(assessed + 24 * hour) });
    await expectBoundary(c, assessed + 24 * hour, 'guardian');
  });

  it('a re-screening that still finds the child alone does not restart the clock', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const start = c.clock.now;
    const child = intakeAt(start, {}, { birth: { date: '2011-05-01', estimated: true, basis: 'Interview' } });
    const { episodeId } = await registrar.intake.submit({ ...child, apprehension: { ...child.apprehension, at: iso(start) } });
    await registrar.vulnerability.screen({ episodeId, screening: { at: iso(start), unaccompaniedOrSeparated: true } });
    await c.advance(2 * day);
    await registrar.vulnerability.screen({ episodeId, screening: { at: iso(c.clock.now), unaccompaniedOrSeparated: true, notes: 'Second look' } });
    const guardian = (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'guardian');
    expect(guardian).toMatchObject({ status: 'overdue', dueAt: iso(start + 24 * hour) });
  });
});

describe('deadlines that were fixed numbers are settings (issue #11 §4)', () => {
  it('a shorter decision-missing setting moves the deadline of a person held without a decision', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const start = c.clock.now;
    const { admission: _a, ...pending } = admittedNow(start);
    await registrar.intake.submit(pending);
    const item = async () => (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'decision_missing');
    expect(await item()).toMatchObject({ dueAt: iso(start + 48 * hour) });
    await c.inst.admin.settings.update({ changes: { decisionMissingHours: 12 } });
    expect(await item()).toMatchObject({ dueAt: iso(start + 12 * hour) });
    expect((await registrar.register.list({ deadline: 'due' })).total + (await registrar.register.list({ deadline: 'overdue' })).total).toBe(1);
  });

  it('a longer review warning shows the periodic review as coming due earlier', async () => {
    const c = await centre();
    const start = c.clock.now;
    await (await c.as('registrar')).intake.submit(admittedNow(start));
    const review = start + 30 * day;
    expect(await statusAt(c, review - 5 * day, 'periodic_review')).toBe('upcoming');
    await c.inst.admin.settings.update({ changes: { reviewWarningDays: 10 } });
    expect(await statusAt(c, review - 5 * day, 'periodic_review')).toBe('due');
  });

  it('a longer limit warning shows the maximum detention as coming due earlier', async () => {
    const c = await centre();
    const start = c.clock.now;
    await c.inst.admin.settings.update({ changes: { maxDetentionDays: 60 } });
    await (await c.as('registrar')).intake.submit(admittedNow(start));
    expect(await statusAt(c, start + 50 * day, 'max_detention')).toBe('upcoming');
    await c.inst.admin.settings.update({ changes: { limitWarningDays: 14 } });
    expect(await statusAt(c, start + 50 * day, 'max_detention')).toBe('due');
  });
});
