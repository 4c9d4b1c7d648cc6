import { z } from 'zod';
import type { OutcomeType } from './episode';
import { isoDate, isoInstant, optionalText, text } from './fields';
import type { Settings } from './settings';
import { endOfLocalDay, hours, startOfLocalDay } from './time';

/**
 * Health during the stay (issue #15 §4, docs/health.md): examinations, visits and treatment, hospital
 * stays while still detained, injuries and the reports an injury not seen at admission calls for. Medical
 * content is special-category data (Law on Personal Data 998-IIIQ, docs/domain.md §8): only `medical.read`
 * reads it. Pure rules and deadlines, no I/O.
 */

/**
 * What a visit was: a consultation (`visit`), the examination before leaving (docs/domain.md §4 "on
 * placement and on leaving" [GDP]) or a child's periodic examination.
 */
export const visitKinds = ['visit', 'exit_exam', 'child_exam'] as const;
export type VisitKind = (typeof visitKinds)[number];

export const medicalVisitSchema = z
  .object({
    kind: z.enum(visitKinds),
    at: isoInstant,
    clinician: text(200),
    complaint: optionalText(4000),
    finding: text(4000),
    treatment: optionalText(4000),
    /** The date the clinician wants to see the person again: an obligation when it comes. */
    followUpOn: isoDate.optional(),
  })
  .strict();
export type MedicalVisit = z.output<typeof medicalVisitSchema>;

/** Taken to hospital while still detained: the episode stays open and every clock keeps running. */
export const hospitalAdmissionSchema = z
  .object({
    at: isoInstant,
    hospital: text(300),
    reason: text(2000),
    /** Who escorts and guards the person there (docs/domain.md §5 rule 1: a complete handover record). */
    escort: text(300),
  })
  .strict();
export type HospitalAdmission = z.output<typeof hospitalAdmissionSchema>;

/**
 * Where on the body: a short fixed list a form offers as a labelled select, with free text for the
 * exact place (the Istanbul Protocol's body charts name regions, not coordinates).
 */
export const bodyRegions = [
  'head',
  'face',
  'neck',
  'chest',
  'abdomen',
  'back',
  'buttocks',
  'genitals',
  'left_arm',
  'right_arm',
  'left_hand',
  'right_hand',
  'left_leg',
  'right_leg',
  'left_foot',
  'right_foot',
  'other',
] as const;
export type BodyRegion = (typeof bodyRegions)[number];

/**
 * The examiner says explicitly whether the injury was seen at the admission examination: an injury not
 * seen then happened, or came to light, in custody, and is reported to the prosecutor and the ombudsman.
 */
export const admissionSighting = ['seen', 'not_seen'] as const;

export const injurySchema = z
  .object({
    examinedAt: isoInstant,
    examiner: text(200),
    region: z.enum(bodyRegions),
    locationNote: optionalText(500),
    /** The person's own account of how it happened, in their words. */
    account: text(4000),
    finding: text(4000),
    seenAtAdmission: z.enum(admissionSighting),
  })
  .strict()
  .refine((i) => i.region !== 'other' || (i.locationNote ?? '').length > 0, { message: 'error.health.describeLocation', path: ['locationNote'] });
export type Injury = z.output<typeof injurySchema>;

export const reportAddressees = ['prosecutor', 'ombudsman'] as const;
export type ReportAddressee = (typeof reportAddressees)[number];

export const injuryReportSchema = z
  .object({
    addressee: z.enum(reportAddressees),
    /** The office it went to (which prosecutor's office, the ombudsman's NPM department). */
    sentTo: text(300),
    sentAt: isoInstant,
    reference: text(200),
  })
  .strict();
export type InjuryReport = z.output<typeof injuryReportSchema>;

/** Why the person left without the examination before leaving, recorded instead of it. */
export const exitExamNotDoneSchema = z.object({ at: isoInstant, reason: text(2000) }).strict();

/**
 * Outcomes that need no examination before leaving: a person who escaped is not there to examine, and a
 * death in custody has its own forensic procedure (the exits' section, docs/health.md). A person handed
 * to a hospital leaves into medical care. Every other way out owes the examination or a recorded reason
 * (released by a court on the spot, for instance).
 */
export const exitExamExempt: readonly OutcomeType[] = ['escaped', 'died', 'transferred_hospital'];
export const exitExamOwed = (o: OutcomeType): boolean => !exitExamExempt.includes(o);

export const healthObligationKinds = ['exit_medical_exam', 'child_medical_exam', 'medical_follow_up', 'injury_report_prosecutor', 'injury_report_ombudsman'] as const;
export type HealthObligationKind = (typeof healthObligationKinds)[number];

/**
 * Kinds whose very name is medical content (a follow-up says the person is under treatment, an injury
 * report that one was found): shown to `medical.read`, masked for others. The examination before leaving
 * and a child's examination are what safety needs to know is done, and show to everyone.
 */
export const medicalObligationKinds: ReadonlySet<string> = new Set<HealthObligationKind>(['medical_follow_up', 'injury_report_prosecutor', 'injury_report_ombudsman']);

/** What the health deadlines need about one episode (db/episode-facts.ts loads it). */
export interface HealthFacts {
  /** The planned exit (episode.exitScheduled), when the episode is EXIT_PENDING. */
  plannedExitAt: string | null;
  exitExamAt: string | null;
  exitExamNotDone: boolean;
  /** Times of children's examinations after admission. */
  childExams: readonly string[];
  visits: readonly { at: string; followUpOn: string | null }[];
  injuriesNotSeen: readonly { examinedAt: string; reported: readonly ReportAddressee[] }[];
}

export interface HealthObligation {
  kind: HealthObligationKind;
  dueAt: number;
  warnFrom: number;
}

const day = 86_400_000;

/**
 * The health items owed for one open episode. `child` is the episode's child flag (docs/domain.md §5 rule
 * 5: in doubt, a child), `admissionExamAt` the admission examination (its own `medical_check` item).
 */
export function healthObligations(
  h: HealthFacts,
  e: { state: string; admittedAt: string | null; admissionExamAt: string | null; child: boolean },
  s: Pick<Settings, 'childMedicalExamDays' | 'injuryReportHours' | 'timeZone'>,
): HealthObligation[] {
  const out: HealthObligation[] = [];
  // [L] docs/domain.md §4: examined "on leaving" [GDP]; once an exit is scheduled it is owed by then.
  if (e.state === 'EXIT_PENDING' && h.plannedExitAt && !h.exitExamAt && !h.exitExamNotDone) {
    const planned = Date.parse(h.plannedExitAt);
    out.push({ kind: 'exit_medical_exam', dueAt: planned, warnFrom: planned - day });
  }
  // [D] a child is examined at admission (the medical_check item) and then every childMedicalExamDays.
  if (e.child && e.admittedAt && e.admissionExamAt) {
    const last = Math.max(Date.parse(e.admissionExamAt), ...h.childExams.map((t) => Date.parse(t)));
    const due = last + s.childMedicalExamDays * day;
    out.push({ kind: 'child_medical_exam', dueAt: due, warnFrom: due - day });
  }
  // A follow-up is kept by any later visit or examination; owed by the end of the day the clinician set.
  for (const v of h.visits) {
    if (!v.followUpOn) continue;
    const seenSince = h.visits.some((w) => w.at > v.at) || h.childExams.some((t) => t > v.at) || (h.exitExamAt !== null && h.exitExamAt > v.at);
    if (seenSince) continue;
    const from = startOfLocalDay(v.followUpOn, s.timeZone);
    out.push({ kind: 'medical_follow_up', dueAt: endOfLocalDay(from, s.timeZone), warnFrom: from });
  }
  // [D] an injury not seen at admission is reported to the prosecutor and the ombudsman within
  // injuryReportHours (Istanbul Protocol ¶ 74; the NPM's mandate, OPCAT Art. 19, 20): one item each.
  for (const i of h.injuriesNotSeen) {
    const at = Date.parse(i.examinedAt);
    for (const a of reportAddressees) {
      if (i.reported.includes(a)) continue;
      out.push({ kind: a === 'prosecutor' ? 'injury_report_prosecutor' : 'injury_report_ombudsman', dueAt: at + hours(s.injuryReportHours), warnFrom: at });
    }
  }
  return out;
}

/** A report is on time when sent within injuryReportHours of the examination that found the injury ("within" includes the last instant). */
export function reportOnTime(examinedAt: string, sentAt: string, s: Pick<Settings, 'injuryReportHours'>): boolean {
  return Date.parse(sentAt) <= Date.parse(examinedAt) + hours(s.injuryReportHours);
}
