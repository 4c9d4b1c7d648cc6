import { describe, expect, it } from 'vitest';
import { disciplineFigures } from '../../../main/services/discipline';
import { refusal, useCentre } from '../../helpers/centre';
import { day, hour, intakeAt } from '../../helpers/intake';

/**
 * Discipline through the real client and roles (issue #15 §3, MC Art. 90): every refusal rule with its
 * translated key and nothing recorded, the decision and notice deadlines on both sides of their boundary,
 * appeals, and the figures.
 */
const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();
const minute = 60_000;
type Centre = Awaited<ReturnType<ReturnType<typeof useCentre>>>;

/** A person admitted now; a breach one hour later, detected at once; a hearing in Farsi an hour after. */
async function withBreach(c: Centre, opts: { inquiry?: boolean; regime?: 'forced_court' | 'voluntary_protection'; birth?: string; hear?: boolean } = {}) {
  const registrar = await c.as('registrar');
  const start = c.clock.now;
  const base = intakeAt(start);
  const { episodeId, personId } = await registrar.intake.submit({
    ...base,
    admission: { ...base.admission!, regime: opts.regime ?? 'forced_court' },
    person: { ...base.person!, birth: { date: opts.birth ?? '1991-03-14', estimated: false } },
  });
  await c.advance(3 * hour);
  const occurred = start + hour;
  const { caseId } = await registrar.discipline.recordBreach({
    episodeId,
    breach: { what: 'Broke the window of room 12', rule: 'Internal rules 4.2', occurredAt: iso(occurred), detectedAt: iso(occurred), place: 'Block B, room 12', inquiry: opts.inquiry ?? false },
  });
  if (opts.hear !== false) await registrar.discipline.recordHearing({ caseId, hearing: { at: iso(occurred + hour), language: 'fa', statement: 'It was an accident.' } });
  return { registrar, head: await c.as('centre_head'), episodeId, personId, caseId, start, occurred };
}

const decision = (at: number, over: Record<string, unknown> = {}) => ({
  measureType: 'reprimand' as const,
  decisionNo: 'D-1',
  decidedAt: iso(at),
  startsOn: iso(at).slice(0, 10),
  endsOn: iso(at).slice(0, 10),
  reasons: 'Damage to property; first breach.',
  ...over,
});

describe('discipline (issue #15 §3, MC Art. 90)', () => {
  it('a measure goes from breach through hearing, decision, notice and appeal to an annulment that ends it', async () => {
    const c = await centre();
    const { head, registrar, personId, caseId } = await withBreach(c);
    const at = c.clock.now;
    await head.discipline.decide({ caseId, decision: decision(at - minute, { measureType: 'restriction_of_privileges', endsOn: '2026-11-30' }), officerName: 'A. Həsənov' });
    await registrar.discipline.recordNotice({ caseId, notice: { copyHandedAt: iso(at), appealExplainedAt: iso(at), language: 'fa' } });
    await registrar.discipline.recordAppeal({ caseId, appeal: { filedAt: iso(at), to: 'Nasimi District Court' } });
    let [view] = (await registrar.discipline.list({ personId })).cases;
    expect(view).toMatchObject({ status: 'in_force', decision: { measureType: 'restriction_of_privileges', officerName: 'A. Həsənov' }, appeal: { to: 'Nasimi District Court', outcome: null } });
    await registrar.discipline.recordAppealOutcome({ caseId, outcome: { outcome: 'annulled', decidedAt: iso(at) } });
    [view] = (await registrar.discipline.list({ personId })).cases;
    expect(view!.status).toBe('annulled');
  });

  it('a changed measure keeps its start and takes the shorter end; a longer end is refused', async () => {
    const c = await centre();
    const { head, registrar, personId, caseId } = await withBreach(c);
    const at = c.clock.now;
    await head.discipline.decide({ caseId, decision: decision(at, { measureType: 'isolation', endsOn: '2026-11-30' }), officerName: 'A. Həsənov' });
    await registrar.discipline.recordAppeal({ caseId, appeal: { filedAt: iso(at), to: 'Court' } });
    expect((await refusal(registrar.discipline.recordAppealOutcome({ caseId, outcome: { outcome: 'changed', decidedAt: iso(at), endsOn: '2026-12-05' } }))).messageKey).toBe(
      'error.discipline.changedEnd',
    );
    await registrar.discipline.recordAppealOutcome({ caseId, outcome: { outcome: 'changed', decidedAt: iso(at), endsOn: '2026-11-25' } });
    expect((await registrar.discipline.list({ personId })).cases[0]!.decision).toMatchObject({ startsOn: '2026-11-23', endsOn: '2026-11-25' });
  });

  it('only the centre head decides a measure: a registrar is refused', async () => {
    const c = await centre();
    const { registrar, caseId } = await withBreach(c);
    expect((await refusal(registrar.discipline.decide({ caseId, decision: decision(c.clock.now), officerName: 'X' }))).code).toBe('forbidden');
    expect(c.count('discipline_cases')).toBe(1);
  });

  it('a measure without a hearing is refused, and so is one decided before the hearing', async () => {
    const c = await centre();
    const { head, registrar, caseId, occurred } = await withBreach(c, { hear: false });
    expect((await refusal(head.discipline.decide({ caseId, decision: decision(c.clock.now), officerName: 'X' }))).messageKey).toBe('error.discipline.noHearing');
    await registrar.discipline.recordHearing({ caseId, hearing: { at: iso(occurred + 2 * hour), language: 'ru', statement: 'No comment.' } });
    expect((await refusal(head.discipline.decide({ caseId, decision: decision(occurred + hour), officerName: 'X' }))).messageKey).toBe('error.discipline.decidedBeforeHearing');
  });

  it('a hearing in a language the person does not understand is refused without an interpreter, and accepted with one into their language', async () => {
    const c = await centre();
    const { registrar, caseId, occurred } = await withBreach(c, { hear: false });
    const hearing = { at: iso(occurred + hour), language: 'az', statement: 'Denies it.' };
    const e = await refusal(registrar.discipline.recordHearing({ caseId, hearing }));
    expect(e.messageKey).toBe('error.discipline.hearingLanguage');
    expect((await refusal(registrar.discipline.recordHearing({ caseId, hearing: { ...hearing, interpreterName: 'N. Ahmadi', interpreterLanguage: 'de' } }))).messageKey).toBe(
      'error.discipline.hearingLanguage',
    );
    await registrar.discipline.recordHearing({ caseId, hearing: { ...hearing, interpreterName: 'N. Ahmadi', interpreterLanguage: 'fa' } });
  });

  it('one breach, one measure: a second decision on the same breach is refused (MC 90.4)', async () => {
    const c = await centre();
    const { head, caseId } = await withBreach(c);
    await head.discipline.decide({ caseId, decision: decision(c.clock.now), officerName: 'X' });
    expect((await refusal(head.discipline.decide({ caseId, decision: decision(c.clock.now, { decisionNo: 'D-2' }), officerName: 'X' }))).messageKey).toBe('error.discipline.oneMeasurePerBreach');
  });

  it('a collective measure is refused: a decision number already used for another person', async () => {
    const c = await centre();
    const first = await withBreach(c);
    await first.head.discipline.decide({ caseId: first.caseId, decision: decision(c.clock.now), officerName: 'X' });
    const registrar = await c.as('registrar');
    const other = await registrar.intake.submit(intakeAt(c.clock.now, {}, { names: { original: 'Ali Karimi', latin: 'Ali Karimi', aliases: [] }, languages: ['fa'] }));
    await c.advance(hour);
    const { caseId } = await registrar.discipline.recordBreach({
      episodeId: other.episodeId,
      breach: { what: 'Broke the window of room 12', rule: '4.2', occurredAt: iso(c.clock.now - 10 * minute), detectedAt: iso(c.clock.now - 10 * minute), place: 'Room 12', inquiry: false },
    });
    await registrar.discipline.recordHearing({ caseId, hearing: { at: iso(c.clock.now - 5 * minute), language: 'fa', statement: '—' } });
    const e = await refusal(first.head.discipline.decide({ caseId, decision: decision(c.clock.now), officerName: 'X' }));
    expect(e.messageKey).toBe('error.discipline.collective');
    expect(e.fields?.['decision.decisionNo']?.key).toBe('error.discipline.collective');
  });

  it('a measure beyond its limit is refused: isolation of 15 days, a reprimand lasting two days', async () => {
    const c = await centre();
    const { head, caseId } = await withBreach(c);
    expect((await refusal(head.discipline.decide({ caseId, decision: decision(c.clock.now, { measureType: 'isolation', endsOn: '2026-12-07' }), officerName: 'X' }))).messageKey).toBe(
      'error.discipline.beyondLimit',
    );
    expect((await refusal(head.discipline.decide({ caseId, decision: decision(c.clock.now, { endsOn: '2026-11-24' }), officerName: 'X' }))).messageKey).toBe('error.discipline.notLasting');
    await head.discipline.decide({ caseId, decision: decision(c.clock.now, { measureType: 'isolation', endsOn: '2026-12-06' }), officerName: 'X' });
  });

  it('a child is not isolated, and expulsion from the centre applies only to a voluntary stay', async () => {
    const c = await centre();
    const child = await withBreach(c, { birth: '2011-01-01' });
    expect((await refusal(child.head.discipline.decide({ caseId: child.caseId, decision: decision(c.clock.now, { measureType: 'isolation' }), officerName: 'X' }))).messageKey).toBe(
      'error.discipline.isolationChild',
    );
    expect((await refusal(child.head.discipline.decide({ caseId: child.caseId, decision: decision(c.clock.now, { measureType: 'expulsion_from_centre' }), officerName: 'X' }))).messageKey).toBe(
      'error.discipline.expulsionVoluntaryOnly',
    );
  });

  it('a decision later than 5 days after detection is refused; at 5 days it stands', async () => {
    const c = await centre();
    const { head, caseId, occurred } = await withBreach(c);
    await c.advance(occurred + 5 * day + minute - c.clock.now);
    expect((await refusal(head.discipline.decide({ caseId, decision: decision(occurred + 5 * day + minute), officerName: 'X' }))).messageKey).toBe('error.discipline.tooLate');
    await head.discipline.decide({ caseId, decision: decision(occurred + 5 * day), officerName: 'X' });
  });

  it('after an inquiry the decision waits for its end and comes within a month of the act', async () => {
    const c = await centre();
    const { head, caseId, occurred } = await withBreach(c, { inquiry: true });
    const month = Date.parse('2026-12-23T07:00:00Z'); // one calendar month after the act (23 Nov, 07:00)
    await c.advance(month + minute - c.clock.now);
    expect((await refusal(head.discipline.decide({ caseId, decision: decision(month), officerName: 'X' }))).messageKey).toBe('error.discipline.inquiryEndRequired');
    expect((await refusal(head.discipline.decide({ caseId, decision: decision(month + minute, { inquiryCompletedAt: iso(month - day) }), officerName: 'X' }))).messageKey).toBe(
      'error.discipline.tooLateInquiry',
    );
    await head.discipline.decide({ caseId, decision: decision(month, { inquiryCompletedAt: iso(occurred + 10 * day) }), officerName: 'X' });
  });

  it('a breach with no decision shows the MC 90.5 limit: due at 5 days, overdue a minute after; a decision clears it', async () => {
    const c = await centre();
    const { registrar, head, caseId, occurred } = await withBreach(c);
    const status = async (at: number) => {
      await c.advance(at - c.clock.now);
      return (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'discipline_decision')?.status;
    };
    expect(await status(occurred + 5 * day - minute)).toBe('due');
    expect(await status(occurred + 5 * day)).toBe('due');
    expect(await status(occurred + 5 * day + minute)).toBe('overdue');
    await head.discipline.drop({ caseId, drop: { at: iso(occurred + 5 * day), reason: 'Not proven.' } });
    expect(await status(c.clock.now)).toBeUndefined();
  });

  it('the copy and the appeal notice are owed within the hour of the decision: due at the hour, overdue a minute after, gone once recorded', async () => {
    const c = await centre();
    const { registrar, head, caseId } = await withBreach(c);
    const decided = c.clock.now;
    await head.discipline.decide({ caseId, decision: decision(decided), officerName: 'X' });
    const status = async (at: number) => {
      await c.advance(at - c.clock.now);
      return (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'discipline_notice')?.status;
    };
    expect(await status(decided + hour - minute)).toBe('due');
    expect(await status(decided + hour)).toBe('due');
    expect(await status(decided + hour + minute)).toBe('overdue');
    expect((await refusal(registrar.discipline.recordNotice({ caseId, notice: { copyHandedAt: iso(c.clock.now), appealExplainedAt: iso(c.clock.now), language: 'az' } }))).messageKey).toBe(
      'error.discipline.noticeLanguage',
    );
    await registrar.discipline.recordNotice({ caseId, notice: { copyHandedAt: iso(c.clock.now), appealExplainedAt: iso(c.clock.now), language: 'ru' } });
    expect(await status(c.clock.now)).toBeUndefined();
  });

  it('a copy handed or an appeal explained before the decision is refused on its field and the notice stays owed; at the decision itself it is accepted', async () => {
    const c = await centre();
    const { registrar, head, caseId } = await withBreach(c);
    const decided = c.clock.now;
    await head.discipline.decide({ caseId, decision: decision(decided), officerName: 'A. Həsənov' });
    const owed = async () => (await registrar.dueNow.list({ includeUpcoming: true })).items.some((i) => i.kind === 'discipline_notice');
    const events = c.count('events');
    const copyEarly = await refusal(registrar.discipline.recordNotice({ caseId, notice: { copyHandedAt: iso(decided - minute), appealExplainedAt: iso(decided), language: 'fa' } }));
    expect(copyEarly.fields?.['notice.copyHandedAt']?.key).toBe('error.discipline.beforeDecision');
    const appealEarly = await refusal(registrar.discipline.recordNotice({ caseId, notice: { copyHandedAt: iso(decided), appealExplainedAt: iso(decided - minute), language: 'fa' } }));
    expect(appealEarly.fields?.['notice.appealExplainedAt']?.key).toBe('error.discipline.beforeDecision');
    expect(c.count('events')).toBe(events);
    expect(await owed()).toBe(true);
    await registrar.discipline.recordNotice({ caseId, notice: { copyHandedAt: iso(decided), appealExplainedAt: iso(decided), language: 'fa' } });
    expect(await owed()).toBe(false);
  });

  it('times in the future are refused and nothing is recorded', async () => {
    const c = await centre();
    const { registrar, episodeId } = await withBreach(c);
    const later = iso(c.clock.now + hour);
    const e = await refusal(registrar.discipline.recordBreach({ episodeId, breach: { what: 'x', rule: 'r', occurredAt: later, detectedAt: later, place: 'p', inquiry: false } }));
    expect(e.fields?.['breach.occurredAt']?.key).toBe('error.time.inFuture');
    expect(c.count('discipline_cases')).toBe(1);
  });

  it('the figures count measures by type, breaches without one, appeals by outcome and the measures in force', async () => {
    const c = await centre();
    const { head, registrar, caseId } = await withBreach(c);
    const at = c.clock.now;
    await head.discipline.decide({ caseId, decision: decision(at, { measureType: 'isolation', endsOn: '2026-11-25' }), officerName: 'X' });
    await registrar.discipline.recordAppeal({ caseId, appeal: { filedAt: iso(at), to: 'Court' } });
    await registrar.discipline.recordAppealOutcome({ caseId, outcome: { outcome: 'upheld', decidedAt: iso(at) } });
    const store = c.inst.backend.installation.requireStore();
    const f = disciplineFigures(store, '2026-11-23', '2026-11-24');
    expect(f).toMatchObject({ breaches: 1, measures: 1, withoutMeasure: 0, appeals: 1, appealOutcomes: { upheld: 1, annulled: 0, changed: 0 }, inForceOnLastDay: 1 });
    expect(f.measuresByType).toMatchObject({ isolation: 1, reprimand: 0 });
    expect(disciplineFigures(store, '2026-11-26', '2026-11-30')).toMatchObject({ breaches: 0, measures: 0, inForceOnLastDay: 0 });
  });
});
