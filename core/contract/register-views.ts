import { z } from 'zod';
import { admissionStatusSchema } from '../admission-status';
import { asylumStatuses } from '../asylum';
import { obligationViewKinds } from '../due-now';
import {
  apprehensionSchema,
  decisionSchema,
  episodeStates,
  exitSchema,
  handoverSchema,
  identityDocumentSchema,
  legalReviewOverrideSchema,
  medicalCheckSchema,
  outcomeTypes,
  propertyItemSchema,
  regime,
} from '../episode';
import { removalLockReasons } from '../non-refoulement';
import { personSummary, sex } from '../person';
import { referralStages, referralTypes, screeningSchema, vulnerabilityFlags } from '../vulnerability';

/** Output shapes of the register methods: what screens and printouts receive. */

export const vulnerabilityFlag = z.enum(vulnerabilityFlags);
/** Includes `restricted`: a protection kind masked for a caller without protection.read. */
export const obligationKind = z.enum(obligationViewKinds);
export const obligationStatus = z.enum(['overdue', 'due', 'upcoming']);
export const episodeState = z.enum(episodeStates);

export const obligationView = z.object({
  kind: obligationKind,
  personId: z.string(),
  episodeId: z.string(),
  dueAt: z.string(),
  status: obligationStatus,
});

export const documentView = z.object({
  documentId: z.string(),
  document: identityDocumentSchema,
  recordedAt: z.string(),
  lastEventId: z.string(),
});

export const episodeView = z.object({
  episodeId: z.string(),
  facilityName: z.string(),
  regime: regime.nullable(),
  recordedState: episodeState,
  state: episodeState,
  /** The state with the rights gate: what every screen says (core/admission-status.ts, issue #11 §3). */
  admission: admissionStatusSchema,
  decision: decisionSchema.nullable(),
  extensions: z.array(decisionSchema),
  apprehension: apprehensionSchema,
  admittedAt: z.string().nullable(),
  handover: handoverSchema.nullable(),
  medical: medicalCheckSchema.nullable(),
  property: z.array(propertyItemSchema),
  transfers: z.array(z.object({ at: z.string(), toFacilityName: z.string(), fromFacilityName: z.string().nullable(), reason: z.string() })),
  lastReviewAt: z.string().nullable(),
  plannedExit: z.object({ plannedAt: z.string(), plannedOutcome: z.enum(outcomeTypes) }).nullable(),
  exit: exitSchema.nullable(),
  override: legalReviewOverrideSchema.nullable(),
  daysHeld: z.number().int().nullable(),
  obligations: z.array(obligationView),
  removalLocks: z.array(z.enum(removalLockReasons)),
  /** Taken to hospital while still held, since when (issue #15 §4): a safety fact every reader sees, never the reason. */
  inHospitalSince: z.string().nullable().optional(),
  lastEventId: z.string(),
});
export type EpisodeView = z.infer<typeof episodeView>;

export const screeningView = z.object({
  screeningId: z.string(),
  episodeId: z.string(),
  at: z.string(),
  /** Null when the record is restricted and the caller may not see protection details. */
  screening: screeningSchema.nullable(),
  flags: z.array(vulnerabilityFlag),
});

export const referralView = z.object({
  referralId: z.string(),
  episodeId: z.string(),
  type: z.enum(referralTypes),
  reason: z.string().nullable(),
  createdAt: z.string(),
  stage: z.enum(referralStages).nullable(),
  sentAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  declinedAt: z.string().nullable(),
  outcomeAt: z.string().nullable(),
});

export const asylumClaimView = z.object({
  claimId: z.string(),
  episodeId: z.string().nullable(),
  expressedAt: z.string(),
  place: z.string(),
  words: z.string(),
  language: z.string(),
  forwardedAt: z.string().nullable(),
  reference: z.string().nullable(),
  status: z.enum(asylumStatuses),
  decision: z.enum(['granted', 'refused']).nullable(),
});

export const historyEntry = z.object({
  eventId: z.string(),
  type: z.string(),
  entityId: z.string(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const personView = z.object({
  person: personSummary,
  patronymic: z.string().nullable(),
  aliases: z.array(z.string()),
  languages: z.array(z.string()),
  birthBasis: z.string().nullable(),
  flags: z.array(vulnerabilityFlag),
  /** docs/domain.md §3 vulnerability machine, derived from screenings and referrals. */
  vulnerabilityState: z.enum(['NOT_SCREENED', 'SCREENED', 'FLAGGED', 'REFERRED', 'ACCEPTED', 'CLOSED']),
  restricted: z.boolean(),
  /** True when protection details were withheld from this caller. */
  redacted: z.boolean(),
  mergedInto: z.string().nullable(),
  mergedRecords: z.array(z.string()),
  lastEventId: z.string(),
  documents: z.array(documentView),
  episodes: z.array(episodeView),
  screenings: z.array(screeningView),
  referrals: z.array(referralView),
  asylumClaims: z.array(asylumClaimView),
  ageAssessments: z.array(z.object({ at: z.string(), method: z.string(), assessor: z.string(), minAge: z.number(), maxAge: z.number() })),
  guardians: z.array(z.object({ appointedAt: z.string(), authority: z.string(), name: z.string(), contact: z.string() })),
  nonRefoulementChecks: z.array(z.object({ checkId: z.string(), episodeId: z.string(), at: z.string(), result: z.enum(['cleared', 'not_cleared']), basis: z.string() })),
  history: z.array(historyEntry),
  /** Fields corrected concurrently on two devices: every value kept, until a resolution is recorded. */
  conflicts: z.array(
    z.object({
      entityType: z.enum(['person', 'episode']),
      entityId: z.string(),
      field: z.string(),
      openedAt: z.string(),
      candidates: z.array(z.object({ eventId: z.string(), value: z.unknown(), actor: z.string(), actorName: z.string().nullable(), at: z.string() })),
    }),
  ),
});
export type PersonView = z.infer<typeof personView>;

export const duplicateMatch = z.object({
  person: personSummary,
  score: z.number(),
  reasons: z.array(z.enum(['same_name', 'other_script', 'spelling_variant', 'alias', 'birth_within_year', 'birth_differs', 'same_nationality', 'same_document'])),
});

export const registerRow = z.object({
  personId: z.string(),
  episodeId: z.string(),
  /** The book line if admitted, else the person's register number, as shown: "3F9A-57". */
  registerNo: z.string(),
  nameLatin: z.string(),
  nameOriginal: z.string(),
  sex,
  birthDate: z.string().nullable(),
  nationalities: z.array(z.string()),
  stateless: z.boolean(),
  admittedAt: z.string().nullable(),
  apprehendedAt: z.string(),
  daysHeld: z.number().int(),
  termEnd: z.string().nullable(),
  state: episodeState,
  admission: admissionStatusSchema,
  nextDueAt: z.string().nullable(),
  nextDueKind: obligationKind.nullable(),
  deadlineStatus: z.enum(['overdue', 'due', 'ok']),
  flags: z.array(vulnerabilityFlag),
  restricted: z.boolean(),
  /** still held while in hospital (issue #15 §4): since when; the reason is medical and is not here */
  inHospitalSince: z.string().nullable(),
});
export type RegisterRow = z.infer<typeof registerRow>;

export const registerBookNote = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transfer'), at: z.string(), toFacilityName: z.string() }),
  z.object({ kind: z.literal('plannedExit'), at: z.string(), outcome: z.enum(outcomeTypes) }),
  /** Rights explained with a letter no lawyer has reviewed (issue #11 §7), and whether the interpreter checked it. */
  z.object({ kind: z.literal('draftRightsLetter'), at: z.string(), language: z.string(), interpreterChecked: z.boolean() }),
]);
export type RegisterBookNote = z.infer<typeof registerBookNote>;

/** One line of the register book (Internal Discipline Rules, Annex 1, columns 1–9). */
export const registerBookLine = z.object({
  /** "3F9A-57": the admitting device's code and its line. */
  no: z.string(),
  admittedAt: z.string().nullable(),
  person: z.object({ nameLatin: z.string(), nameOriginal: z.string(), birthDate: z.string().nullable(), nationalities: z.array(z.string()), stateless: z.boolean() }),
  documents: z.array(z.object({ type: z.string(), series: z.string().nullable(), number: z.string().nullable() })),
  decision: decisionSchema.nullable(),
  extensions: z.array(decisionSchema),
  handover: handoverSchema.nullable(),
  exit: exitSchema.nullable(),
  /** Column 9, as facts for the screen to word in the reader's language. */
  notes: z.array(registerBookNote),
});
