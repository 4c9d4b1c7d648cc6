import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../core/contacts';
import { contactsFigures } from '../../../main/services/contacts';
import { refusal, useCentre } from '../../helpers/centre';
import { hour, intakeAt } from '../../helpers/intake';

/**
 * Issue #15 §1, docs/contacts.md: the outside-contact log through the real client and real roles. A
 * refused lawyer or ombudsman is recorded, flagged and owed the head's review the same day; a consul's
 * visit is an entry of the log, from the consular card too.
 */
const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();
type Centre = Awaited<ReturnType<ReturnType<typeof useCentre>>>;

async function held(c: Centre) {
  const registrar = await c.as('registrar');
  const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now - 2 * hour));
  return { registrar, personId, episodeId };
}

const familyVisit = (at: number): Contact => ({
  kind: 'visit',
  category: 'family',
  who: { name: 'Leyla Aliyeva', relation: 'sister' },
  at: iso(at),
  durationMinutes: 45,
  supervision: 'supervised',
  supervisedBy: 'Sgt. R. Mammadov',
  outcome: 'took_place',
});

const lawyerRefused = (at: number): Contact => ({
  kind: 'visit',
  category: 'lawyer',
  who: { name: 'Adv. Samir Huseynov', relation: 'Bar Association' },
  at: iso(at),
  outcome: 'refused',
  refusal: { reason: 'No visiting slot free this afternoon', basis: 'visiting_hours', by: 'Lt. K. Aliyev' },
});

describe('the outside-contact log', () => {
  it('a registrar records a visit and a letter, and reads them newest first; an administrator may not read them', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await held(c);
    await registrar.contacts.record({ episodeId, contact: familyVisit(c.clock.now - hour) });
    await registrar.contacts.record({ episodeId, contact: { kind: 'letter', category: 'family', who: { name: 'Mother' }, direction: 'in', at: iso(c.clock.now), outcome: 'took_place' } });
    const { contacts } = await registrar.contacts.list({ personId });
    expect(contacts.map((x) => [x.kind, x.outcome])).toEqual([
      ['letter', 'took_place'],
      ['visit', 'took_place'],
    ]);
    expect(contacts[1]).toMatchObject({
      category: 'family',
      who: { name: 'Leyla Aliyeva', relation: 'sister' },
      durationMinutes: 45,
      supervision: 'supervised',
      supervisedBy: 'Sgt. R. Mammadov',
      safeguardFailure: false,
      source: 'log',
    });
    const store = c.inst.backend.installation.requireStore();
    const reads = store.sqlite.prepare("SELECT entity_id FROM audit_log WHERE method = 'contacts.list'").all() as { entity_id: string }[];
    expect(reads).toContainEqual({ entity_id: personId });
    const denied = await refusal(c.inst.admin.contacts.list({ personId }));
    expect(denied.code).toBe('forbidden');
  });

  it('refuses a record that leaves out what its kind needs, or is typed in the future, and records nothing', async () => {
    const c = await centre();
    const { registrar, episodeId } = await held(c);
    const events = c.count('events');
    const noCategory = await refusal(registrar.contacts.record({ episodeId, contact: { ...familyVisit(c.clock.now), category: undefined } }));
    expect(noCategory.fields?.['contact.category']?.key).toBe('error.contacts.categoryNeeded');
    const noReason = await refusal(registrar.contacts.record({ episodeId, contact: { ...lawyerRefused(c.clock.now), refusal: undefined } }));
    expect(noReason.fields?.['contact.refusal.reason']?.key).toBe('error.contacts.refusalNeeded');
    const noSupervisor = await refusal(registrar.contacts.record({ episodeId, contact: { ...familyVisit(c.clock.now), supervisedBy: undefined } }));
    expect(noSupervisor.fields?.['contact.supervisedBy']?.key).toBe('error.contacts.supervisedByNeeded');
    const callNoDirection = await refusal(registrar.contacts.record({ episodeId, contact: { ...familyVisit(c.clock.now), kind: 'call' } }));
    expect(callNoDirection.fields?.['contact.direction']?.key).toBe('error.contacts.directionNeeded');
    const future = await refusal(registrar.contacts.record({ episodeId, contact: familyVisit(c.clock.now + 2 * hour) }));
    expect(future.fields?.['contact.at']?.key).toBe('error.time.inFuture');
    expect(c.count('events')).toBe(events);
  });

  it('a correction is a new event: the row shows the corrected record, the first one stays in the history', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await held(c);
    const { contactId } = await registrar.contacts.record({ episodeId, contact: familyVisit(c.clock.now) });
    await registrar.contacts.correct({ contactId, contact: { ...familyVisit(c.clock.now), durationMinutes: 30 }, reason: 'The visit ended early; 45 was the slot booked' });
    const row = (await registrar.contacts.list({ personId })).contacts[0]!;
    expect(row).toMatchObject({ durationMinutes: 30, corrections: 1 });
    const store = c.inst.backend.installation.requireStore();
    expect(store.eventsFor(contactId).map((e) => e.type)).toEqual(['contact.recorded', 'contact.corrected']);
  });
});

describe('a refused lawyer or ombudsman', () => {
  it('is recorded, flagged as a safeguard failure, and owed the head’s review by the end of the same local day', async () => {
    // 06:00Z is 10:00 in Baku: the day ends at 19:59:59.999Z.
    const c = await centre('2026-11-23T06:00:00Z');
    const { registrar, personId, episodeId } = await held(c);
    const { contactId } = await registrar.contacts.record({ episodeId, contact: lawyerRefused(c.clock.now) });
    expect((await registrar.contacts.list({ personId })).contacts[0]).toMatchObject({ contactId, outcome: 'refused', safeguardFailure: true, review: null });
    const item = async () => (await registrar.dueNow.list({})).items.find((i) => i.kind === 'contact_refused_review');
    expect(await item()).toMatchObject({ personId, status: 'due', dueAt: '2026-11-23T19:59:59.999Z' });
    await c.advance(Date.parse('2026-11-23T19:59:59.999Z') - c.clock.now);
    expect((await item())?.status).toBe('due');
    await c.advance(1);
    expect((await item())?.status).toBe('overdue');
  });

  it('only the centre head reviews it; the review ends the obligation, and a second review is refused', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await held(c);
    const { contactId } = await registrar.contacts.record({ episodeId, contact: { ...lawyerRefused(c.clock.now), category: 'ombudsman', who: { name: 'Ombudsman’s NPM team' } } });
    const review = { at: iso(c.clock.now), finding: 'The duty officer was told the ombudsman enters at any time; the team was let in at 15:10.', visitArranged: true };
    const byRegistrar = await refusal(registrar.contacts.reviewRefusal({ contactId, review }));
    expect(byRegistrar.code).toBe('forbidden');
    const head = await c.as('centre_head');
    await head.contacts.reviewRefusal({ contactId, review });
    expect((await head.dueNow.list({})).items.filter((i) => i.kind === 'contact_refused_review')).toEqual([]);
    expect((await head.contacts.list({ personId })).contacts[0]!.review).toMatchObject({ finding: review.finding, visitArranged: true });
    const again = await refusal(head.contacts.reviewRefusal({ contactId, review }));
    expect(again.messageKey).toBe('error.contacts.alreadyReviewed');
  });

  it('a refused family visit is not a safeguard failure and owes no review', async () => {
    const c = await centre();
    const { registrar, episodeId } = await held(c);
    const { contactId } = await registrar.contacts.record({ episodeId, contact: { ...lawyerRefused(c.clock.now), category: 'family' } });
    expect((await registrar.dueNow.list({})).items.filter((i) => i.kind === 'contact_refused_review')).toEqual([]);
    const head = await c.as('centre_head');
    const e = await refusal(head.contacts.reviewRefusal({ contactId, review: { at: iso(c.clock.now), finding: 'n/a', visitArranged: false } }));
    expect(e.messageKey).toBe('error.contacts.reviewNotOwed');
  });

  it('a review dated before the refusal it reviews is refused on its time and the review stays owed; one at the refusal’s own time is accepted', async () => {
    const c = await centre();
    const { registrar, episodeId } = await held(c);
    const refusedAt = c.clock.now;
    const { contactId } = await registrar.contacts.record({ episodeId, contact: lawyerRefused(refusedAt) });
    const head = await c.as('centre_head');
    const review = (at: number) => ({ at: iso(at), finding: 'The lawyer was let in at the next slot.', visitArranged: true });
    const events = c.count('events');
    const early = await refusal(head.contacts.reviewRefusal({ contactId, review: review(refusedAt - 60_000) }));
    expect(early.fields?.['review.at']?.key).toBe('error.contacts.reviewBeforeRefusal');
    expect(c.count('events')).toBe(events);
    expect((await head.dueNow.list({})).items.some((i) => i.kind === 'contact_refused_review')).toBe(true);
    await head.contacts.reviewRefusal({ contactId, review: review(refusedAt) });
    expect((await head.dueNow.list({})).items.some((i) => i.kind === 'contact_refused_review')).toBe(false);
  });
});

describe('a lawyer who came', () => {
  it('is the first defender contact: the defender_contact obligation ends with the visit', async () => {
    const c = await centre();
    const { registrar, episodeId } = await held(c);
    const owed = async () => (await registrar.dueNow.list({})).items.some((i) => i.kind === 'defender_contact');
    expect(await owed()).toBe(true);
    await registrar.contacts.record({ episodeId, contact: { ...lawyerRefused(c.clock.now), refusal: undefined, outcome: 'took_place', durationMinutes: 50, supervision: 'private' } });
    expect(await owed()).toBe(false);
  });

  it('a refused lawyer leaves the defender contact owed', async () => {
    const c = await centre();
    const { registrar, episodeId } = await held(c);
    await registrar.contacts.record({ episodeId, contact: lawyerRefused(c.clock.now) });
    expect((await registrar.dueNow.list({})).items.some((i) => i.kind === 'defender_contact')).toBe(true);
  });

  it('a visit linked to a legal-aid request of another person, or a family visit linked to one, is refused and recorded nowhere; the defender contact stays owed', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await held(c);
    const other = await registrar.intake.submit(intakeAt(c.clock.now - hour, {}, { names: { original: 'Ali Karimi', latin: 'Ali Karimi', aliases: [] } }));
    const { requestId } = await registrar.safeguards.requestLegalAid({ episodeId: other.episodeId, request: { requestedAt: iso(c.clock.now), requestedBy: 'detainee', funding: 'state' } });
    const lawyerCame: Contact = { ...lawyerRefused(c.clock.now), refusal: undefined, outcome: 'took_place', durationMinutes: 50, supervision: 'private' };
    const wrongEpisode = await refusal(registrar.contacts.record({ episodeId, contact: lawyerCame, legalAidRequestId: requestId }));
    expect(wrongEpisode.fields?.['legalAidRequestId']?.key).toBe('error.contacts.legalAidMismatch');
    const mine = await registrar.safeguards.requestLegalAid({ episodeId, request: { requestedAt: iso(c.clock.now), requestedBy: 'detainee', funding: 'state' } });
    const notALawyer = await refusal(registrar.contacts.record({ episodeId, contact: { ...lawyerCame, category: 'family' }, legalAidRequestId: mine.requestId }));
    expect(notALawyer.messageKey).toBe('error.contacts.legalAidMismatch');
    expect((await registrar.contacts.list({ personId })).contacts).toEqual([]);
    expect((await registrar.dueNow.list({})).items.some((i) => i.kind === 'defender_contact' && i.personId === personId)).toBe(true);
    await registrar.contacts.record({ episodeId, contact: lawyerCame, legalAidRequestId: mine.requestId });
    expect((await registrar.dueNow.list({})).items.some((i) => i.kind === 'defender_contact' && i.personId === personId)).toBe(false);
  });
});

describe('a consul’s visit is an entry of the log', () => {
  it('recorded from the consular card, it shows in the log linked to the notice, and the card reads VISITED from it', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await held(c);
    const { noticeId } = await registrar.safeguards.openConsular({ episodeId, open: { states: ['GEO'], informedAt: iso(c.clock.now - hour), wish: 'requests' } });
    await registrar.safeguards.sendConsular({ noticeId, sent: { at: iso(c.clock.now - hour), mission: 'Embassy of Georgia', channel: 'note_verbale', reference: 'NV-1' } });
    await registrar.safeguards.consularAnswered({ noticeId, kind: 'visited', at: iso(c.clock.now), note: 'Consul Beridze' });
    const entry = (await registrar.contacts.list({ personId })).contacts[0]!;
    expect(entry).toMatchObject({ kind: 'visit', category: 'consul', who: { name: 'GEO' }, noticeId, outcome: 'took_place', note: 'Consul Beridze' });
    const notice = (await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!;
    expect(notice).toMatchObject({ state: 'VISITED', visitedAt: iso(c.clock.now) });
  });

  it('recorded in the log, it answers the notice sent, so the card reads VISITED too', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await held(c);
    const { noticeId } = await registrar.safeguards.openConsular({ episodeId, open: { states: ['GEO'], informedAt: iso(c.clock.now - hour), wish: 'requests' } });
    await registrar.safeguards.sendConsular({ noticeId, sent: { at: iso(c.clock.now - hour), mission: 'Embassy of Georgia', channel: 'note_verbale', reference: 'NV-1' } });
    await registrar.contacts.record({ episodeId, contact: { ...familyVisit(c.clock.now), category: 'consul', who: { name: 'Consul G. Beridze' }, supervision: 'private', supervisedBy: undefined } });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!.state).toBe('VISITED');
  });

  it('a consul’s visit to an asylum seeker without consent is refused (error.consular.consentNeeded) and recorded nowhere; a consul turned away is recorded', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await held(c);
    await registrar.asylum.express({ personId, episodeId, expression: { at: iso(c.clock.now - hour), place: 'centre', words: 'I cannot go back', language: 'en' } });
    const consul = { ...familyVisit(c.clock.now), category: 'consul' as const, who: { name: 'Consul of the country of origin' }, supervision: 'private' as const, supervisedBy: undefined };
    const events = c.count('events');
    const e = await refusal(registrar.contacts.record({ episodeId, contact: consul }));
    expect(e.messageKey).toBe('error.consular.consentNeeded');
    expect(c.count('events')).toBe(events);
    expect(c.count('contacts')).toBe(0);
    const turnedAway = {
      ...consul,
      outcome: 'refused' as const,
      durationMinutes: undefined,
      supervision: undefined,
      refusal: { reason: 'Asylum seeker: no consular access without consent', basis: 'other' as const, by: 'Duty officer' },
    };
    await registrar.contacts.record({ episodeId, contact: turnedAway });
    expect((await registrar.contacts.list({ personId })).contacts[0]).toMatchObject({ category: 'consul', outcome: 'refused', safeguardFailure: false });
  });

  it('an old consular.visited event (recorded before the log existed) appears in the log and still makes the card VISITED', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await held(c);
    const { noticeId } = await registrar.safeguards.openConsular({ episodeId, open: { states: ['ARM'], informedAt: iso(c.clock.now - hour), wish: 'requests' } });
    await registrar.safeguards.sendConsular({ noticeId, sent: { at: iso(c.clock.now - hour), mission: 'Embassy', channel: 'note_verbale', reference: 'NV-2' } });
    const store = c.inst.backend.installation.requireStore();
    store.command({ userId: 'older-device' }, 'safeguards.consularAnswered', (tx) => tx.append({ type: 'consular.visited', entityId: noticeId, payload: { at: iso(c.clock.now), note: 'from 2025' } }));
    expect((await registrar.contacts.list({ personId })).contacts[0]).toMatchObject({
      contactId: `consular:${noticeId}`,
      source: 'consular',
      category: 'consul',
      who: { name: 'ARM' },
      at: iso(c.clock.now),
    });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!.state).toBe('VISITED');
    const e = await refusal(registrar.contacts.correct({ contactId: `consular:${noticeId}`, contact: familyVisit(c.clock.now), reason: 'x' }));
    expect(e.messageKey).toBe('error.contacts.notCorrectable');
  });
});

describe('contactsFigures', () => {
  it('counts the period’s contacts by kind and visits by who came, refusals of lawyers and ombudsmen apart, and unreviewed refusals now', async () => {
    const c = await centre('2026-11-23T06:00:00Z');
    const { registrar, episodeId } = await held(c);
    await registrar.contacts.record({ episodeId, contact: familyVisit(c.clock.now) });
    await registrar.contacts.record({ episodeId, contact: lawyerRefused(c.clock.now) });
    await registrar.contacts.record({ episodeId, contact: { ...lawyerRefused(c.clock.now), category: 'ombudsman' } });
    await registrar.contacts.record({
      episodeId,
      contact: { kind: 'call', category: 'family', who: { name: 'Brother' }, direction: 'out', at: iso(c.clock.now), durationMinutes: 10, supervision: 'private', outcome: 'took_place' },
    });
    const store = c.inst.backend.installation.readStore();
    const f = contactsFigures(store, '2026-11-23', '2026-11-23');
    expect(f.byKind).toEqual({ visit: 3, call: 1, letter: 0, parcel: 0 });
    expect(f.visitsByCategory).toMatchObject({ family: 1, lawyer: 1, ombudsman: 1, consul: 0 });
    expect(f).toMatchObject({ refused: 2, refusedLawyer: 1, refusedOmbudsman: 1, refusalsUnreviewedNow: 2 });
    // The day before holds nothing; the unreviewed refusals still count "now".
    expect(contactsFigures(store, '2026-11-22', '2026-11-22')).toMatchObject({ byKind: { visit: 0, call: 0, letter: 0, parcel: 0 }, refused: 0, refusalsUnreviewedNow: 2 });
  });
});
