import { describe, expect, it } from 'vitest';
import { answerDueAt, type ComplaintFacts } from '../../../core/complaints';
import { incidentsReport } from '../../../core/reports/incidents';
import type { HealthFacts } from '../../../core/health';
import { cell, expectMessagesExist, expectWellFormed, factRow, reportContext, settings, table } from '../../helpers/report-facts';

const iso = (ms: number) => new Date(ms).toISOString();
const complaint = (id: string, over: Partial<ComplaintFacts>): ComplaintFacts => ({
  complaintId: id,
  addressee: 'centre_head',
  receivedAt: '2026-03-02T08:00:00.000Z',
  forwardedAt: null,
  answeredAt: null,
  escalated: false,
  aboutStaff: false,
  ...over,
});
const head = complaint('c', {});
const due = answerDueAt(head, settings);
const health = (injuriesNotSeen: HealthFacts['injuriesNotSeen']): HealthFacts => ({ plannedExitAt: null, exitExamAt: null, exitExamNotDone: false, childExams: [], visits: [], injuriesNotSeen });

const complainant = factRow({
  episodeId: 'ep-complainant',
  facts: {
    complaints: [
      // Answered at the last instant of the due day: in time; a millisecond later: late.
      complaint('c-in-time', { answeredAt: iso(due) }),
      complaint('c-late', { answeredAt: iso(due + 1) }),
      complaint('c-escalated', { escalated: true }),
      // Received on 31 March, 20:30Z: 1 April in Baku, outside the period.
      complaint('c-april', { receivedAt: '2026-03-31T20:30:00.000Z' }),
    ],
  },
});
const unanswered = factRow({
  episodeId: 'ep-unanswered',
  facts: {
    complaints: [
      complaint('c-overdue', { addressee: 'prosecutor', receivedAt: '2026-03-02T08:00:00.000Z', forwardedAt: '2026-03-02T12:00:00.000Z' }),
      // Received on 30 March to the ombudsman (30 working days): still open on 15 April.
      complaint('c-open', { addressee: 'ombudsman', receivedAt: '2026-03-30T08:00:00.000Z', forwardedAt: '2026-03-30T12:00:00.000Z' }),
    ],
  },
});
const disciplined = factRow({
  episodeId: 'ep-discipline',
  facts: {
    discipline: [
      { occurredAt: '2026-03-04T08:00:00.000Z', detectedAt: '2026-03-04T09:00:00.000Z', inquiry: false, decidedAt: '2026-03-05T09:00:00.000Z', dropped: false, noticeAt: '2026-03-05T10:00:00.000Z' },
      { occurredAt: '2026-03-04T08:00:00.000Z', detectedAt: '2026-03-04T09:00:00.000Z', inquiry: false, decidedAt: '2026-03-06T09:00:00.000Z', dropped: false, noticeAt: null },
      { occurredAt: '2026-03-10T08:00:00.000Z', detectedAt: '2026-03-10T09:00:00.000Z', inquiry: true, decidedAt: null, dropped: true, noticeAt: null },
      { occurredAt: '2026-02-10T08:00:00.000Z', detectedAt: '2026-02-27T09:00:00.000Z', inquiry: false, decidedAt: null, dropped: false, noticeAt: null },
    ],
  },
});
const injured = factRow({
  episodeId: 'ep-injured',
  facts: {
    health: health([
      { examinedAt: '2026-03-08T08:00:00.000Z', reported: ['prosecutor', 'ombudsman'] },
      { examinedAt: '2026-03-09T08:00:00.000Z', reported: ['prosecutor'] },
      { examinedAt: '2026-03-09T10:00:00.000Z', reported: [] },
    ]),
  },
});
const died = factRow({
  episodeId: 'ep-died',
  currentFacility: 'fac-bak',
  outcome: 'died',
  closedAt: '2026-03-12T08:00:00.000Z',
  facts: { death: { diedAt: '2026-03-12T06:00:00.000Z', familyKnown: true, notified: ['family', 'prosecutor'], body: 'claimed' } },
});
const diedInFebruary = factRow({
  episodeId: 'ep-died-feb',
  outcome: 'died',
  closedAt: '2026-02-12T08:00:00.000Z',
  facts: { death: { diedAt: '2026-02-12T06:00:00.000Z', familyKnown: false, notified: [], body: null } },
});

const report = incidentsReport(reportContext([complainant, unanswered, disciplined, injured, died, diedInFebruary]));

describe('incidents report', () => {
  it('counts an answer given on the due day as in time, and one after it as late', () => {
    const complaints = table(report, 'incidents_complaints');
    expect(cell(complaints, 'centre_head', 'answered_in_time').members).toEqual(['ep-complainant']);
    expect(cell(complaints, 'centre_head', 'answered_late').members).toEqual(['ep-complainant']);
    expect(cell(complaints, 'centre_head', 'escalated').members).toEqual(['ep-complainant']);
  });

  it('counts an unanswered complaint as overdue once its time has passed, and open before', () => {
    const complaints = table(report, 'incidents_complaints');
    expect(cell(complaints, 'prosecutor', 'overdue').members).toEqual(['ep-unanswered']);
    expect(cell(complaints, 'ombudsman', 'open').members).toEqual(['ep-unanswered']);
  });

  it('counts each complaint received in the period once, by the local day received', () => {
    const complaints = table(report, 'incidents_complaints');
    // Five of the six: the one received after local midnight on 31 March is April's.
    expect(complaints.cells.flat().reduce((a, b) => a! + b!, 0)).toBe(5);
    expect(complaints.totals).toBe(true);
  });

  it('counts breaches detected in the period by what was decided, and whether the copy was handed', () => {
    const discipline = table(report, 'incidents_discipline');
    expect(cell(discipline, '2026-03-04', 'decided_notice').count).toBe(1);
    expect(cell(discipline, '2026-03-04', 'decided_no_notice').members).toEqual(['ep-discipline']);
    expect(cell(discipline, '2026-03-10', 'no_measure').count).toBe(1);
    // Detected in February: not a breach of March, though not yet decided.
    expect(discipline.cells.flat().reduce((a, b) => a! + b!, 0)).toBe(3);
  });

  it('counts injuries found in custody by whether both reports were sent', () => {
    const injuries = table(report, 'incidents_injuries');
    expect(cell(injuries, '2026-03-08', 'reported_both').members).toEqual(['ep-injured']);
    expect(cell(injuries, '2026-03-09', 'reported_one').members).toEqual(['ep-injured']);
    expect(cell(injuries, '2026-03-09', 'not_reported').members).toEqual(['ep-injured']);
  });

  it('counts deaths in the period at the facility that held the person, with whom they were told', () => {
    const deaths = table(report, 'incidents_deaths');
    expect(cell(deaths, 'fac-bak', 'died').members).toEqual(['ep-died']);
    expect(cell(deaths, 'fac-bak', 'notified_family').members).toEqual(['ep-died']);
    expect(cell(deaths, 'fac-bak', 'notified_consul').count).toBe(0);
    expect(cell(deaths, 'fac-bak', 'body_claimed').members).toEqual(['ep-died']);
    expect(cell(deaths, 'fac-yev', 'died').count).toBe(0);
    expect(deaths.totals).toBe(false);
  });

  it('keeps the shape the console and the exports expect, every label in az, en and ru', () => {
    expectWellFormed(report);
    expectMessagesExist(report);
  });
});
