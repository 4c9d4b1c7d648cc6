import { z } from 'zod';
import type { Obligation } from './due-now';
import { isoDate, isoInstant, optionalText, text } from './fields';
import type { Settings } from './settings';
import { endOfLocalDay, hours, localDate, startOfLocalDay, workingDaysBefore } from './time';
import { workingDaysAfter } from './tracing';

/**
 * Requests, complaints and appeals against the placement decision (issue #15 §2, docs/domain.md §9
 * "Requests and complaints", docs/complaints.md). Pure rules: the shapes recorded, when an answer is
 * due, whether an item is overdue, who may read a complaint about staff, and the deadlines they raise.
 */

export const complaintKinds = ['request', 'complaint'] as const;
/** docs/domain.md §9: to the head, the SMS, the ombudsman, a court, the prosecutor. */
export const complaintAddressees = ['centre_head', 'sms', 'ombudsman', 'court', 'prosecutor'] as const;
export type ComplaintAddressee = (typeof complaintAddressees)[number];
export const complaintLodgers = ['person', 'lawyer', 'family', 'other'] as const;
export const complaintCategories = ['conditions', 'treatment_by_staff', 'health', 'food', 'contact', 'property', 'legal_status', 'detention', 'other'] as const;

const userId = z.string().min(1).max(100);

/** The staff a complaint names: as the person said it, and the accounts of this installation it points to. */
export const staffNamedSchema = z
  .object({
    named: text(500),
    userIds: z
      .array(userId)
      .max(10)
      .default([])
      .refine((ids) => new Set(ids).size === ids.length, { message: 'error.complaints.staffTwice' }),
  })
  .strict();

export const complaintLodgeSchema = z
  .object({
    kind: z.enum(complaintKinds),
    category: z.enum(complaintCategories),
    subject: text(4000),
    lodgedBy: z.enum(complaintLodgers),
    /** Who lodged it when not the person (a lawyer's name, a relative). */
    lodgedByName: optionalText(200),
    receivedAt: isoInstant,
    addressee: z.enum(complaintAddressees),
    /** A complaint about staff (NMR r57): visible only to the centre head and the ombudsman, never to those named. */
    aboutStaff: staffNamedSchema.optional(),
  })
  .strict()
  .refine((c) => c.lodgedBy === 'person' || (c.lodgedByName ?? '').length > 0, { message: 'error.complaints.lodgerNameRequired', path: ['lodgedByName'] });
export type ComplaintLodge = z.output<typeof complaintLodgeSchema>;

/** Sent on to an addressee outside the centre (the centre must pass it on, unopened where the law says so). */
export const complaintForwardSchema = z.object({ at: isoInstant, via: optionalText(300) }).strict();
export const complaintAnswerSchema = z.object({ at: isoInstant, from: text(300), text: text(4000) }).strict();
/** Taken further, to another addressee: a new item of the register linked to the first. */
export const complaintEscalationSchema = z.object({ addressee: z.enum(complaintAddressees), receivedAt: isoInstant, note: optionalText(2000) }).strict();

export const appealDecisions = ['placement', 'extension'] as const;
export const appealOutcomes = ['upheld', 'release_ordered', 'term_shortened', 'other'] as const;
export type AppealOutcome = (typeof appealOutcomes)[number];

/** An appeal to a court against the placement decision or one of its extensions (Courts and Judges law Art. 10). */
export const appealFileSchema = z
  .object({
    decision: z.enum(appealDecisions),
    /** Which extension (1 = the first), when the appeal is against an extension. */
    extensionNo: z.number().int().min(1).max(100).optional(),
    filedAt: isoInstant,
    court: text(300),
    note: optionalText(2000),
  })
  .strict()
  .refine((a) => a.decision === 'placement' || a.extensionNo !== undefined, { message: 'error.appeals.extensionRequired', path: ['extensionNo'] })
  .refine((a) => a.decision === 'extension' || a.extensionNo === undefined, { message: 'error.appeals.extensionNotPlacement', path: ['extensionNo'] });
export type AppealFile = z.output<typeof appealFileSchema>;

export const appealHearingSchema = z.object({ on: isoDate, result: text(1000), nextOn: isoDate.optional() }).strict();
export type AppealHearing = z.output<typeof appealHearingSchema>;

export const appealOutcomeSchema = z
  .object({
    outcome: z.enum(appealOutcomes),
    at: isoInstant,
    /** The term's new end, when the court shortened it. */
    newTermEnd: isoInstant.optional(),
    note: optionalText(2000),
  })
  .strict()
  .refine((o) => o.outcome !== 'term_shortened' || o.newTermEnd !== undefined, { message: 'error.appeals.newTermEndRequired', path: ['newTermEnd'] })
  .refine((o) => o.outcome === 'term_shortened' || o.newTermEnd === undefined, { message: 'error.appeals.newTermEndOnlyShortened', path: ['newTermEnd'] });
export type AppealOutcomeRecord = z.output<typeof appealOutcomeSchema>;

/** The settings key holding each addressee's answer time, in working days [D]. */
export const answerDaysSetting = {
  centre_head: 'complaintDaysCentreHead',
  sms: 'complaintDaysSms',
  ombudsman: 'complaintDaysOmbudsman',
  court: 'complaintDaysCourt',
  prosecutor: 'complaintDaysProsecutor',
} as const satisfies Record<ComplaintAddressee, keyof Settings>;

/** Addressees outside the centre: the centre forwards, and the forwarding has its own clock. */
export const needsForwarding = (a: ComplaintAddressee) => a !== 'centre_head';

type Days = Pick<Settings, 'timeZone' | 'weekendDays' | 'holidays' | 'complaintForwardHours' | 'complaintWarningWorkingDays' | (typeof answerDaysSetting)[ComplaintAddressee]>;

/** What due-now and the register need of one item. */
export interface ComplaintFacts {
  complaintId: string;
  addressee: ComplaintAddressee;
  receivedAt: string;
  forwardedAt: string | null;
  answeredAt: string | null;
  escalated: boolean;
  aboutStaff: boolean;
}

/**
 * When the answer is due: the addressee's working days [D] counted from the day it reached them (the
 * day the centre forwarded it, or received it when addressed to the head), to the end of that day.
 */
export function answerDueAt(c: Pick<ComplaintFacts, 'addressee' | 'receivedAt' | 'forwardedAt'>, s: Days): number {
  const start = localDate(Date.parse(c.forwardedAt ?? c.receivedAt), s.timeZone);
  // Counting working days walks the calendar day by day; HQ's reports ask for thousands of complaints
  // received on the same few days, so each (settings, addressee, day) is counted once.
  let memo = answerDueMemo.get(s);
  if (!memo) answerDueMemo.set(s, (memo = new Map<string, number>()));
  const key = `${c.addressee}|${start}`;
  let due = memo.get(key);
  if (due === undefined) {
    const day = workingDaysAfter(start, s[answerDaysSetting[c.addressee]], s);
    due = endOfLocalDay(startOfLocalDay(day, s.timeZone), s.timeZone);
    memo.set(key, due);
  }
  return due;
}

const answerDueMemo = new WeakMap<object, Map<string, number>>();

/** When it must be forwarded, for an addressee outside the centre [D]. */
export function forwardDueAt(c: Pick<ComplaintFacts, 'receivedAt'>, s: Days): number {
  return Date.parse(c.receivedAt) + hours(s.complaintForwardHours);
}

export type ComplaintStatus = 'open' | 'answered' | 'overdue' | 'escalated';

/**
 * Answered, escalated (taken to another addressee before an answer came: the new item's clock runs), or
 * open; open becomes overdue one moment after its due time (as due-now counts "within"), or when it was
 * not forwarded in time.
 */
export function complaintStatus(c: ComplaintFacts, s: Days, now: number): ComplaintStatus {
  if (c.answeredAt) return 'answered';
  if (c.escalated) return 'escalated';
  if (needsForwarding(c.addressee) && !c.forwardedAt && now > forwardDueAt(c, s)) return 'overdue';
  return now > answerDueAt(c, s) ? 'overdue' : 'open';
}

/**
 * Who may read a complaint about staff (NMR r57, issue #15 §2): holders of `complaints.staff` (the centre
 * head) who are not named in it. Everyone else sees that a restricted complaint exists, never what it says.
 */
export function mayReadComplaint(aboutStaff: boolean, staffUserIds: readonly string[], viewer: { userId: string; mayReadStaffComplaints: boolean }): boolean {
  if (!aboutStaff) return true;
  return viewer.mayReadStaffComplaints && !staffUserIds.includes(viewer.userId);
}

export interface AppealFacts {
  outcome: AppealOutcome | null;
  outcomeAt: string | null;
}

/**
 * The deadlines of one episode's complaints and appeals. A complaint about staff is owed under the
 * neutral kind `restricted_complaint` (same label for every reader, named staff included), so the
 * board never says who complained about whom. A court's release order is executed immediately
 * (docs/domain.md §4, MC 2025): `release_ordered` is due at the order and stays until the episode
 * is closed.
 */
export function complaintObligations(f: { personId: string; episodeId: string; complaints?: readonly ComplaintFacts[]; appeals?: readonly AppealFacts[] }, s: Days): Obligation[] {
  const out: Obligation[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const add = (kind: Obligation['kind'], due: number, warn: number) => out.push({ kind, personId: f.personId, episodeId: f.episodeId, dueAt: iso(due), warnFrom: iso(Math.min(warn, due)) });
  for (const c of f.complaints ?? []) {
    if (c.answeredAt || c.escalated) continue;
    const received = Date.parse(c.receivedAt);
    if (needsForwarding(c.addressee) && !c.forwardedAt) add(c.aboutStaff ? 'restricted_complaint' : 'complaint_forward', forwardDueAt(c, s), received);
    const due = answerDueAt(c, s);
    const warn = startOfLocalDay(workingDaysBefore(localDate(due, s.timeZone), s.complaintWarningWorkingDays, s), s.timeZone);
    add(c.aboutStaff ? 'restricted_complaint' : 'complaint_answer', due, Math.max(warn, received));
  }
  for (const a of f.appeals ?? []) {
    if (a.outcome === 'release_ordered' && a.outcomeAt) add('release_ordered', Date.parse(a.outcomeAt), Date.parse(a.outcomeAt));
  }
  return out;
}
