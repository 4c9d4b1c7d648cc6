import { z } from 'zod';
import { isoInstant, optionalText, text } from './fields';
import type { Obligation } from './due-now';
import type { Settings } from './settings';
import { endOfLocalDay } from './time';

/**
 * Contact with the outside world (issue #15 §1, docs/contacts.md): visits, calls, letters and parcels of
 * one detention episode, each recorded as it happened, a refusal with its legal reason. Pure rules: what a
 * record must say, which refusals are safeguard failures, and what a failure is owed.
 */

export const contactKinds = ['visit', 'call', 'letter', 'parcel'] as const;
export type ContactKind = (typeof contactKinds)[number];

/** Who came or wrote: the issue's list, with the ombudsman (a refused ombudsman visit is counted at HQ). */
export const contactCategories = ['family', 'lawyer', 'consul', 'ngo', 'unhcr', 'iom', 'religious', 'ombudsman', 'other'] as const;
export type ContactCategory = (typeof contactCategories)[number];

export const contactOutcomes = ['took_place', 'refused'] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];

/** The legal ground a refusal names, beside its own words (docs/contacts.md "Refusals"). */
export const refusalBases = ['security', 'health', 'identity_not_verified', 'disciplinary_measure', 'court_order', 'visiting_hours', 'capacity', 'other'] as const;
export type RefusalBasis = (typeof refusalBases)[number];

export const refusalSchema = z
  .object({
    reason: text(2000),
    basis: z.enum(refusalBases),
    /** the officer who refused: the person answerable for it */
    by: text(200),
  })
  .strict();

/**
 * One contact as recorded. Loose here, because the event catalog replays every contact ever recorded (a
 * consul's visit from the consular card carries no duration); what a new record must say is checked by
 * `contactRules` on the contract's input.
 */
export const contactSchema = z
  .object({
    kind: z.enum(contactKinds),
    category: z.enum(contactCategories).optional(),
    who: z.object({ name: text(200), relation: optionalText(200) }).strict(),
    direction: z.enum(['in', 'out']).optional(),
    at: isoInstant,
    durationMinutes: z.number().int().min(1).max(1440).optional(),
    supervision: z.enum(['private', 'supervised']).optional(),
    supervisedBy: optionalText(200),
    outcome: z.enum(contactOutcomes),
    refusal: refusalSchema.optional(),
    note: optionalText(2000),
  })
  .strict();
export type Contact = z.infer<typeof contactSchema>;

/** What a new or corrected record must say (translated keys, each on its field). */
export function contactRules(c: Contact, ctx: z.RefinementCtx, prefix: readonly (string | number)[] = []): void {
  const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [...prefix, field] });
  if (c.kind === 'visit' && !c.category) issue('category', 'error.contacts.categoryNeeded');
  if (c.kind === 'visit' && c.direction) issue('direction', 'error.contacts.directionNotForVisit');
  if (c.kind !== 'visit' && !c.direction) issue('direction', 'error.contacts.directionNeeded');
  const timed = c.kind === 'visit' || c.kind === 'call';
  if (c.outcome === 'took_place') {
    if (timed && c.durationMinutes === undefined) issue('durationMinutes', 'error.contacts.durationNeeded');
    if (timed && !c.supervision) issue('supervision', 'error.contacts.supervisionNeeded');
    if (c.refusal) issue('refusal', 'error.contacts.refusalNotExpected');
  } else {
    if (!c.refusal) issue('refusal.reason', 'error.contacts.refusalNeeded');
    if (c.durationMinutes !== undefined) issue('durationMinutes', 'error.contacts.durationNotForRefused');
  }
  if (!timed && (c.durationMinutes !== undefined || c.supervision)) issue(c.durationMinutes !== undefined ? 'durationMinutes' : 'supervision', 'error.contacts.notTimed');
  if (c.supervision === 'supervised' && !c.supervisedBy) issue('supervisedBy', 'error.contacts.supervisedByNeeded');
  if (c.supervision !== 'supervised' && c.supervisedBy) issue('supervisedBy', 'error.contacts.supervisedByOnlySupervised');
}

/**
 * A refused lawyer or ombudsman is a safeguard failure, whatever the kind of contact: the right to a
 * defender from the moment of detention (Constitution Art. 61(2)) and the ombudsman's access to places of
 * detention at any time, unannounced, with private interviews (Constitutional Law on the Ombudsman, docs/domain.md
 * [Omb-1]; OPCAT Art. 20(c)-(e)); Nelson Mandela Rules 58 and 61 for family and legal visits.
 * The app records such a refusal as it happened, never prevents it; it flags it and owes the centre
 * head a review the same day.
 */
export const safeguardCategories: ReadonlySet<ContactCategory> = new Set<ContactCategory>(['lawyer', 'ombudsman']);

export function isSafeguardRefusal(c: { outcome: string; category?: string | null }): boolean {
  return c.outcome === 'refused' && c.category != null && safeguardCategories.has(c.category as ContactCategory);
}

/** A safeguard refusal on record for an episode, and whether the head's review is recorded. */
export interface ContactRefusalFact {
  contactId: string;
  at: string;
  category: 'lawyer' | 'ombudsman';
  reviewed: boolean;
}

/**
 * The head's review of each refusal, owed by the end of the refusal's local day [D: "the same day", as the
 * consular disclosure review]: a refusal is a failure now, and the person is still waiting for their lawyer.
 */
export function contactObligations(f: { personId: string; episodeId: string; contactRefusals?: readonly ContactRefusalFact[] }, s: Settings): Obligation[] {
  return (f.contactRefusals ?? [])
    .filter((r) => !r.reviewed)
    .map((r) => {
      const at = Date.parse(r.at);
      return {
        kind: 'contact_refused_review' as const,
        personId: f.personId,
        episodeId: f.episodeId,
        dueAt: new Date(endOfLocalDay(at, s.timeZone)).toISOString(),
        warnFrom: new Date(at).toISOString(),
      };
    });
}

export const contactReviewSchema = z
  .object({
    at: isoInstant,
    /** what the head found and did: the reason checked, the visit arranged, the officer spoken to */
    finding: text(2000),
    /** the visit the person had after all, if it was arranged */
    visitArranged: z.boolean(),
  })
  .strict();
export type ContactReview = z.infer<typeof contactReviewSchema>;
