import { z } from 'zod';
import { isoDate, isoInstant, optionalText, text } from './fields';
import { nationalityCode } from './countries';

/** docs/domain.md §2 DetentionEpisode: regimes of placement. */
export const regimes = ['forced_court', 'voluntary_expulsion', 'voluntary_protection'] as const;
export const regime = z.enum(regimes);
export type Regime = z.infer<typeof regime>;

/** Placement or extension decision, in the register book's columns 5–6. */
export const decisionSchema = z
  .object({
    issuingBody: text(300),
    officialPosition: text(200),
    officialRank: optionalText(100),
    officialName: text(200),
    basis: text(1000),
    date: isoDate,
    number: text(100),
    termEnd: isoInstant,
  })
  .strict();
export type Decision = z.infer<typeof decisionSchema>;

export const apprehensionSchema = z
  .object({
    at: isoInstant,
    place: text(300),
    authority: text(300),
  })
  .strict();

/** Register book column 7: who handed the person over, with their service identity. */
export const handoverSchema = z
  .object({
    body: text(300),
    officerPosition: text(200),
    officerRank: optionalText(100),
    officerName: text(200),
    serviceId: text(100),
    signed: z.boolean(),
  })
  .strict();
export type Handover = z.infer<typeof handoverSchema>;

/** Admission medical check: visible injuries and complaints of ill-treatment are facts to record, not judge. */
export const medicalCheckSchema = z
  .object({
    at: isoInstant,
    examiner: text(200),
    visibleInjuries: z.boolean(),
    injuriesDescription: optionalText(4000),
    illTreatmentComplaint: z.boolean(),
    complaintDescription: optionalText(4000),
  })
  .strict()
  .refine((m) => !m.visibleInjuries || (m.injuriesDescription ?? '').length > 0, { message: 'error.medical.describeInjuries', path: ['injuriesDescription'] })
  .refine((m) => !m.illTreatmentComplaint || (m.complaintDescription ?? '').length > 0, { message: 'error.medical.describeComplaint', path: ['complaintDescription'] });

export const propertyItemSchema = z
  .object({
    item: text(300),
    quantity: z.number().int().min(1).max(100_000).default(1),
    notes: optionalText(500),
  })
  .strict();

export const documentTypes = ['passport', 'border_document', 'birth_certificate', 'refugee_card', 'other', 'none'] as const;
export const verificationStatuses = ['unverified', 'verified', 'doubtful', 'false'] as const;

export const identityDocumentSchema = z
  .object({
    type: z.enum(documentTypes),
    series: optionalText(20),
    number: optionalText(50),
    issuingState: nationalityCode.optional(),
    validUntil: isoDate.optional(),
    verification: z.enum(verificationStatuses).default('unverified'),
    /** Receipt number when the centre holds the document. */
    heldReceipt: optionalText(100),
  })
  .strict()
  .refine((d) => d.type === 'none' || (d.number ?? '').length > 0, { message: 'error.document.numberRequired', path: ['number'] });
export type IdentityDocument = z.output<typeof identityDocumentSchema>;

/** docs/domain.md §3 episode machine. RELEASE_DUE is also derived from the clock (see effectiveState). */
export const episodeStates = ['DECISION_PENDING', 'ACTIVE', 'EXTENSION_PENDING', 'RELEASE_DUE', 'EXIT_PENDING', 'CLOSED'] as const;
export type EpisodeState = (typeof episodeStates)[number];

export const outcomeTypes = [
  'released_term_expired',
  'released_decision',
  'expelled',
  'deported_readmission',
  'avr_iom',
  'transferred_shelter',
  'transferred_child_care',
  'transferred_hospital',
  'transferred_criminal_custody',
  'refugee_status',
  'died',
  'escaped',
  // issue #15 §6: a voluntary departure, a regularisation and a trafficking victim's residence permit close the stay too.
  'departed_voluntarily',
  'regularised',
  'thb_residence_permit',
] as const;
export type OutcomeType = (typeof outcomeTypes)[number];

/** Outcomes that send the person to another state: these need a cleared non-refoulement check. */
export const removalOutcomes: readonly OutcomeType[] = ['expelled', 'deported_readmission', 'avr_iom'];
export const isRemoval = (o: OutcomeType) => removalOutcomes.includes(o);
/** Outcomes in which another body takes the person over (removals and transfers). */
export const handsOver = (o: OutcomeType) => isRemoval(o) || o.startsWith('transferred_');

export const exitSchema = z
  .object({
    type: z.enum(outcomeTypes),
    at: isoInstant,
    basis: text(1000),
    receivingBody: optionalText(300),
    receivingOfficer: optionalText(300),
    destinationCountry: nationalityCode.optional(),
    escort: optionalText(300),
    notes: optionalText(2000),
  })
  .strict()
  .refine((e) => !isRemoval(e.type) || e.destinationCountry !== undefined, { message: 'error.exit.destinationRequired', path: ['destinationCountry'] })
  // docs/domain.md §5 rule 1: a person handed to another body leaves with a complete handover record.
  .refine((e) => !handsOver(e.type) || (e.receivingBody ?? '').length > 0, { message: 'error.exit.receiverRequired', path: ['receivingBody'] })
  .refine((e) => !handsOver(e.type) || (e.receivingOfficer ?? '').length > 0, { message: 'error.exit.receiverRequired', path: ['receivingOfficer'] });
export type Exit = z.output<typeof exitSchema>;

/** A documented legal review that lets a centre head override the non-refoulement lock. */
export const legalReviewOverrideSchema = z
  .object({
    reviewReference: text(200),
    reviewedBy: text(200),
    reasoning: text(4000),
  })
  .strict();

/** Which recorded transitions are allowed from which state (the clock-derived RELEASE_DUE included). */
const transitions: Record<string, readonly EpisodeState[]> = {
  admit: ['DECISION_PENDING'],
  requestExtension: ['ACTIVE', 'RELEASE_DUE'],
  extend: ['ACTIVE', 'EXTENSION_PENDING', 'RELEASE_DUE'],
  review: ['ACTIVE', 'EXTENSION_PENDING'],
  transfer: ['ACTIVE', 'EXTENSION_PENDING'],
  scheduleExit: ['ACTIVE', 'EXTENSION_PENDING', 'RELEASE_DUE'],
  close: ['DECISION_PENDING', 'ACTIVE', 'EXTENSION_PENDING', 'RELEASE_DUE', 'EXIT_PENDING'],
};
export type EpisodeAction = keyof typeof transitions;

export function canTransition(action: EpisodeAction, state: EpisodeState): boolean {
  return transitions[action]!.includes(state);
}

/**
 * The state as of `now`: at the end of the term with no extension decision the episode is RELEASE_DUE
 * (docs/domain.md §3 guard, MC 2025 amendment), whether or not anyone has opened the record since.
 */
export function effectiveState(recorded: EpisodeState, termEnd: string | null, now: number): EpisodeState {
  if ((recorded === 'ACTIVE' || recorded === 'EXTENSION_PENDING') && termEnd && Date.parse(termEnd) <= now) return 'RELEASE_DUE';
  return recorded;
}
