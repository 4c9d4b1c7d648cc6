import { describe, expect, it } from 'vitest';
import { refusal, useCentre } from '../../../helpers/centre';
import { hour, intakeAt } from '../../../helpers/intake';

/**
 * Issue #11 §1, docs/domain.md §5 rule 3: a consular notice sent before a protection fact (asylum, refugee,
 * presumed trafficking) is a disclosure conflict, flagged on the card, owed a review, counted in the
 * figures, and no further consular step is taken without the person's consent.
 */
const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();

async function sentThenAsylum(c: Awaited<ReturnType<ReturnType<typeof useCentre>>>) {
  const registrar = await c.as('registrar');
  const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
  const { noticeId } = await registrar.safeguards.openConsular({ episodeId, open: { states: ['PAK'], informedAt: iso(c.clock.now), wish: 'requests' } });
  await registrar.safeguards.sendConsular({ noticeId, sent: { at: iso(c.clock.now), mission: 'Embassy of Pakistan', channel: 'note_verbale', reference: 'NV-11' } });
  // The same minute, typed to the minute: the order of recording decides, not the clock text.
  await registrar.asylum.express({ personId, episodeId, expression: { at: iso(c.clock.now), place: 'centre', words: 'I cannot go back', language: 'ur' } });
  return { registrar, personId, episodeId, noticeId };
}

const review = (at: number) => ({
  at: iso(at),
  disclosed: 'Name, nationality and place of detention, by note verbale NV-11',
  personToldAt: iso(at),
  asylumAuthorityInformedAt: iso(at),
});

const independentInterpreter = (at: number) => ({
  at: iso(at),
  language: 'ur',
  interpreterName: 'S. Qureshi (contract)',
  kind: 'contract' as const,
  purpose: 'consent' as const,
  genderPreferenceMet: true,
  affiliationChecked: true,
  affiliatedWithOriginState: false,
});

describe('a consulate already told about a person who now claims asylum', () => {
  it('the card shows a disclosure conflict, not a finished "sent", and says no further step is allowed', async () => {
    const c = await centre();
    const { registrar, personId } = await sentThenAsylum(c);
    const notice = (await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!;
    expect(notice).toMatchObject({ state: 'SENT', disclosure: 'conflict', furtherStepsAllowed: false, disclosureReview: null });
  });

  it('the due-now board owes a review of the disclosure the same day, and the recorded review clears it', async () => {
    const c = await centre();
    const { registrar, personId, noticeId } = await sentThenAsylum(c);
    const item = async () => (await registrar.dueNow.list({})).items.find((i) => i.kind === 'consular_disclosure_review');
    expect(await item()).toMatchObject({ personId, status: 'due' });
    await registrar.safeguards.reviewDisclosure({ noticeId, review: review(c.clock.now) });
    expect(await item()).toBeUndefined();
    const notice = (await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!;
    expect(notice).toMatchObject({ disclosure: 'reviewed', disclosureReview: { disclosed: review(c.clock.now).disclosed } });
    // Reviewing does not make the consul's steps safe again: consent is still needed.
    expect(notice.furtherStepsAllowed).toBe(false);
  });

  it('the review lands in the audit log and the event log, and a second review is refused', async () => {
    const c = await centre();
    const { registrar, noticeId } = await sentThenAsylum(c);
    await registrar.safeguards.reviewDisclosure({ noticeId, review: review(c.clock.now) });
    const store = c.inst.backend.installation.requireStore();
    const audit = store.sqlite.prepare("SELECT entity_id, outcome FROM audit_log WHERE method = 'safeguards.reviewDisclosure'").all() as { entity_id: string; outcome: string }[];
    expect(audit).toContainEqual({ entity_id: noticeId, outcome: 'ok' });
    expect(store.eventsFor(noticeId).map((e) => e.type)).toContain('consular.disclosureReviewed');
    const events = c.count('events');
    const again = await refusal(registrar.safeguards.reviewDisclosure({ noticeId, review: review(c.clock.now) }));
    expect(again.messageKey).toBe('error.consular.disclosureAlreadyReviewed');
    expect(c.count('events')).toBe(events);
  });

  it('a review of a notice without a conflict, or dated before the send, is refused and changes nothing', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    const { noticeId } = await registrar.safeguards.openConsular({ episodeId, open: { states: ['PAK'], informedAt: iso(c.clock.now), wish: 'requests' } });
    await registrar.safeguards.sendConsular({ noticeId, sent: { at: iso(c.clock.now), mission: 'Embassy', channel: 'email', reference: 'E-1' } });
    const events = c.count('events');
    const none = await refusal(registrar.safeguards.reviewDisclosure({ noticeId, review: review(c.clock.now) }));
    expect(none.messageKey).toBe('error.consular.noDisclosureConflict');
    const other = await sentThenAsylum(c);
    const before = c.count('events');
    const early = await refusal(registrar.safeguards.reviewDisclosure({ noticeId: other.noticeId, review: { ...review(c.clock.now), personToldAt: iso(c.clock.now - hour) } }));
    expect(early.fields?.['review.personToldAt']?.key).toBe('error.time.beforeSent');
    expect(c.count('events')).toBe(before);
    expect(events).toBeLessThan(before);
  });

  it('recording a consul’s visit is refused with a translated error until the person consents through an independent interpreter', async () => {
    const c = await centre();
    const { registrar, personId, episodeId, noticeId } = await sentThenAsylum(c);
    const events = c.count('events');
    const visit = () => registrar.safeguards.consularAnswered({ noticeId, kind: 'visited', at: iso(c.clock.now), note: 'A consul visited' });
    expect((await refusal(visit())).messageKey).toBe('error.consular.consentNeeded');
    expect((await refusal(registrar.safeguards.consularAnswered({ noticeId, kind: 'acknowledged', at: iso(c.clock.now) }))).messageKey).toBe('error.consular.consentNeeded');
    expect(c.count('events')).toBe(events);
    const consent = { at: iso(c.clock.now), privateSetting: true, consularPresent: false, statement: 'I know my embassy was told; I agree to see the consul.', unhcrOffered: true };
    // Consent follows the same rules as for a first notice: an independent interpreter, in private.
    const noInterpreter = await refusal(registrar.safeguards.recordConsent({ noticeId, consent }));
    expect(noInterpreter.fields?.['consent.interpreterUseId']?.key).toBe('error.consular.consentNeedsInterpreter');
    const { useId } = await registrar.safeguards.recordInterpreter({ personId, episodeId, use: independentInterpreter(c.clock.now) });
    await registrar.safeguards.recordConsent({ noticeId, consent: { ...consent, interpreterUseId: useId } });
    const notice = (await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!;
    // Consent after the send lets the next step through; the disclosure itself stays on record.
    expect(notice).toMatchObject({ disclosure: 'conflict', furtherStepsAllowed: true });
    await visit();
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!.state).toBe('VISITED');
  });

  it('presumed trafficking after the send is a conflict while the THB block setting is on, and not when it is off', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    const { noticeId } = await registrar.safeguards.openConsular({ episodeId, open: { states: ['PAK'], informedAt: iso(c.clock.now), wish: 'requests' } });
    await registrar.safeguards.sendConsular({ noticeId, sent: { at: iso(c.clock.now), mission: 'Embassy', channel: 'email', reference: 'E-2' } });
    await registrar.vulnerability.screen({ episodeId, screening: { at: iso(c.clock.now), traffickingIndicators: true } });
    const disclosure = async () => (await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]!.disclosure;
    expect(await disclosure()).toBe('conflict');
    await c.inst.admin.settings.update({ changes: { consularBlockForTrafficking: false } });
    expect(await disclosure()).toBe('none');
  });

  it('a notice sent with consent recorded before it is no conflict', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    await registrar.asylum.express({ personId, episodeId, expression: { at: iso(c.clock.now), place: 'centre', words: 'asylum', language: 'ur' } });
    const { noticeId } = await registrar.safeguards.openConsular({ episodeId, open: { states: ['PAK'], informedAt: iso(c.clock.now), wish: 'requests' } });
    const { useId } = await registrar.safeguards.recordInterpreter({ personId, episodeId, use: independentInterpreter(c.clock.now) });
    await registrar.safeguards.recordConsent({
      noticeId,
      consent: { at: iso(c.clock.now), privateSetting: true, consularPresent: false, interpreterUseId: useId, statement: 'Tell my embassy.', unhcrOffered: true },
    });
    await registrar.safeguards.sendConsular({ noticeId, sent: { at: iso(c.clock.now), mission: 'Embassy', channel: 'email', reference: 'E-3' } });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.consular[0]).toMatchObject({ disclosure: 'none', furtherStepsAllowed: true });
    expect((await registrar.dueNow.list({})).items.map((i) => i.kind)).not.toContain('consular_disclosure_review');
  });

  it('the facility figures count the conflict and name the person behind it', async () => {
    const c = await centre();
    const { registrar, personId, noticeId } = await sentThenAsylum(c);
    const first = await registrar.safeguards.stats({});
    expect(first).toMatchObject({ disclosureConflicts: 1, disclosureUnreviewed: 1 });
    expect(first.disclosurePeople).toEqual([expect.objectContaining({ personId, reviewed: false })]);
    await registrar.safeguards.reviewDisclosure({ noticeId, review: review(c.clock.now) });
    expect(await registrar.safeguards.stats({})).toMatchObject({ disclosureConflicts: 1, disclosureUnreviewed: 0, disclosurePeople: [expect.objectContaining({ personId, reviewed: true })] });
  });
});
