import { describe, expect, it } from 'vitest';
import type { InquiryRecord } from '../../../core/reports/extras';
import { tracingReport } from '../../../core/reports/tracing';
import { cell, expectMessagesExist, expectWellFormed, reportContext, rowKeys, table } from '../../helpers/report-facts';

const inquiry = (over: Partial<InquiryRecord>): InquiryRecord => ({ receivedOn: '2026-02-02', dueOn: '2026-02-16', status: 'open', answeredAt: null, outcome: null, ...over });

const inquiries = [
  // Open on 15 April, due on 16 February: overdue.
  inquiry({}),
  // Due on 15 April, today: still in time.
  inquiry({ receivedOn: '2026-04-01', dueOn: '2026-04-15' }),
  // Told on the due day, at 23:00 in Baku: in time.
  inquiry({ receivedOn: '2026-02-03', status: 'answered', answeredAt: '2026-02-16T19:00:00.000Z', outcome: 'located' }),
  // Told at 00:30 the next day in Baku: late.
  inquiry({ receivedOn: '2026-02-03', status: 'answered', answeredAt: '2026-02-16T20:30:00.000Z', outcome: 'withheld' }),
  inquiry({ receivedOn: '2026-03-05', dueOn: '2026-03-19', status: 'answered', answeredAt: '2026-03-06T08:00:00.000Z', outcome: 'contact_refused' }),
  inquiry({ receivedOn: '2026-03-06', dueOn: '2026-03-20', status: 'closed' }),
  inquiry({ receivedOn: '2026-03-07', dueOn: '2026-03-21', status: 'closed', answeredAt: '2026-03-08T08:00:00.000Z', outcome: 'not_located' }),
  // Received the day before the period.
  inquiry({ receivedOn: '2025-12-31', dueOn: '2026-01-15' }),
];

const report = tracingReport(reportContext([], { from: '2026-01-01', to: '2026-04-30', extras: { inquiries } }));

describe('tracing inquiries report', () => {
  it('counts the inquiries received in the period by month received and where each stands today', () => {
    const t = table(report, 'tracing_inquiries');
    expect(rowKeys(t)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(cell(t, '2026-02', 'overdue').count).toBe(1);
    expect(cell(t, '2026-04', 'open').count).toBe(1);
    expect(cell(t, '2026-02', 'located').count).toBe(1);
    expect(cell(t, '2026-02', 'withheld').count).toBe(1);
    // A refused contact says nothing of where the person is: withheld.
    expect(cell(t, '2026-03', 'withheld').count).toBe(1);
    expect(cell(t, '2026-03', 'closed').count).toBe(1);
    // Answered, then closed: what the requester was told.
    expect(cell(t, '2026-03', 'not_located').count).toBe(1);
    expect(t.cells.flat().reduce((a, b) => a! + b!, 0)).toBe(7);
  });

  it('counts an answer told on the local due day as in time, and after it as late', () => {
    const t = table(report, 'tracing_timeliness');
    expect(cell(t, '2026-02', 'answered_in_time').count).toBe(1);
    expect(cell(t, '2026-02', 'answered_late').count).toBe(1);
    expect(cell(t, '2026-03', 'answered_in_time').count).toBe(2);
  });

  it('opens no one: inquiries are records', () => {
    for (const t of report) {
      expect(t.opensPeople).toBe(false);
      expect(t.members).toBeNull();
    }
  });

  it('keeps the shape the console and the exports expect, every label in az, en and ru', () => {
    expectWellFormed(report);
    expectMessagesExist(report);
  });
});
