import { describe, expect, it } from 'vitest';
import { maskObligationKind, obligations, statusAt, type EpisodeFacts, type Obligation } from '../../core/due-now';
import { exitExamOwed, injurySchema, reportOnTime, type HealthFacts } from '../../core/health';
import { defaultSettings } from '../../core/settings';

const s = defaultSettings; // Asia/Baku (UTC+4)
const day = 86_400_000;
const hour = 3_600_000;
const admitted = '2026-11-23T06:00:00.000Z';
const exam = '2026-11-23T06:10:00.000Z';

const noHealth: HealthFacts = { plannedExitAt: null, exitExamAt: null, exitExamNotDone: false, childExams: [], visits: [], injuriesNotSeen: [] };

const episode = (health: Partial<HealthFacts>, over: Partial<EpisodeFacts> = {}): EpisodeFacts => ({
  personId: 'p1',
  episodeId: 'x1',
  state: 'ACTIVE',
  regime: 'forced_court',
  apprehendedAt: null,
  admittedAt: admitted,
  termEnd: null,
  lastReviewAt: null,
  medicalCheckAt: exam,
  screenedAt: admitted,
  flags: [],
  guardianAppointed: false,
  referrals: [],
  asylum: [],
  rights: [],
  statusChanges: [],
  unaccompaniedChildSince: null,
  consular: null,
  legalAid: { firstContactAt: null, waived: false },
  health: { ...noHealth, ...health },
  ...over,
});

const one = (f: EpisodeFacts, kind: string): Obligation[] => obligations(f, s).filter((o) => o.kind === kind);
const at = (o: Obligation, ms: number, f: EpisodeFacts) => statusAt(o, ms, f.state, f.termEnd);

describe('the examination before leaving (docs/domain.md §4 "on leaving")', () => {
  const planned = '2026-12-01T08:00:00.000Z';
  const f = episode({ plannedExitAt: planned }, { state: 'EXIT_PENDING' });

  it('is owed by the planned exit once the exit is scheduled: upcoming, due the day before, still due at the planned time, overdue a moment later', () => {
    const [o] = one(f, 'exit_medical_exam');
    expect(o!.dueAt).toBe(planned);
    const due = Date.parse(planned);
    expect(at(o!, due - day - 1, f)).toBe('upcoming');
    expect(at(o!, due - day, f)).toBe('due');
    expect(at(o!, due, f)).toBe('due');
    expect(at(o!, due + 1, f)).toBe('overdue');
  });

  it('is not owed before an exit is scheduled, nor once the exam or the reason is recorded', () => {
    expect(one(episode({}), 'exit_medical_exam')).toEqual([]);
    expect(one(episode({ plannedExitAt: planned, exitExamAt: '2026-11-30T08:00:00.000Z' }, { state: 'EXIT_PENDING' }), 'exit_medical_exam')).toEqual([]);
    expect(one(episode({ plannedExitAt: planned, exitExamNotDone: true }, { state: 'EXIT_PENDING' }), 'exit_medical_exam')).toEqual([]);
  });

  it('escape, death and a hand-over to a hospital owe none; every other way out does', () => {
    expect(exitExamOwed('escaped')).toBe(false);
    expect(exitExamOwed('died')).toBe(false);
    expect(exitExamOwed('transferred_hospital')).toBe(false);
    expect(exitExamOwed('released_decision')).toBe(true);
    expect(exitExamOwed('expelled')).toBe(true);
  });
});

describe("a child's examinations", () => {
  it('are owed every childMedicalExamDays after the last one: due the day before, overdue after', () => {
    const f = episode({}, { flags: ['child'] });
    const [o] = one(f, 'child_medical_exam');
    const due = Date.parse(exam) + s.childMedicalExamDays * day;
    expect(o!.dueAt).toBe(new Date(due).toISOString());
    expect(at(o!, due - day - 1, f)).toBe('upcoming');
    expect(at(o!, due - day, f)).toBe('due');
    expect(at(o!, due, f)).toBe('due');
    expect(at(o!, due + 1, f)).toBe('overdue');
    const later = '2026-12-05T09:00:00.000Z';
    expect(one(episode({ childExams: [later] }, { flags: ['child'] }), 'child_medical_exam')[0]!.dueAt).toBe(new Date(Date.parse(later) + s.childMedicalExamDays * day).toISOString());
  });

  it('are not owed for an adult, nor before the admission examination (that is the medical_check item)', () => {
    expect(one(episode({}), 'child_medical_exam')).toEqual([]);
    expect(one(episode({}, { flags: ['child'], medicalCheckAt: null }), 'child_medical_exam')).toEqual([]);
  });
});

describe('a follow-up', () => {
  it('is due on its local day (Baku) and overdue after it, unless a later visit was recorded', () => {
    const f = episode({ visits: [{ at: '2026-11-24T07:00:00.000Z', followUpOn: '2026-11-27' }] });
    const [o] = one(f, 'medical_follow_up');
    // 27 Nov in Baku (UTC+4) runs from 26 Nov 20:00Z to 27 Nov 19:59:59.999Z.
    expect(at(o!, Date.parse('2026-11-26T19:59:59.999Z'), f)).toBe('upcoming');
    expect(at(o!, Date.parse('2026-11-26T20:00:00.000Z'), f)).toBe('due');
    expect(at(o!, Date.parse('2026-11-27T19:59:59.999Z'), f)).toBe('due');
    expect(at(o!, Date.parse('2026-11-27T20:00:00.000Z'), f)).toBe('overdue');
    expect(one(episode({ visits: [...f.health!.visits, { at: '2026-11-27T07:00:00.000Z', followUpOn: null }] }), 'medical_follow_up')).toEqual([]);
  });
});

describe('an injury not seen at admission', () => {
  const examined = '2026-11-25T10:00:00.000Z';
  it('owes a report to the prosecutor and one to the ombudsman within injuryReportHours: due at once, overdue a moment after', () => {
    const f = episode({ injuriesNotSeen: [{ examinedAt: examined, reported: [] }] });
    const items = obligations(f, s).filter((o) => o.kind.startsWith('injury_report_'));
    expect(items.map((o) => o.kind)).toEqual(['injury_report_prosecutor', 'injury_report_ombudsman']);
    const due = Date.parse(examined) + s.injuryReportHours * hour;
    for (const o of items) {
      expect(at(o, Date.parse(examined) - 1, f)).toBe('upcoming');
      expect(at(o, Date.parse(examined), f)).toBe('due');
      expect(at(o, due, f)).toBe('due');
      expect(at(o, due + 1, f)).toBe('overdue');
    }
    expect(obligations(episode({ injuriesNotSeen: [{ examinedAt: examined, reported: ['prosecutor'] }] }), s).map((o) => o.kind)).not.toContain('injury_report_prosecutor');
  });

  it('a report sent at the last instant is on time, one a moment later is late', () => {
    const due = Date.parse(examined) + s.injuryReportHours * hour;
    expect(reportOnTime(examined, new Date(due).toISOString(), s)).toBe(true);
    expect(reportOnTime(examined, new Date(due + 1).toISOString(), s)).toBe(false);
  });

  it('the report items and a follow-up are masked without medical.read; the exit and child examinations are not', () => {
    expect(maskObligationKind('injury_report_prosecutor', true, false, false)).toBe('restricted');
    expect(maskObligationKind('injury_report_prosecutor', false, false, true)).toBe('injury_report_prosecutor');
    expect(maskObligationKind('medical_follow_up', true, false, false)).toBe('restricted');
    expect(maskObligationKind('exit_medical_exam', false, false, false)).toBe('exit_medical_exam');
    expect(maskObligationKind('child_medical_exam', false, false, false)).toBe('child_medical_exam');
  });

  it('"elsewhere on the body" needs the place described', () => {
    const base = { examinedAt: examined, examiner: 'Dr. N.', region: 'other' as const, account: 'a', finding: 'f', seenAtAdmission: 'not_seen' as const };
    expect(injurySchema.safeParse(base).success).toBe(false);
    expect(injurySchema.safeParse({ ...base, locationNote: 'behind the right ear' }).success).toBe(true);
  });
});
