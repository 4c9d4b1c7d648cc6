import { describe, expect, it } from 'vitest';
import { useCentre } from '../../../helpers/centre';
import { day, intakeAt } from '../../../helpers/intake';
import { writtenLetter } from '../../../helpers/safeguards';
import { rightsItems } from '../../../../core/safeguards';

/**
 * Issue #11 §2: the asylum and person forms keep the minute, the safeguards forms the second. Every
 * "after X, Y again" rule must follow the order in which things were recorded, so each test records two
 * facts in the same minute with the later one carrying the rounder (earlier-looking) time.
 */
const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();
const minute = 60_000;
const second = 1000;

/** The start of the minute the clock is in: what a form that keeps only the minute sends for "now". */
const toMinute = (ms: number) => ms - (ms % minute);

async function heldPerson(c: Awaited<ReturnType<ReturnType<typeof useCentre>>>, person = {}) {
  const registrar = await c.as('registrar');
  const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now, {}, person));
  // Into the middle of a minute, so that "to the minute" and "to the second" differ.
  await c.advance(30 * minute + 27 * second);
  return { registrar, personId, episodeId };
}

describe('rules that follow the order of recording, not the precision of typed times (issue #11 §2)', () => {
  it('a renewed rights notice is owed when asylum is recorded in the same minute as the first notice', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    await registrar.safeguards.notifyRights({ episodeId, notification: writtenLetter(c.clock.now) });
    await c.advance(20 * second);
    // The asylum form sends 06:30:00 for a request made after the notice given at 06:30:27.
    await registrar.asylum.express({ personId, episodeId, expression: { at: iso(toMinute(c.clock.now)), place: 'centre', words: 'I ask for asylum', language: 'ru' } });
    const renotify = (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'rights_renotify');
    expect(renotify).toMatchObject({ status: 'due', dueAt: iso(toMinute(c.clock.now) + 3_600_000) });
    await registrar.safeguards.notifyRights({ episodeId, notification: writtenLetter(c.clock.now) });
    expect((await registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind)).not.toContain('rights_renotify');
  });

  it('a notice recorded after an extension in the same minute answers it, though its time is typed to the minute', async () => {
    const c = await centre();
    const { registrar, episodeId } = await heldPerson(c);
    await registrar.safeguards.notifyRights({ episodeId, notification: writtenLetter(c.clock.now) });
    await c.advance(day);
    const decision = intakeAt(c.clock.now).admission!.decision!;
    await registrar.episodes.requestExtension({ episodeId, at: iso(c.clock.now), note: 'Travel document awaited' });
    await registrar.episodes.extend({ episodeId, decision: { ...decision, number: '2-1300/2026', termEnd: iso(Date.parse(decision.termEnd) + 30 * day) } });
    const kinds = async () => (await registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind);
    expect(await kinds()).toContain('rights_renotify');
    await c.advance(5 * second);
    await registrar.safeguards.notifyRights({ episodeId, notification: writtenLetter(toMinute(c.clock.now)) });
    expect(await kinds()).not.toContain('rights_renotify');
  });

  it('a written letter recorded after the oral notice in the same minute answers it, though its time is typed to the minute', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    const { useId } = await registrar.safeguards.recordInterpreter({
      personId,
      episodeId,
      use: {
        at: iso(c.clock.now),
        language: 'fa',
        interpreterName: 'M. Jafari (contract)',
        kind: 'contract',
        purpose: 'rights',
        genderPreferenceMet: true,
        affiliationChecked: true,
        affiliatedWithOriginState: false,
      },
    });
    await registrar.safeguards.notifyRights({
      episodeId,
      notification: { at: iso(c.clock.now), mode: 'oral', language: 'fa', interpreterUseId: useId, items: [...rightsItems], acknowledgement: { kind: 'mark' }, copyHanded: false },
    });
    const kinds = async () => (await registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind);
    expect(await kinds()).toContain('written_rights_letter');
    await c.advance(10 * second);
    await registrar.safeguards.notifyRights({ episodeId, notification: { ...writtenLetter(toMinute(c.clock.now), 'fa'), interpreterUseId: useId, interpreterCheckedLetter: true } });
    expect(await kinds()).not.toContain('written_rights_letter');
  });

  it('the screening recorded last decides the flags when two are recorded in the same minute', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c, { birth: { date: '2011-05-01', estimated: true, basis: 'Interview' } });
    await registrar.vulnerability.screen({ episodeId, screening: { at: iso(c.clock.now) } });
    await c.advance(10 * second);
    // A second look in the same minute finds the child alone; the form sends the minute.
    await registrar.vulnerability.screen({ episodeId, screening: { at: iso(toMinute(c.clock.now)), unaccompaniedOrSeparated: true } });
    expect((await registrar.persons.view({ personId })).flags).toContain('unaccompanied');
    expect((await registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind)).toEqual(expect.arrayContaining(['guardian', 'child_referral']));
  });

  it('the age assessment recorded last decides whether the person is a child when two are recorded in the same minute', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    await registrar.vulnerability.screen({ episodeId, screening: { at: iso(toMinute(c.clock.now)), unaccompaniedOrSeparated: true } });
    await registrar.vulnerability.assessAge({ personId, assessment: { at: iso(c.clock.now), method: 'interview', assessor: 'Social worker', minAge: 19, maxAge: 23 } });
    await c.advance(10 * second);
    await registrar.vulnerability.assessAge({ personId, assessment: { at: iso(toMinute(c.clock.now)), method: 'documents', assessor: 'Social worker', minAge: 16, maxAge: 17 } });
    expect((await registrar.persons.view({ personId })).flags).toContain('child');
    expect((await registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind)).toContain('guardian');
  });
});
