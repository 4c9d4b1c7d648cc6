import { z } from 'zod';
import type { EpisodeFacts, Obligation } from './due-now';
import type { Regime } from './episode';
import { isoDate, isoInstant, optionalText, text } from './fields';
import type { Settings } from './settings';
import { addCalendarDays, addCalendarMonths, hours, localDate } from './time';

/**
 * Discipline in the centre (docs/discipline-property.md, docs/domain.md §5 rule 7, Migration Code Art. 90):
 * a breach of the internal rules by one person, the hearing of that person, the centre head's reasoned
 * decision (MC 90.3), the copy handed and the right of appeal explained "immediately" (MC 90.3), one measure
 * per violation (MC 90.4), decided within 5 days of detection or, after an inquiry, on its completion and
 * within 1 month of the act (MC 90.5). Pure rules; the service applies them to what is on record.
 */

/**
 * The measures a decision may impose. MC Art. 90.1 lists six and 90.2.2 adds expulsion from the centre for
 * people placed there voluntarily; the full text of 90.1 was not found in the sources (docs/domain.md), so
 * the list is the centre's own wording of the measures, to be checked against the published article.
 */
export const measureTypes = ['warning', 'reprimand', 'restriction_of_privileges', 'isolation', 'expulsion_from_centre'] as const;
export type MeasureType = (typeof measureTypes)[number];

/** Measures that last: the others are pronounced once and have a single day (start = end). */
export const lastingMeasures: readonly MeasureType[] = ['restriction_of_privileges', 'isolation'];

/** The longest period a lasting measure may run, in calendar days; [D] settings (docs/discipline-property.md). */
export function maxMeasureDays(type: MeasureType, s: Pick<Settings, 'disciplineIsolationMaxDays' | 'disciplineRestrictionMaxDays'>): number {
  if (type === 'isolation') return s.disciplineIsolationMaxDays;
  if (type === 'restriction_of_privileges') return s.disciplineRestrictionMaxDays;
  return 1;
}

export const breachSchema = z
  .object({
    /** What the person did: the individual act, never "the room" or "the group". */
    what: text(2000),
    /** The internal rule broken (its number or wording). */
    rule: text(300),
    occurredAt: isoInstant,
    detectedAt: isoInstant,
    place: text(300),
    /** An inquiry into the breach is held: the decision waits for it, within 1 month of the act (MC 90.5). */
    inquiry: z.boolean(),
  })
  .strict()
  .refine((b) => Date.parse(b.detectedAt) >= Date.parse(b.occurredAt), { message: 'error.discipline.detectedBeforeAct', path: ['detectedAt'] });
export type Breach = z.output<typeof breachSchema>;

export const hearingSchema = z
  .object({
    at: isoInstant,
    /** The language the hearing was held in. */
    language: text(60),
    /** An interpreter into a language the person understands, when the hearing's language is not one. */
    interpreterName: optionalText(200),
    interpreterLanguage: optionalText(60),
    /** What the person said in their defence (MC 90.6: to defend themselves in person). */
    statement: text(4000),
  })
  .strict()
  .refine((h) => (h.interpreterName === undefined) === (h.interpreterLanguage === undefined), { message: 'error.discipline.interpreterBoth', path: ['interpreterLanguage'] });
export type Hearing = z.output<typeof hearingSchema>;

export const decisionSchema = z
  .object({
    measureType: z.enum(measureTypes),
    /** The decision's own number: one decision, one person, one breach (docs/discipline-property.md "Collective measures"). */
    decisionNo: text(60),
    decidedAt: isoInstant,
    /** When the inquiry ended; required when one was held (MC 90.5). */
    inquiryCompletedAt: isoInstant.optional(),
    startsOn: isoDate,
    endsOn: isoDate,
    /** The reasons (MC 90.3: a reasoned decision), with the circumstances and the person's conduct (MC 90.5). */
    reasons: text(4000),
  })
  .strict()
  .refine((d) => d.endsOn >= d.startsOn, { message: 'error.discipline.endsBeforeStart', path: ['endsOn'] });
export type Decision = z.output<typeof decisionSchema>;

export const noticeSchema = z
  .object({
    /** The copy of the decision handed to the person. */
    copyHandedAt: isoInstant,
    /** The right of appeal explained to the person, and in which language. */
    appealExplainedAt: isoInstant,
    language: text(60),
  })
  .strict();
export type Notice = z.output<typeof noticeSchema>;

export const appealSchema = z.object({ filedAt: isoInstant, to: text(300) }).strict();
export const appealOutcomes = ['upheld', 'annulled', 'changed'] as const;
export const appealOutcomeSchema = z
  .object({
    outcome: z.enum(appealOutcomes),
    decidedAt: isoInstant,
    /** A changed measure's new last day (shorter, never longer than decided). */
    endsOn: isoDate.optional(),
    note: optionalText(2000),
  })
  .strict()
  .refine((o) => o.outcome !== 'changed' || o.endsOn !== undefined, { message: 'error.discipline.changedNeedsEnd', path: ['endsOn'] });
export type AppealOutcome = z.output<typeof appealOutcomeSchema>;

/** A breach closed without a measure: found unproven, or too minor (MC 90.5: circumstances and conduct). */
export const dropSchema = z.object({ at: isoInstant, reason: text(2000) }).strict();

/** The latest instant a measure may be decided (MC 90.5): 5 days from detection, or 1 month from the act after an inquiry. */
export function decisionDeadline(b: Pick<Breach, 'detectedAt' | 'occurredAt' | 'inquiry'>): number {
  if (!b.inquiry) return Date.parse(b.detectedAt) + 5 * 86_400_000;
  return addCalendarMonths(Date.parse(b.occurredAt), 1);
}

export interface DecisionContext {
  breach: Pick<Breach, 'detectedAt' | 'occurredAt' | 'inquiry'>;
  hearingAt: string | null;
  /** A measure was already decided for this breach. */
  decided: boolean;
  /** Another person's measure carries this decision number in the facility. */
  numberUsedForOther: boolean;
  regime: Regime | null;
  child: boolean;
  timeZone: string;
}

/**
 * The first reason a decision must be refused, as a message key and the field it belongs to, or null.
 * Each refusal is a rule of MC Art. 90 or a limit in settings (docs/discipline-property.md "Refusals").
 */
export function decisionRefusal(d: Decision, c: DecisionContext, s: Pick<Settings, 'disciplineIsolationMaxDays' | 'disciplineRestrictionMaxDays'>): { key: string; field: string } | null {
  // MC 90.4: one measure for one violation.
  if (c.decided) return { key: 'error.discipline.oneMeasurePerBreach', field: 'decision.measureType' };
  // A decision number shared with another person's measure is one decision for several people: collective.
  if (c.numberUsedForOther) return { key: 'error.discipline.collective', field: 'decision.decisionNo' };
  // MC 90.6: the person defends themselves before a measure is decided.
  if (c.hearingAt === null) return { key: 'error.discipline.noHearing', field: 'decision.decidedAt' };
  if (Date.parse(d.decidedAt) < Date.parse(c.hearingAt)) return { key: 'error.discipline.decidedBeforeHearing', field: 'decision.decidedAt' };
  if (c.breach.inquiry) {
    if (d.inquiryCompletedAt === undefined) return { key: 'error.discipline.inquiryEndRequired', field: 'decision.inquiryCompletedAt' };
    if (Date.parse(d.inquiryCompletedAt) < Date.parse(c.breach.detectedAt) || Date.parse(d.decidedAt) < Date.parse(d.inquiryCompletedAt)) {
      return { key: 'error.discipline.inquiryOrder', field: 'decision.inquiryCompletedAt' };
    }
  }
  // MC 90.5: within 5 days of detection; after an inquiry, within 1 month of the act.
  if (Date.parse(d.decidedAt) > decisionDeadline(c.breach)) return { key: c.breach.inquiry ? 'error.discipline.tooLateInquiry' : 'error.discipline.tooLate', field: 'decision.decidedAt' };
  // MC 90.2.2: expulsion from the centre applies only to people placed there voluntarily.
  if (d.measureType === 'expulsion_from_centre' && c.regime !== 'voluntary_protection') return { key: 'error.discipline.expulsionVoluntaryOnly', field: 'decision.measureType' };
  // UN Havana Rules r. 67 and the CPT's standards: no isolation of a child.
  if (d.measureType === 'isolation' && c.child) return { key: 'error.discipline.isolationChild', field: 'decision.measureType' };
  if (d.startsOn < localDate(Date.parse(d.decidedAt), c.timeZone)) return { key: 'error.discipline.startsBeforeDecision', field: 'decision.startsOn' };
  const days = measureDays(d.startsOn, d.endsOn);
  if (!lastingMeasures.includes(d.measureType) && days !== 1) return { key: 'error.discipline.notLasting', field: 'decision.endsOn' };
  if (days > maxMeasureDays(d.measureType, s)) return { key: 'error.discipline.beyondLimit', field: 'decision.endsOn' };
  return null;
}

/** Calendar days from the first to the last day of a measure, both counted. */
export function measureDays(startsOn: string, endsOn: string): number {
  return Math.round((Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Where a measure stands on a given local date. */
export type MeasureStatus = 'pending' | 'no_measure' | 'decided' | 'in_force' | 'ended' | 'annulled';
export function measureStatus(c: { decidedAt: string | null; startsOn: string | null; endsOn: string | null; dropped: boolean; appealOutcome: string | null }, today: string): MeasureStatus {
  if (c.dropped) return 'no_measure';
  if (c.decidedAt === null || c.startsOn === null || c.endsOn === null) return 'pending';
  if (c.appealOutcome === 'annulled') return 'annulled';
  if (today < c.startsOn) return 'decided';
  return today <= c.endsOn ? 'in_force' : 'ended';
}

/** One breach as the deadline rules see it. */
export interface DisciplineFact {
  occurredAt: string;
  detectedAt: string;
  inquiry: boolean;
  decidedAt: string | null;
  dropped: boolean;
  /** When both the copy was handed and the appeal explained; null until recorded. */
  noticeAt: string | null;
}

/**
 * What discipline owes on the due-now board: a decision within the MC 90.5 limit for every breach still
 * open, and the copy with the appeal explained "immediately" after a decision (MC 90.3), read as the
 * [D] `disciplineNoticeHours`.
 */
export function disciplineObligations(f: Pick<EpisodeFacts, 'personId' | 'episodeId' | 'discipline'>, s: Pick<Settings, 'disciplineNoticeHours'>): Obligation[] {
  const out: Obligation[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (const b of f.discipline ?? []) {
    if (b.dropped) continue;
    if (b.decidedAt === null) {
      const due = decisionDeadline(b);
      out.push({ kind: 'discipline_decision', personId: f.personId, episodeId: f.episodeId, dueAt: iso(due), warnFrom: iso(Date.parse(b.detectedAt)) });
    } else if (b.noticeAt === null) {
      const decided = Date.parse(b.decidedAt);
      out.push({ kind: 'discipline_notice', personId: f.personId, episodeId: f.episodeId, dueAt: iso(decided + hours(s.disciplineNoticeHours)), warnFrom: iso(decided) });
    }
  }
  return out;
}

/** The last day a changed measure may end on: the same or earlier than decided, never before it started. */
export function changedEndAllowed(startsOn: string, endsOn: string, newEnd: string): boolean {
  return newEnd >= startsOn && newEnd <= endsOn;
}

/** The local date a period ends on when given as a count of days from a start date. */
export const lastDay = (startsOn: string, days: number) => addCalendarDays(startsOn, days - 1);
