import { describe, expect, it } from 'vitest';
import type { ReceivedRecommendation } from '../../../core/reports/extras';
import { ombudsmanReport } from '../../../core/reports/ombudsman';
import { cell, expectMessagesExist, expectWellFormed, reportContext, rowKeys, table } from '../../helpers/report-facts';

const rec = (over: Partial<ReceivedRecommendation>): ReceivedRecommendation => ({
  facilityId: 'fac-yev',
  visitId: 'visit-yev-march',
  visitedFrom: '2026-03-02',
  issuedAt: '2026-03-09T08:00:00.000Z',
  dueDate: '2026-04-08',
  answeredAt: null,
  answer: null,
  ...over,
});

const recommendations = [
  // Answered on the due day (local): in time.
  rec({ answeredAt: '2026-04-08T19:00:00.000Z', answer: 'accepted' }),
  // 20:30Z on the due day is the next local day: late.
  rec({ answeredAt: '2026-04-08T20:30:00.000Z', answer: 'partially_accepted' }),
  // Due 8 April, unanswered on 15 April: overdue.
  rec({}),
  // Due after today: not yet due.
  rec({ visitId: 'visit-yev-late-march', visitedFrom: '2026-03-25', issuedAt: '2026-03-30T08:00:00.000Z', dueDate: '2026-04-29' }),
  rec({
    facilityId: 'fac-bak',
    visitId: 'visit-bak',
    visitedFrom: '2026-03-10',
    issuedAt: '2026-03-16T08:00:00.000Z',
    dueDate: '2026-04-15',
    answeredAt: '2026-04-01T08:00:00.000Z',
    answer: 'rejected',
  }),
  // Issued in February, from a February visit: neither a visit nor a recommendation of March.
  rec({ visitId: 'visit-yev-feb', visitedFrom: '2026-02-10', issuedAt: '2026-02-20T08:00:00.000Z', dueDate: '2026-03-22' }),
  // Recorded by a device HQ does not place at a facility.
  rec({ facilityId: null, visitId: 'visit-unknown', visitedFrom: '2026-03-03' }),
];

const report = ombudsmanReport(reportContext([], { extras: { recommendations } }));

describe('ombudsman report', () => {
  it('counts each visit once per facility, by its first day', () => {
    const visits = table(report, 'ombudsman_visits');
    expect(cell(visits, 'fac-yev', 'visits').count).toBe(2);
    expect(cell(visits, 'fac-bak', 'visits').count).toBe(1);
    expect(cell(visits, 'facility_unknown', 'visits').count).toBe(1);
    expect(rowKeys(visits)).toEqual(['fac-yev', 'fac-bak', 'facility_unknown']);
  });

  it('counts an answer on the local due day as in time, after it as late, and an unanswered one past its day as overdue', () => {
    const responses = table(report, 'ombudsman_responses');
    expect(cell(responses, 'fac-yev', 'answered_in_time').count).toBe(1);
    expect(cell(responses, 'fac-yev', 'answered_late').count).toBe(1);
    expect(cell(responses, 'fac-yev', 'overdue').count).toBe(1);
    expect(cell(responses, 'fac-yev', 'awaited').count).toBe(1);
    expect(cell(responses, 'fac-bak', 'answered_in_time').count).toBe(1);
    expect(responses.cells.flat().reduce((a, b) => a! + b!, 0)).toBe(6);
  });

  it('counts what the facilities answered', () => {
    const answers = table(report, 'ombudsman_answers');
    expect(cell(answers, 'fac-yev', 'accepted').count).toBe(1);
    expect(cell(answers, 'fac-yev', 'partially_accepted').count).toBe(1);
    expect(cell(answers, 'fac-bak', 'rejected').count).toBe(1);
  });

  it('keeps to one facility when the filter names it', () => {
    const one = ombudsmanReport(reportContext([], { facilityId: 'fac-bak', extras: { recommendations } }));
    const responses = table(one, 'ombudsman_responses');
    expect(cell(responses, 'fac-yev', 'overdue').count).toBe(0);
    expect(cell(responses, 'fac-bak', 'answered_in_time').count).toBe(1);
    expect(rowKeys(responses)).not.toContain('facility_unknown');
  });

  it('exposes nothing but counts: no people, no visit, no recommendation', () => {
    for (const t of report) {
      expect(t.opensPeople).toBe(false);
      expect(t.members).toBeNull();
      expect(t.measure).toBe('count');
      for (const n of t.cells.flat()) expect(Number.isInteger(n)).toBe(true);
    }
    const text = JSON.stringify(report);
    for (const r of recommendations) expect(text).not.toContain(r.visitId);
  });

  it('keeps the shape the console and the exports expect, every label in az, en and ru', () => {
    expectWellFormed(report);
    expectMessagesExist(report);
  });
});
