import { z } from 'zod';
import { isoInstant, optionalText, text } from './fields';
import { nationalityCode } from './countries';

/**
 * The safeguards owed from the first hour (docs/domain.md §2): rights notification (Migration Code 74.5),
 * consular notification (VCCR 36, with the protection block of §5 rule 3), legal aid (Constitution 61)
 * and interpreters (§5 rule 10).
 */

/** The rights a letter covers; the checklist records which were explained. */
export const rightsItems = ['reasons', 'legal_basis_and_term', 'legal_aid', 'interpreter', 'consular', 'asylum', 'complaint_and_appeal', 'medical', 'family_contact', 'ombudsman'] as const;
export type RightsItem = (typeof rightsItems)[number];

export const acknowledgementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signature') }).strict(),
  z.object({ kind: z.literal('mark') }).strict(),
  z.object({ kind: z.literal('refused'), witness: text(200) }).strict(),
]);

export const rightsNotificationSchema = z
  .object({
    at: isoInstant,
    mode: z.enum(['written', 'oral']),
    /** The language the person was told in (ISO 639-1 code of a letter, or another language's name). */
    language: text(60),
    templateId: optionalText(40),
    templateVersion: optionalText(100),
    interpreterUseId: optionalText(100),
    items: z.array(z.enum(rightsItems)).min(1).max(rightsItems.length),
    acknowledgement: acknowledgementSchema,
    copyHanded: z.boolean(),
    /**
     * The interpreter went through a draft (unreviewed) translation with the person (issue #11 §7).
     * Absent on notifications recorded before the confirmation existed.
     */
    interpreterCheckedLetter: z.boolean().default(false),
  })
  .strict()
  .refine((n) => n.mode === 'oral' || (n.templateId !== undefined && n.templateVersion !== undefined), {
    message: 'error.rights.templateRequired',
    path: ['templateVersion'],
  });
export type RightsNotification = z.output<typeof rightsNotificationSchema>;

export const interpreterKinds = ['staff', 'contract', 'remote'] as const;
export const interpreterPurposes = ['rights', 'consent', 'medical', 'court', 'asylum', 'legal_aid', 'npm', 'other'] as const;

export const interpreterUseSchema = z
  .object({
    at: isoInstant,
    language: text(60),
    interpreterName: text(200),
    kind: z.enum(interpreterKinds),
    purpose: z.enum(interpreterPurposes),
    genderPreferenceMet: z.boolean().nullable().default(null),
    /** Whether the affiliation was asked and checked (§5 rule 10). */
    affiliationChecked: z.boolean(),
    /** Linked to the mission or authorities of the person's country of origin. */
    affiliatedWithOriginState: z.boolean(),
  })
  .strict();
export type InterpreterUse = z.output<typeof interpreterUseSchema>;

export const consularWishes = ['requests', 'no_preference', 'declines', 'expressly_opposes'] as const;

export const consularOpenSchema = z
  .object({
    states: z.array(nationalityCode).min(1).max(5),
    informedAt: isoInstant,
    wish: z.enum(consularWishes),
  })
  .strict();

export const consularConsentSchema = z
  .object({
    at: isoInstant,
    /** Recorded in private: no consular official present, with an independent interpreter. */
    privateSetting: z.boolean(),
    consularPresent: z.boolean(),
    interpreterUseId: optionalText(100),
    statement: text(2000),
    unhcrOffered: z.boolean(),
  })
  .strict();

export const consularSentSchema = z
  .object({
    at: isoInstant,
    mission: text(300),
    channel: z.enum(['note_verbale', 'email', 'fax', 'phone', 'in_person']),
    reference: text(200),
  })
  .strict();

export const consularStates = ['PROTECTION_CHECK', 'BLOCKED_PROTECTION', 'BLOCKED_OPPOSED', 'READY', 'SENT', 'ACKNOWLEDGED', 'VISITED', 'WITHDRAWN'] as const;
export type ConsularState = (typeof consularStates)[number];

export interface ConsularFacts {
  wish: (typeof consularWishes)[number] | null;
  protectionCase: boolean;
  consentRecorded: boolean;
  sentAt: string | null;
  acknowledgedAt: string | null;
  visitedAt: string | null;
  withdrawnAt: string | null;
}

/**
 * docs/domain.md §3 consular machine. The protection check comes first: an asylum seeker, refugee or (by a
 * default-on setting) presumed trafficking victim is BLOCKED_PROTECTION until informed consent is
 * recorded; a person who expressly opposes is BLOCKED_OPPOSED.
 */
export function consularState(f: ConsularFacts): ConsularState {
  if (f.withdrawnAt && !f.sentAt) return 'WITHDRAWN';
  if (f.visitedAt) return 'VISITED';
  if (f.acknowledgedAt) return 'ACKNOWLEDGED';
  if (f.sentAt) return 'SENT';
  if (f.wish === null) return 'PROTECTION_CHECK';
  if (f.wish === 'expressly_opposes') return 'BLOCKED_OPPOSED';
  if (f.protectionCase && !f.consentRecorded) return 'BLOCKED_PROTECTION';
  return 'READY';
}

/**
 * What was done about a notice that reached a consulate before the person became a protection case
 * (docs/domain.md §5 rule 3): the person was told, what the consulate learnt is on record, and the asylum
 * authority knows, so the claim can be assessed with the disclosure in mind.
 */
export const consularDisclosureReviewSchema = z
  .object({
    at: isoInstant,
    /** What the consulate was told (name, nationality, place of detention, anything else). */
    disclosed: text(2000),
    personToldAt: isoInstant,
    asylumAuthorityInformedAt: isoInstant,
    note: optionalText(2000),
  })
  .strict();
export type ConsularDisclosureReview = z.output<typeof consularDisclosureReviewSchema>;

/**
 * The facts of a disclosure, in recording order: `sentOrder`, `consentOrders` and `reviewedOrder` are
 * the HLCs of the events that recorded them, so the answer never hangs on typed-in times or a rounded
 * minute (issue #11 §1, §2).
 */
export interface DisclosureFacts {
  protectionCase: boolean;
  sentOrder: string | null;
  consentOrders: readonly string[];
  reviewedOrder: string | null;
}

export type ConsularDisclosure = 'none' | 'conflict' | 'reviewed';

/**
 * A notice that went out without a consent recorded before it, for a person who is now a protection
 * case (asylum, refugee, presumed trafficking under the THB block setting), is a disclosure conflict:
 * the state the person may fear has already learnt about them (docs/domain.md §5 rule 3). A consent
 * recorded only after the send does not undo it. A notice sent with consent, or for a person who is
 * not a protection case, is none.
 */
export function consularDisclosure(f: DisclosureFacts): ConsularDisclosure {
  const sent = f.sentOrder;
  if (!f.protectionCase || sent === null) return 'none';
  if (f.consentOrders.some((c) => c < sent)) return 'none';
  return f.reviewedOrder !== null ? 'reviewed' : 'conflict';
}

/**
 * Whether a further consular step (a visit or answer recorded, more sent) may be taken. After a
 * disclosure conflict it needs the person's consent recorded after the send, through an independent
 * interpreter, as a first notice to a protection case would.
 */
export function furtherConsularStepAllowed(f: DisclosureFacts): boolean {
  if (consularDisclosure(f) === 'none') return true;
  const sent = f.sentOrder!;
  return f.consentOrders.some((c) => c > sent);
}

export const legalAidRequestSchema = z
  .object({
    requestedAt: isoInstant,
    requestedBy: z.enum(['detainee', 'family', 'staff', 'other']),
    funding: z.enum(['state', 'private']),
    note: optionalText(2000),
  })
  .strict();

export const defenderSchema = z
  .object({
    at: isoInstant,
    name: text(200),
    barNumber: optionalText(60),
    phone: optionalText(60),
  })
  .strict();

export const legalAidContactSchema = z
  .object({
    at: isoInstant,
    mode: z.enum(['in_person', 'phone', 'video']),
    durationMinutes: z.number().int().min(1).max(1440),
    confidential: z.boolean(),
  })
  .strict();

export const legalAidIssueSchema = z
  .object({
    at: isoInstant,
    kind: z.enum(['delayed', 'denied']),
    reason: text(2000),
  })
  .strict();

/** Whether an interpreter may serve in a protection case (§5 rule 10): never one tied to the origin state. */
export function interpreterAllowed(use: Pick<InterpreterUse, 'affiliatedWithOriginState' | 'affiliationChecked'>, protectionCase: boolean): boolean {
  if (!protectionCase) return true;
  return use.affiliationChecked && !use.affiliatedWithOriginState;
}
