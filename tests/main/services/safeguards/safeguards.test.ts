import { describe, expect, it } from 'vitest';
import { refusal, useCentre } from '../../../helpers/centre';
import { day, hour, intakeAt } from '../../../helpers/intake';
import { writtenLetter } from '../../../helpers/safeguards';
import { rightsItems } from '../../../../core/safeguards';

const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();

async function heldPerson(c: Awaited<ReturnType<ReturnType<typeof useCentre>>>) {
  const registrar = await c.as('registrar');
  const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
  return { registrar, personId, episodeId };
}

const independentInterpreter = (at: number, language = 'fa') => ({
  at: iso(at),
  language,
  interpreterName: 'M. Jafari (contract)',
  kind: 'contract' as const,
  purpose: 'rights' as const,
  genderPreferenceMet: true,
  affiliationChecked: true,
  affiliatedWithOriginState: false,
});

describe('rights notification (Migration Code Art. 74.5)', () => {
  it('is overdue one hour after apprehension and is satisfied by a notification in a language the person understands', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    // Apprehended 2 h before admission in the fixture: already past the 1 h limit.
    const item = async () => (await registrar.dueNow.list({})).items.find((i) => i.kind === 'rights_notification');
    expect(await item()).toMatchObject({ status: 'overdue', dueAt: iso(c.clock.now - hour) });
    const { verifyCode } = await registrar.safeguards.notifyRights({ episodeId, notification: writtenLetter(c.clock.now) });
    expect(verifyCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await item()).toBeUndefined();
    const panel = await registrar.safeguards.panel({ personId });
    expect(panel.episodes[0]).toMatchObject({ admissionFinal: true });
    expect(panel.episodes[0]!.rights[0]).toMatchObject({ minutesAfterApprehension: 120, verifyCode });
  });

  it('a notification time before apprehension is refused and nothing is saved', async () => {
    const c = await centre();
    const { registrar, episodeId } = await heldPerson(c);
    const events = c.count('events');
    const e = await refusal(registrar.safeguards.notifyRights({ episodeId, notification: writtenLetter(c.clock.now - 3 * hour) }));
    expect(e.fields?.['notification.at']?.key).toBe('error.time.beforeApprehension');
    expect(c.count('events')).toBe(events);
  });

  it('a template version that does not exist is refused and nothing is saved', async () => {
    const c = await centre();
    const { registrar, episodeId } = await heldPerson(c);
    const events = c.count('events');
    const e = await refusal(registrar.safeguards.notifyRights({ episodeId, notification: { ...writtenLetter(c.clock.now), templateVersion: '1999-01-01' } }));
    expect(e.fields?.['notification.templateVersion']?.key).toBe('error.rights.unknownTemplate');
    expect(c.count('events')).toBe(events);
  });

  it('a notification in a language the person does not understand, without an interpreter, is refused', async () => {
    const c = await centre();
    const { registrar, episodeId } = await heldPerson(c);
    const e = await refusal(registrar.safeguards.notifyRights({ episodeId, notification: writtenLetter(c.clock.now, 'az') }));
    expect(e.fields?.['notification.language']?.key).toBe('error.rights.languageNotUnderstood');
  });

  it('oral notice through an interpreter opens a task to hand over the written letter in that language', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    const { useId } = await registrar.safeguards.recordInterpreter({ personId, episodeId, use: { ...independentInterpreter(c.clock.now, 'ps'), language: 'ps' } });
    await registrar.safeguards.notifyRights({
      episodeId,
      notification: { at: iso(c.clock.now), mode: 'oral', language: 'ps', interpreterUseId: useId, items: [...rightsItems], acknowledgement: { kind: 'mark' }, copyHanded: false },
    });
    const due = (await registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind);
    expect(due).toContain('written_rights_letter');
    expect(due).not.toContain('rights_notification');
  });

  it('a change of status asks for a fresh notification', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    await registrar.safeguards.notifyRights({ episodeId, notification: writtenLetter(c.clock.now) });
    await c.advance(day);
    await registrar.asylum.express({ personId, episodeId, expression: { at: iso(c.clock.now), place: 'centre', words: 'Прошу убежища', language: 'ru' } });
    const kinds = async () => (await registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind);
    expect(await kinds()).toContain('rights_renotify');
    await registrar.safeguards.notifyRights({ episodeId, notification: writtenLetter(c.clock.now) });
    expect(await kinds()).not.toContain('rights_renotify');
  });

  it('a printed letter can be verified later by its code, naming the exact template', async () => {
    const c = await centre();
    const { registrar, episodeId } = await heldPerson(c);
    const { notificationId, verifyCode } = await registrar.safeguards.notifyRights({ episodeId, notification: writtenLetter(c.clock.now) });
    const letter = await registrar.safeguards.letter({ notificationId });
    expect(letter).toMatchObject({ verifyCode, template: { language: 'ru', version: '2026-11-01' }, facilityName: 'Baku Temporary Accommodation Centre' });
    expect(letter.qrPayload).toContain(verifyCode);
    const check = await registrar.safeguards.verifyLetter({ code: verifyCode.toLowerCase().replace('-', ' ') });
    expect(check).toMatchObject({ found: true, notification: { notificationId, templateVersion: '2026-11-01', templateMatches: true } });
    expect((await registrar.safeguards.verifyLetter({ code: 'ZZZZ-ZZZZ' })).found).toBe(false);
  });
});

describe('consular notification', () => {
  it('a consular notice for an asylum seeker is refused without consent', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    await registrar.asylum.express({ personId, episodeId, expression: { at: iso(c.clock.now), place: 'centre', words: 'I am afraid to go back', language: 'en' } });
    const { noticeId } = await registrar.safeguards.openConsular({ episodeId, open: { states: ['AFG'], informedAt: iso(c.clock.now), wish: 'no_preference' } });
    const panel = await registrar.safeguards.panel({ personId });
    expect(panel.episodes[0]!.consular[0]).toMatchObject({ state: 'BLOCKED_PROTECTION', blockReasons: ['asylum'], policyConflict: true });
    const events = c.count('events');
    const e = await refusal(registrar.safeguards.sendConsular({ noticeId, sent: { at: iso(c.clock.now), mission: 'Embassy of Afghanistan', channel: 'note_verbale', reference: 'N-1' } }));
    expect(e.messageKey).toBe('error.consular.blockedProtection');
    expect(c.count('events')).toBe(events);
  });

  it('consent without an interpreter in a protection case is refused; with an independent one, the notice becomes ready and is sent', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    await registrar.asylum.express({ personId, episodeId, expression: { at: iso(c.clock.now), place: 'centre', words: 'asylum', language: 'en' } });
    const { noticeId } = await registrar.safeguards.openConsular({ episodeId, open: { states: ['AFG'], informedAt: iso(c.clock.now), wish: 'requests' } });
    const consent = { at: iso(c.clock.now), privateSetting: true, consularPresent: false, statement: 'I want my embassy told; I understand the risk.', unhcrOffered: true };
    const noInterpreter = await refusal(registrar.safeguards.recordConsent({ noticeId, consent }));
    expect(noInterpreter.fields?.['consent.interpreterUseId']?.key).toBe('error.consular.consentNeedsInterpreter');
    const { useId } = await registrar.safeguards.recordInterpreter({ personId, episodeId, use: { ...independentInterpreter(c.clock.now), purpose: 'consent' } });
    const notPrivate = await refusal(registrar.safeguards.recordConsent({ noticeId, consent: { ...consent, interpreterUseId: useId, consularPresent: true } }));
    expect(notPrivate.messageKey).toBe('error.consular.consentNotPrivate');
    await registrar.safeguards.recordConsent({ noticeId, consent: { ...consent, interpreterUseId: useId } });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!.state).toBe('READY');
    await registrar.safeguards.sendConsular({ noticeId, sent: { at: iso(c.clock.now), mission: 'Embassy of Afghanistan', channel: 'note_verbale', reference: 'N-2' } });
    await registrar.safeguards.consularAnswered({ noticeId, kind: 'visited', at: iso(c.clock.now), note: 'Consul visited' });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!.state).toBe('VISITED');
  });

  it('an interpreter from the consulate is refused in a protection case', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    await registrar.asylum.express({ personId, episodeId, expression: { at: iso(c.clock.now), place: 'centre', words: 'asylum', language: 'en' } });
    const events = c.count('events');
    const e = await refusal(registrar.safeguards.recordInterpreter({ personId, episodeId, use: { ...independentInterpreter(c.clock.now), affiliatedWithOriginState: true } }));
    expect(e.messageKey).toBe('error.interpreter.affiliatedInProtectionCase');
    const unchecked = await refusal(registrar.safeguards.recordInterpreter({ personId, episodeId, use: { ...independentInterpreter(c.clock.now), affiliationChecked: false } }));
    expect(unchecked.messageKey).toBe('error.interpreter.affiliatedInProtectionCase');
    expect(c.count('events')).toBe(events);
  });

  it('outside a protection case an embassy interpreter may be used', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    await registrar.safeguards.recordInterpreter({ personId, episodeId, use: { ...independentInterpreter(c.clock.now), affiliatedWithOriginState: true } });
  });

  it('a person who expressly opposes is BLOCKED_OPPOSED; a notice can be withdrawn before sending only', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    const { noticeId } = await registrar.safeguards.openConsular({ episodeId, open: { states: ['AFG'], informedAt: iso(c.clock.now), wish: 'expressly_opposes' } });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]).toMatchObject({ state: 'BLOCKED_OPPOSED', blockReasons: ['opposed'] });
    const e = await refusal(registrar.safeguards.sendConsular({ noticeId, sent: { at: iso(c.clock.now), mission: 'Embassy', channel: 'email', reference: 'x' } }));
    expect(e.messageKey).toBe('error.consular.blockedOpposed');
    await registrar.safeguards.withdrawConsular({ noticeId, at: iso(c.clock.now), reason: 'Person opposes' });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!.state).toBe('WITHDRAWN');
  });

  it('presumed trafficking victims are blocked by default, and not when the setting is off', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    await registrar.vulnerability.screen({ episodeId, screening: { at: iso(c.clock.now), traffickingIndicators: true } });
    await registrar.safeguards.openConsular({ episodeId, open: { states: ['AFG'], informedAt: iso(c.clock.now), wish: 'no_preference' } });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!.state).toBe('BLOCKED_PROTECTION');
    await c.inst.admin.settings.update({ changes: { consularBlockForTrafficking: false } });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!.state).toBe('READY');
  });

  it('a ready notice not sent within the service level is overdue on the board', async () => {
    const c = await centre();
    const { registrar, episodeId } = await heldPerson(c);
    const kinds = async () => (await registrar.dueNow.list({})).items.filter((i) => i.status === 'overdue').map((i) => i.kind);
    expect(await kinds()).toContain('consular_inform');
    const { noticeId } = await registrar.safeguards.openConsular({ episodeId, open: { states: ['AFG'], informedAt: iso(c.clock.now), wish: 'requests' } });
    await c.advance(25 * hour);
    expect(await kinds()).toContain('consular_send');
    await registrar.safeguards.sendConsular({ noticeId, sent: { at: iso(c.clock.now), mission: 'Embassy', channel: 'email', reference: 'E-1' } });
    expect(await kinds()).not.toContain('consular_send');
  });
});

describe('legal aid (Constitution Art. 61)', () => {
  it('no defender contact 24 hours after detention is overdue; the first contact clears it and gives the time to defender', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    const lawyer = await c.as('legal_aid_officer');
    const { requestId } = await lawyer.safeguards.requestLegalAid({ episodeId, request: { requestedAt: iso(c.clock.now), requestedBy: 'detainee', funding: 'state' } });
    await c.advance(23 * hour);
    const kinds = async () => (await registrar.dueNow.list({})).items.filter((i) => i.status === 'overdue').map((i) => i.kind);
    expect(await kinds()).toContain('defender_contact');
    const contact = { at: iso(c.clock.now), mode: 'in_person' as const, durationMinutes: 45, confidential: true };
    expect((await refusal(lawyer.safeguards.recordLegalContact({ requestId, contact }))).messageKey).toBe('error.legalAid.noDefender');
    await lawyer.safeguards.assignDefender({ requestId, defender: { at: iso(c.clock.now), name: 'Adv. L. Hüseynova', barNumber: 'B-1021' } });
    await lawyer.safeguards.recordLegalContact({ requestId, contact });
    expect(await kinds()).not.toContain('defender_contact');
    const aid = (await registrar.safeguards.panel({ personId })).episodes[0]!.legalAid[0]!;
    expect(aid.hoursToDefender).toBe(25);
    const stats = await registrar.safeguards.stats();
    expect(stats).toMatchObject({ medianHoursToDefender: 25, withoutDefender: 0 });
  });

  it('a lawyer the family hired, whose visit is in the contact log, shows on the legal-aid card as the defender met; one turned away does not', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await heldPerson(c);
    const visit = {
      kind: 'visit' as const,
      category: 'lawyer' as const,
      who: { name: 'Adv. N. Abbasova' },
      at: iso(c.clock.now),
      outcome: 'took_place' as const,
      supervision: 'private' as const,
      durationMinutes: 40,
    };
    await registrar.contacts.record({
      episodeId,
      contact: {
        ...visit,
        who: { name: 'Adv. S. Huseynov' },
        outcome: 'refused',
        refusal: { reason: 'No slot', basis: 'visiting_hours', by: 'Lt. K. Aliyev' },
        supervision: undefined,
        durationMinutes: undefined,
      },
    });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.lawyerContacts).toEqual([]);
    await c.advance(hour);
    const { contactId } = await registrar.contacts.record({ episodeId, contact: { ...visit, at: iso(c.clock.now) } });
    const ep = (await registrar.safeguards.panel({ personId })).episodes[0]!;
    expect(ep.lawyerContacts).toEqual([{ contactId, kind: 'visit', at: iso(c.clock.now), who: 'Adv. N. Abbasova' }]);
    expect(ep.legalAid).toEqual([]);
    expect((await registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind)).not.toContain('defender_contact');
  });

  it('a witnessed waiver also satisfies the defender clock', async () => {
    const c = await centre();
    const { registrar, episodeId } = await heldPerson(c);
    await registrar.safeguards.waiveLegalAid({ episodeId, at: iso(c.clock.now), witness: 'Duty officer R. Abbasov', statement: 'Has a private lawyer arriving tomorrow' });
    expect((await registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind)).not.toContain('defender_contact');
  });
});

describe('facility figures', () => {
  it('counts rights within the limit, late and missing, consular sent and blocked', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const a = await registrar.intake.submit(intakeAt(c.clock.now));
    await registrar.safeguards.notifyRights({ episodeId: a.episodeId, notification: writtenLetter(c.clock.now - 90 * 60_000) });
    const b = await registrar.intake.submit(intakeAt(c.clock.now, {}, { names: { original: 'Olga', latin: 'Olga', aliases: [] }, nationalities: ['RUS'] }));
    await registrar.asylum.express({ personId: b.personId, episodeId: b.episodeId, expression: { at: iso(c.clock.now), place: 'centre', words: 'asylum', language: 'ru' } });
    await registrar.safeguards.openConsular({ episodeId: b.episodeId, open: { states: ['RUS'], informedAt: iso(c.clock.now), wish: 'no_preference' } });
    const stats = await registrar.safeguards.stats();
    expect(stats).toMatchObject({ episodes: 2, rightsWithinLimit: 1, rightsMissing: 1, consularBlocked: 1, policyConflicts: 1, consularSent: 0 });
    expect(stats.languages).toEqual([{ language: 'ru', count: 1 }]);
  });
});
