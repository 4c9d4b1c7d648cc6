import { describe, expect, it } from 'vitest';
import { decisionDeadline, decisionRefusal, disciplineObligations, measureDays, measureStatus, type Decision, type DecisionContext, type DisciplineFact } from '../../core/discipline';
import { statusAt } from '../../core/due-now';
import { receiptLanguagesFor, receiptNeedsInterpreter, releaseSchema } from '../../core/property';
import { defaultSettings } from '../../core/settings';

/** The pure rules of discipline (MC Art. 90) and property (issue #15 §3, §5), each on both sides of its boundary. */

const minute = 60_000;
const day = 86_400_000;
const breach = { occurredAt: '2026-11-23T07:00:00Z', detectedAt: '2026-11-23T08:00:00Z', inquiry: false };
const ctx = (over: Partial<DecisionContext> = {}): DecisionContext => ({
  breach,
  hearingAt: '2026-11-23T09:00:00Z',
  decided: false,
  numberUsedForOther: false,
  regime: 'forced_court',
  child: false,
  timeZone: 'Asia/Baku',
  ...over,
});
const decision = (over: Partial<Decision> = {}): Decision => ({
  measureType: 'reprimand',
  decisionNo: 'D-1',
  decidedAt: '2026-11-23T10:00:00Z',
  startsOn: '2026-11-23',
  endsOn: '2026-11-23',
  reasons: 'r',
  ...over,
});
const refusal = (d: Partial<Decision>, c: Partial<DecisionContext> = {}) => decisionRefusal(decision(d), ctx(c), defaultSettings)?.key ?? null;

describe('discipline rules (MC Art. 90)', () => {
  it('the decision is due 5 days after detection, or one calendar month after the act when an inquiry is held', () => {
    expect(decisionDeadline(breach)).toBe(Date.parse(breach.detectedAt) + 5 * day);
    expect(new Date(decisionDeadline({ ...breach, inquiry: true })).toISOString()).toBe('2026-12-23T07:00:00.000Z');
  });

  it('after an inquiry into an act on 31 January the month ends on 28 February, not in March; a decision a minute later is refused', () => {
    const act = { ...breach, occurredAt: '2026-01-31T07:00:00.000Z', detectedAt: '2026-01-31T08:00:00.000Z', inquiry: true };
    expect(new Date(decisionDeadline(act)).toISOString()).toBe('2026-02-28T07:00:00.000Z');
    expect(new Date(decisionDeadline({ ...act, occurredAt: '2028-01-31T07:00:00.000Z' })).toISOString()).toBe('2028-02-29T07:00:00.000Z');
    const at = (iso: string) =>
      decisionRefusal(
        decision({ decidedAt: iso, inquiryCompletedAt: '2026-02-20T07:00:00.000Z', startsOn: '2026-02-28', endsOn: '2026-02-28' }),
        ctx({ breach: act, hearingAt: '2026-02-27T07:00:00.000Z' }),
        defaultSettings,
      )?.key ?? null;
    expect(at('2026-02-28T07:00:00.000Z')).toBeNull();
    expect(at('2026-02-28T07:01:00.000Z')).toBe('error.discipline.tooLateInquiry');
  });

  it('a decision at the 5-day limit stands; a minute later it is refused', () => {
    const limit = Date.parse(breach.detectedAt) + 5 * day;
    expect(refusal({ decidedAt: new Date(limit).toISOString(), startsOn: '2026-11-28', endsOn: '2026-11-28' })).toBeNull();
    expect(refusal({ decidedAt: new Date(limit + minute).toISOString(), startsOn: '2026-11-28', endsOn: '2026-11-28' })).toBe('error.discipline.tooLate');
  });

  it('each refusal has its own key', () => {
    expect(refusal({}, { decided: true })).toBe('error.discipline.oneMeasurePerBreach');
    expect(refusal({}, { numberUsedForOther: true })).toBe('error.discipline.collective');
    expect(refusal({}, { hearingAt: null })).toBe('error.discipline.noHearing');
    expect(refusal({ decidedAt: '2026-11-23T08:59:00Z' })).toBe('error.discipline.decidedBeforeHearing');
    expect(refusal({}, { breach: { ...breach, inquiry: true } })).toBe('error.discipline.inquiryEndRequired');
    expect(refusal({ inquiryCompletedAt: '2026-11-23T10:01:00Z' }, { breach: { ...breach, inquiry: true } })).toBe('error.discipline.inquiryOrder');
    expect(refusal({ measureType: 'expulsion_from_centre' })).toBe('error.discipline.expulsionVoluntaryOnly');
    expect(refusal({ measureType: 'expulsion_from_centre' }, { regime: 'voluntary_protection' })).toBeNull();
    expect(refusal({ measureType: 'isolation' }, { child: true })).toBe('error.discipline.isolationChild');
    expect(refusal({ startsOn: '2026-11-22', endsOn: '2026-11-22' })).toBe('error.discipline.startsBeforeDecision');
    expect(refusal({ endsOn: '2026-11-24' })).toBe('error.discipline.notLasting');
  });

  it('isolation may last 14 days, not 15; a restriction 30, not 31 (both ends counted)', () => {
    expect(measureDays('2026-11-23', '2026-12-06')).toBe(14);
    expect(refusal({ measureType: 'isolation', endsOn: '2026-12-06' })).toBeNull();
    expect(refusal({ measureType: 'isolation', endsOn: '2026-12-07' })).toBe('error.discipline.beyondLimit');
    expect(refusal({ measureType: 'restriction_of_privileges', endsOn: '2026-12-22' })).toBeNull();
    expect(refusal({ measureType: 'restriction_of_privileges', endsOn: '2026-12-23' })).toBe('error.discipline.beyondLimit');
  });

  it('a measure is in force from its first to its last day, and not once annulled', () => {
    const c = { decidedAt: 'x', startsOn: '2026-11-24', endsOn: '2026-11-26', dropped: false, appealOutcome: null };
    expect(measureStatus(c, '2026-11-23')).toBe('decided');
    expect(measureStatus(c, '2026-11-24')).toBe('in_force');
    expect(measureStatus(c, '2026-11-26')).toBe('in_force');
    expect(measureStatus(c, '2026-11-27')).toBe('ended');
    expect(measureStatus({ ...c, appealOutcome: 'annulled' }, '2026-11-25')).toBe('annulled');
  });

  it('the board shows the decision limit until a decision, then the notice until it is recorded, and nothing for a breach closed without one', () => {
    const f = (b: Partial<DisciplineFact>) => ({
      personId: 'p',
      episodeId: 'e',
      discipline: [{ occurredAt: breach.occurredAt, detectedAt: breach.detectedAt, inquiry: false, decidedAt: null, dropped: false, noticeAt: null, ...b }],
    });
    const [pending] = disciplineObligations(f({}), defaultSettings);
    expect(pending).toMatchObject({ kind: 'discipline_decision', dueAt: new Date(Date.parse(breach.detectedAt) + 5 * day).toISOString() });
    const due = Date.parse(pending!.dueAt);
    expect(statusAt(pending!, due, 'ACTIVE', null)).toBe('due');
    expect(statusAt(pending!, due + 1, 'ACTIVE', null)).toBe('overdue');
    const [notice] = disciplineObligations(f({ decidedAt: '2026-11-23T10:00:00Z' }), defaultSettings);
    expect(notice).toMatchObject({ kind: 'discipline_notice', dueAt: '2026-11-23T11:00:00.000Z' });
    expect(statusAt(notice!, Date.parse('2026-11-23T11:00:00Z'), 'ACTIVE', null)).toBe('due');
    expect(statusAt(notice!, Date.parse('2026-11-23T11:00:00Z') + 1, 'ACTIVE', null)).toBe('overdue');
    expect(disciplineObligations(f({ decidedAt: '2026-11-23T10:00:00Z', noticeAt: '2026-11-23T10:30:00Z' }), defaultSettings)).toEqual([]);
    expect(disciplineObligations(f({ dropped: true }), defaultSettings)).toEqual([]);
  });

  it('the decision limit shows from detection; after an inquiry it is due a calendar month after the act and overdue a moment after', () => {
    const f = (inquiry: boolean) => ({
      personId: 'p',
      episodeId: 'e',
      discipline: [{ occurredAt: breach.occurredAt, detectedAt: breach.detectedAt, inquiry, decidedAt: null, dropped: false, noticeAt: null }],
    });
    const [plain] = disciplineObligations(f(false), defaultSettings);
    expect(plain!.warnFrom).toBe(new Date(breach.detectedAt).toISOString());
    expect(statusAt(plain!, Date.parse(breach.detectedAt) - 1, 'ACTIVE', null)).toBe('upcoming');
    expect(statusAt(plain!, Date.parse(breach.detectedAt), 'ACTIVE', null)).toBe('due');
    const [inquiry] = disciplineObligations(f(true), defaultSettings);
    expect(inquiry).toMatchObject({ kind: 'discipline_decision', dueAt: '2026-12-23T07:00:00.000Z' });
    const due = Date.parse(inquiry!.dueAt);
    expect(statusAt(inquiry!, due, 'ACTIVE', null)).toBe('due');
    expect(statusAt(inquiry!, due + 1, 'ACTIVE', null)).toBe('overdue');
  });

  it('the copy and the appeal explained show from the decision and are due within disciplineNoticeHours of it, overdue a moment after', () => {
    const decidedAt = '2026-11-23T10:00:00.000Z';
    const facts = { personId: 'p', episodeId: 'e', discipline: [{ ...breach, decidedAt, dropped: false, noticeAt: null }] };
    const [o] = disciplineObligations(facts, { disciplineNoticeHours: 0.5 });
    expect(o).toMatchObject({ kind: 'discipline_notice', warnFrom: decidedAt, dueAt: '2026-11-23T10:30:00.000Z' });
    expect(statusAt(o!, Date.parse(decidedAt) - 1, 'ACTIVE', null)).toBe('upcoming');
    expect(statusAt(o!, Date.parse(decidedAt), 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, Date.parse(o!.dueAt), 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, Date.parse(o!.dueAt) + 1, 'ACTIVE', null)).toBe('overdue');
  });
});

describe('property rules', () => {
  it('a receipt prints in the person’s language when it has one, else in az, en and ru read by an interpreter', () => {
    expect(receiptLanguagesFor('ru')).toEqual(['ru']);
    expect(receiptLanguagesFor('Russian')).toEqual(['ru']);
    expect(receiptNeedsInterpreter('ru')).toBe(false);
    expect(receiptLanguagesFor('fa')).toEqual(['az', 'en', 'ru']);
    expect(receiptNeedsInterpreter('fa')).toBe(true);
  });

  it('a release is refused without what it needs: a signature to return, a recipient to hand over, a reason and recipient to keep', () => {
    const at = '2026-11-23T10:00:00Z';
    const key = (r: unknown) => releaseSchema.safeParse(r).error?.issues[0]?.message ?? null;
    expect(key({ at, kind: 'returned' })).toBe('error.property.signatureRequired');
    expect(key({ at, kind: 'returned', acknowledgement: { kind: 'mark' } })).toBeNull();
    expect(key({ at, kind: 'handed_over', acknowledgement: { kind: 'signature' } })).toBe('error.property.handoverNeedsRecipient');
    expect(key({ at, kind: 'retained' })).toBe('error.property.retainNeedsReason');
    expect(key({ at, kind: 'retained', retainReason: 'person_died' })).toBe('error.property.retainNeedsRecipient');
    expect(key({ at, kind: 'retained', retainReason: 'person_died', to: 'Family, via the consulate' })).toBeNull();
    expect(key({ at, kind: 'retained', retainReason: 'other' })).toBe('error.property.retainNeedsNote');
  });
});
