import { describe, expect, it } from 'vitest';
import {
  answerDueAt,
  appealFileSchema,
  appealOutcomeSchema,
  complaintLodgeSchema,
  complaintObligations,
  complaintStatus,
  forwardDueAt,
  mayReadComplaint,
  type ComplaintFacts,
} from '../../core/complaints';
import { obligations, statusAt, type EpisodeFacts } from '../../core/due-now';
import { defaultSettings } from '../../core/settings';

const s = defaultSettings; // Asia/Baku (UTC+4), Saturdays and Sundays off
const minute = 60_000;

// Received on Monday 23 Nov 2026 at 10:00 Baku time.
const received = '2026-11-23T06:00:00.000Z';
const toHead: ComplaintFacts = { complaintId: 'c1', addressee: 'centre_head', receivedAt: received, forwardedAt: null, answeredAt: null, escalated: false, aboutStaff: false };

const episode = (over: Partial<EpisodeFacts> = {}): EpisodeFacts => ({
  personId: 'p1',
  episodeId: 'x1',
  state: 'ACTIVE',
  regime: 'forced_court',
  apprehendedAt: null,
  admittedAt: null,
  termEnd: null,
  lastReviewAt: null,
  medicalCheckAt: null,
  screenedAt: null,
  flags: [],
  guardianAppointed: false,
  referrals: [],
  asylum: [],
  rights: [],
  statusChanges: [],
  unaccompaniedChildSince: null,
  consular: null,
  legalAid: { firstContactAt: null, waived: false },
  ...over,
});

describe('the answer to a request or complaint', () => {
  it('is due at the end of the 15th working day after receipt for the centre head, weekends not counted', () => {
    // 15 working days after Mon 23 Nov: Mon 14 Dec 2026; end of that day in Baku is 19:59:59.999Z.
    expect(new Date(answerDueAt(toHead, s)).toISOString()).toBe('2026-12-14T19:59:59.999Z');
  });

  it('to an addressee outside the centre runs from the day it was forwarded, with that addressee’s own days', () => {
    const toOmbudsman = { ...toHead, addressee: 'ombudsman' as const, forwardedAt: '2026-11-24T07:00:00.000Z' };
    // 30 working days after Tue 24 Nov 2026: Tue 5 Jan 2027.
    expect(new Date(answerDueAt(toOmbudsman, s)).toISOString()).toBe('2027-01-05T19:59:59.999Z');
    expect(new Date(answerDueAt({ ...toOmbudsman, forwardedAt: null }, { ...s, complaintDaysOmbudsman: 5 })).toISOString()).toBe('2026-11-30T19:59:59.999Z');
  });

  it('is open at its due time and overdue one moment after; answered or escalated items are never overdue', () => {
    const due = answerDueAt(toHead, s);
    expect(complaintStatus(toHead, s, due - minute)).toBe('open');
    expect(complaintStatus(toHead, s, due)).toBe('open');
    expect(complaintStatus(toHead, s, due + 1)).toBe('overdue');
    expect(complaintStatus({ ...toHead, answeredAt: '2026-11-25T06:00:00.000Z' }, s, due + 1)).toBe('answered');
    expect(complaintStatus({ ...toHead, escalated: true }, s, due + 1)).toBe('escalated');
  });

  it('an item not forwarded within the forwarding time is overdue at once, though its answer is not yet due', () => {
    const toCourt = { ...toHead, addressee: 'court' as const };
    const by = forwardDueAt(toCourt, s);
    expect(by).toBe(Date.parse(received) + 24 * 3_600_000);
    expect(complaintStatus(toCourt, s, by)).toBe('open');
    expect(complaintStatus(toCourt, s, by + 1)).toBe('overdue');
    expect(complaintStatus({ ...toCourt, forwardedAt: received }, s, by + 1)).toBe('open');
  });
});

describe('the deadlines a request, complaint or appeal raises', () => {
  const kinds = (f: Parameters<typeof complaintObligations>[0]) => complaintObligations(f, s).map((o) => o.kind);

  it('an item to the centre head owes an answer, one to an outside addressee also owes its forwarding', () => {
    expect(kinds({ personId: 'p1', episodeId: 'x1', complaints: [toHead] })).toEqual(['complaint_answer']);
    expect(kinds({ personId: 'p1', episodeId: 'x1', complaints: [{ ...toHead, addressee: 'prosecutor' }] })).toEqual(['complaint_forward', 'complaint_answer']);
    expect(kinds({ personId: 'p1', episodeId: 'x1', complaints: [{ ...toHead, addressee: 'prosecutor', forwardedAt: received }] })).toEqual(['complaint_answer']);
    expect(kinds({ personId: 'p1', episodeId: 'x1', complaints: [{ ...toHead, answeredAt: received }] })).toEqual([]);
    expect(kinds({ personId: 'p1', episodeId: 'x1', complaints: [{ ...toHead, escalated: true }] })).toEqual([]);
  });

  it('a complaint about staff is owed under one neutral kind that names no one', () => {
    expect(kinds({ personId: 'p1', episodeId: 'x1', complaints: [{ ...toHead, addressee: 'ombudsman', aboutStaff: true }] })).toEqual(['restricted_complaint', 'restricted_complaint']);
  });

  it('the answer shows as coming up three working days before it is due, and the board says due and overdue on either side of the boundary', () => {
    const [o] = complaintObligations({ personId: 'p1', episodeId: 'x1', complaints: [toHead] }, s);
    expect(o!.warnFrom).toBe('2026-12-08T20:00:00.000Z'); // start of Wed 9 Dec in Baku
    const due = Date.parse(o!.dueAt);
    expect(statusAt(o!, Date.parse(o!.warnFrom) - 1, 'ACTIVE', null)).toBe('upcoming');
    expect(statusAt(o!, Date.parse(o!.warnFrom), 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, due - minute, 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, due, 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, due + 1, 'ACTIVE', null)).toBe('overdue');
  });

  it('the forwarding to an outside addressee shows from receipt and is due 24 hours after it: due at the 24th hour, overdue a moment after', () => {
    const [o] = complaintObligations({ personId: 'p1', episodeId: 'x1', complaints: [{ ...toHead, addressee: 'prosecutor' }] }, s);
    expect(o).toMatchObject({ kind: 'complaint_forward', warnFrom: received, dueAt: '2026-11-24T06:00:00.000Z' });
    const due = Date.parse(o!.dueAt);
    expect(statusAt(o!, Date.parse(received) - 1, 'ACTIVE', null)).toBe('upcoming');
    expect(statusAt(o!, Date.parse(received), 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, due, 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, due + 1, 'ACTIVE', null)).toBe('overdue');
  });

  it('a complaint about staff keeps the ordinary clocks under its neutral kind: forwarding and answer each due at their time and overdue a moment after', () => {
    const plain = complaintObligations({ personId: 'p1', episodeId: 'x1', complaints: [{ ...toHead, addressee: 'sms' }] }, s);
    const staff = complaintObligations({ personId: 'p1', episodeId: 'x1', complaints: [{ ...toHead, addressee: 'sms', aboutStaff: true }] }, s);
    expect(plain.map((o) => o.kind)).toEqual(['complaint_forward', 'complaint_answer']);
    expect(staff.map((o) => o.kind)).toEqual(['restricted_complaint', 'restricted_complaint']);
    expect(staff.map(({ dueAt, warnFrom }) => ({ dueAt, warnFrom }))).toEqual(plain.map(({ dueAt, warnFrom }) => ({ dueAt, warnFrom })));
    for (const o of staff) {
      const due = Date.parse(o.dueAt);
      expect(statusAt(o, due, 'ACTIVE', null)).toBe('due');
      expect(statusAt(o, due + 1, 'ACTIVE', null)).toBe('overdue');
    }
  });

  it('a public holiday in the answer period moves the due day and the warning one working day later', () => {
    // Tue 1 Dec 2026 a holiday: the 15th working day after Mon 23 Nov is Tue 15 Dec, the warning from Thu 10 Dec.
    const withHoliday = { ...s, holidays: ['2026-12-01'] };
    const [o] = complaintObligations({ personId: 'p1', episodeId: 'x1', complaints: [toHead] }, withHoliday);
    expect(o).toMatchObject({ kind: 'complaint_answer', warnFrom: '2026-12-09T20:00:00.000Z', dueAt: '2026-12-15T19:59:59.999Z' });
    expect(statusAt(o!, Date.parse('2026-12-09T19:59:59.999Z'), 'ACTIVE', null)).toBe('upcoming');
    expect(statusAt(o!, Date.parse('2026-12-09T20:00:00.000Z'), 'ACTIVE', null)).toBe('due');
    // The end of Mon 14 Dec, when it would have been overdue without the holiday, is still within the time.
    expect(statusAt(o!, Date.parse('2026-12-14T20:00:00.000Z'), 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, Date.parse('2026-12-15T19:59:59.999Z'), 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, Date.parse('2026-12-15T20:00:00.000Z'), 'ACTIVE', null)).toBe('overdue');
  });

  it('the working days count from the local day of receipt: a moment before Monday begins in Baku it counts from Sunday, at midnight from Monday', () => {
    const dueFor = (receivedAt: string) => complaintObligations({ personId: 'p1', episodeId: 'x1', complaints: [{ ...toHead, receivedAt }] }, s)[0]!.dueAt;
    // 19:59:59.999Z on Sun 29 Nov is 23:59:59.999 in Baku: 15 working days from Sunday end on Fri 18 Dec.
    expect(dueFor('2026-11-29T19:59:59.999Z')).toBe('2026-12-18T19:59:59.999Z');
    // 20:00Z is Monday 00:00 in Baku: 15 working days from Monday end on Mon 21 Dec.
    expect(dueFor('2026-11-29T20:00:00.000Z')).toBe('2026-12-21T19:59:59.999Z');
  });

  it('an answer time shorter than the warning shows from receipt, never before it', () => {
    const [o] = complaintObligations({ personId: 'p1', episodeId: 'x1', complaints: [toHead] }, { ...s, complaintDaysCentreHead: 1 });
    expect(o).toMatchObject({ warnFrom: received, dueAt: '2026-11-24T19:59:59.999Z' });
    expect(statusAt(o!, Date.parse(received) - 1, 'ACTIVE', null)).toBe('upcoming');
    expect(statusAt(o!, Date.parse(received), 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, Date.parse(o!.dueAt) + 1, 'ACTIVE', null)).toBe('overdue');
  });

  it('a court’s release order is due at once: due at the order, overdue one moment after, gone when the episode is closed', () => {
    const at = '2026-12-01T08:00:00.000Z';
    const f = episode({ appeals: [{ outcome: 'release_ordered', outcomeAt: at }] });
    const o = obligations(f, s).find((x) => x.kind === 'release_ordered')!;
    expect(o.dueAt).toBe(at);
    expect(statusAt(o, Date.parse(at), 'ACTIVE', null)).toBe('due');
    expect(statusAt(o, Date.parse(at) + 1, 'ACTIVE', null)).toBe('overdue');
    expect(obligations({ ...f, state: 'CLOSED' }, s).filter((x) => x.kind === 'release_ordered')).toEqual([]);
    expect(obligations(episode({ appeals: [{ outcome: 'upheld', outcomeAt: at }] }), s).filter((x) => x.kind === 'release_ordered')).toEqual([]);
  });
});

describe('who may read a complaint about staff', () => {
  it('the centre head who is not named, never the named one, never another role', () => {
    expect(mayReadComplaint(true, ['u-head'], { userId: 'u-other-head', mayReadStaffComplaints: true })).toBe(true);
    expect(mayReadComplaint(true, ['u-head'], { userId: 'u-head', mayReadStaffComplaints: true })).toBe(false);
    expect(mayReadComplaint(true, [], { userId: 'u-duty', mayReadStaffComplaints: false })).toBe(false);
    expect(mayReadComplaint(false, [], { userId: 'u-duty', mayReadStaffComplaints: false })).toBe(true);
  });
});

describe('what a record must say', () => {
  const base = { kind: 'complaint', category: 'conditions', subject: 'Cold cell', lodgedBy: 'person', receivedAt: received, addressee: 'centre_head' };

  it('a request lodged by someone else names them', () => {
    expect(complaintLodgeSchema.safeParse(base).success).toBe(true);
    const r = complaintLodgeSchema.safeParse({ ...base, lodgedBy: 'lawyer' });
    expect(r.success ? null : r.error.issues[0]!.message).toBe('error.complaints.lodgerNameRequired');
    expect(complaintLodgeSchema.safeParse({ ...base, lodgedBy: 'lawyer', lodgedByName: 'F. Əliyev' }).success).toBe(true);
  });

  it('an appeal against an extension says which one, and one against the placement names none', () => {
    const a = { decision: 'extension', filedAt: received, court: 'Baku Administrative Court No. 1' };
    expect(appealFileSchema.safeParse(a).error?.issues[0]?.message).toBe('error.appeals.extensionRequired');
    expect(appealFileSchema.safeParse({ ...a, extensionNo: 1 }).success).toBe(true);
    expect(appealFileSchema.safeParse({ ...a, decision: 'placement', extensionNo: 1 }).error?.issues[0]?.message).toBe('error.appeals.extensionNotPlacement');
  });

  it('a shortened term gives its new end, and only a shortened term does', () => {
    expect(appealOutcomeSchema.safeParse({ outcome: 'term_shortened', at: received }).error?.issues[0]?.message).toBe('error.appeals.newTermEndRequired');
    expect(appealOutcomeSchema.safeParse({ outcome: 'upheld', at: received, newTermEnd: received }).error?.issues[0]?.message).toBe('error.appeals.newTermEndOnlyShortened');
    expect(appealOutcomeSchema.safeParse({ outcome: 'term_shortened', at: received, newTermEnd: received }).success).toBe(true);
  });
});
