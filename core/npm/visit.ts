import { z } from 'zod';
import { isoDate, isoInstant, optionalText, text } from '../fields';

/**
 * Ombudsman (NPM) visits: OPCAT Arts 19–21, docs/domain.md §2 "NPM Visit" and "Finding / Recommendation",
 * §3 Visit and Recommendation machines, §5 rule 8. Pure schemas and rules; no I/O.
 */

export const visitStates = ['PLANNED', 'ON_SITE', 'DEBRIEF', 'REPORT_DRAFT', 'SENT', 'FOLLOW_UP'] as const;
export type VisitState = (typeof visitStates)[number];

export const visitTypes = ['regular', 'ad_hoc', 'follow_up'] as const;
export const teamRoles = ['head', 'monitor', 'doctor', 'psychologist', 'lawyer', 'interpreter', 'expert'] as const;
export const genders = ['female', 'male', 'other'] as const;

export const teamMemberSchema = z
  .object({
    name: text(120),
    role: z.enum(teamRoles),
    gender: z.enum(genders),
    /** an interpreter's languages, or a doctor's speciality */
    note: optionalText(200),
  })
  .strict();

export const visitPlanSchema = z
  .object({
    /** a facility the office knows (npmFacilities), so the extract and response files can be checked */
    facilityId: text(100),
    type: z.enum(visitTypes),
    announced: z.boolean(),
    plannedFor: isoDate,
    team: z.array(teamMemberSchema).min(1).max(20),
    /** For a follow-up: the earlier visit whose recommendations it checks. */
    followsVisitId: text(100).optional(),
    purpose: optionalText(2000),
  })
  .strict();

/** The standard checklist (SPT assessment tool; APT visit guide). The office may add its own items. */
export const defaultChecklistAreas = ['space', 'hygiene', 'food', 'health_care', 'outside_contact', 'complaints', 'discipline', 'information', 'activities', 'staff_conduct'] as const;

export const observationRatings = ['adequate', 'concern', 'serious', 'not_checked'] as const;

export const areaObservationSchema = z
  .object({
    area: z.string().trim().min(1).max(60),
    rating: z.enum(observationRatings),
    note: optionalText(4000),
    /** where the team saw or heard it: own observation, documents, staff, detainees (triangulation) */
    sources: z
      .array(z.enum(['observation', 'documents', 'staff', 'detainees', 'medical_records']))
      .max(5)
      .default([]),
  })
  .strict();

export const registerCheckSchema = z
  .object({
    register: z.enum(['detention_register', 'medical', 'discipline', 'complaints', 'property', 'other']),
    note: optionalText(2000),
  })
  .strict();

/** What a person may allow the office to do with what they said (APT confidentiality guidance). */
export const consentScopes = ['internal_only', 'anonymised_in_report', 'raise_with_authorities_anonymised', 'raise_with_authorities_named', 'named_in_report'] as const;
export const reprisalRisks = ['low', 'medium', 'high'] as const;
export const safeguardClaims = ['rights_informed', 'consular_informed', 'lawyer_contact', 'medical_exam', 'interpreter'] as const;
export const claimAnswers = ['yes', 'no', 'unsure'] as const;

/**
 * Everything in an interview that could identify the person or expose them to reprisal. It is sealed
 * to the organisation's key before it is stored, synced or exported (core: npm/sealed.ts); nothing of
 * it is ever kept in the clear outside a signed-in ombudsman installation's memory.
 */
export const interviewConfidentialSchema = z
  .object({
    notes: text(20_000),
    /** who was met: used only to compare with the centre's register extract */
    intervieweeName: optionalText(200),
    registerNo: optionalText(40),
    allegations: z.array(text(2000)).max(50).default([]),
    /** what the person says happened, to triangulate with the register's safeguard records */
    claims: z.partialRecord(z.enum(safeguardClaims), z.enum(claimAnswers)).default({}),
  })
  .strict();

export const interviewSchema = z
  .object({
    /** Shown everywhere instead of a name; generated when left blank. */
    pseudonym: z.string().trim().max(60).optional(),
    private: z.boolean(),
    kind: z.enum(['individual', 'group']),
    groupSize: z.number().int().min(2).max(200).optional(),
    at: isoInstant,
    consentScope: z.array(z.enum(consentScopes)).min(1, 'error.npm.consentScopeRequired').max(consentScopes.length),
    reprisalRisk: z.enum(reprisalRisks),
    language: optionalText(40),
    interpreterUsed: z.boolean().default(false),
    confidential: interviewConfidentialSchema,
  })
  .strict()
  .refine((i) => i.kind === 'individual' || i.groupSize !== undefined, { message: 'error.npm.groupSize', path: ['groupSize'] });

export const reprisalCheckSchema = z
  .object({
    interviewId: text(100),
    at: isoInstant,
    outcome: z.enum(['no_reprisal', 'reprisal_alleged', 'person_not_found', 'transferred_or_released']),
    /** sealed like interview notes: a reprisal allegation identifies the person */
    note: optionalText(4000),
  })
  .strict();

export const severities = ['low', 'medium', 'high', 'urgent'] as const;
export const addressees = ['facility', 'sms_hq', 'ministry', 'parliament', 'other'] as const;

export const findingSchema = z
  .object({
    title: text(300),
    /** e.g. "Migration Code Art. 74.5", "SPT ¶14", "Nelson Mandela Rule 7" */
    standard: text(300),
    severity: z.enum(severities),
    area: z.string().trim().max(60).optional(),
    finding: text(8000),
    recommendation: text(8000),
    addressee: z.enum(addressees),
    /** defaults to the visit's end plus the response period in settings (30 days) */
    dueDate: isoDate.optional(),
  })
  .strict();

export const recommendationStates = ['DRAFT', 'ISSUED', 'RESPONSE_DUE', 'RESPONDED', 'IMPLEMENTED', 'PARTIAL', 'NOT_IMPLEMENTED', 'VERIFIED_ON_FOLLOWUP'] as const;
export type RecommendationState = (typeof recommendationStates)[number];
export const implementationStatuses = ['IMPLEMENTED', 'PARTIAL', 'NOT_IMPLEMENTED'] as const;

export const authorityResponseSchema = z
  .object({
    at: isoInstant,
    /** what the authority says it did or will do */
    response: text(8000),
    status: z.enum(['accepted', 'partially_accepted', 'rejected']),
    plannedBy: isoDate.optional(),
    responder: text(200),
  })
  .strict();

export const verificationSchema = z
  .object({
    visitId: text(100),
    at: isoInstant,
    status: z.enum(implementationStatuses),
    note: optionalText(4000),
  })
  .strict();

/** Which visit transitions are allowed (docs/domain.md §3): forward only, one step at a time. */
const nextVisitState: Record<VisitState, VisitState | null> = {
  PLANNED: 'ON_SITE',
  ON_SITE: 'DEBRIEF',
  DEBRIEF: 'REPORT_DRAFT',
  REPORT_DRAFT: 'SENT',
  SENT: 'FOLLOW_UP',
  FOLLOW_UP: null,
};

export function canMoveVisit(from: VisitState, to: VisitState): boolean {
  return nextVisitState[from] === to;
}

/** Interviews, areas and register checks are recorded on site or while debriefing, not after the report. */
export function visitAcceptsFieldwork(state: VisitState): boolean {
  return state === 'ON_SITE' || state === 'DEBRIEF';
}

/** Findings are written from the debrief until the report is sent. */
export function visitAcceptsFindings(state: VisitState): boolean {
  return state === 'DEBRIEF' || state === 'REPORT_DRAFT';
}

/**
 * The recommendation's state from what has been recorded: issued with the report, due once the
 * response date passes, then what the authority answered, then what a follow-up visit verified.
 */
export function recommendationState(r: {
  issuedAt: string | null;
  dueDate: string;
  response: { status: 'accepted' | 'partially_accepted' | 'rejected' } | null;
  implementation: (typeof implementationStatuses)[number] | null;
  verifiedAt: string | null;
  today: string;
}): RecommendationState {
  if (r.verifiedAt) return 'VERIFIED_ON_FOLLOWUP';
  if (r.implementation) return r.implementation;
  if (r.response) return 'RESPONDED';
  if (!r.issuedAt) return 'DRAFT';
  return r.today > r.dueDate ? 'RESPONSE_DUE' : 'ISSUED';
}

/** A pseudonym that says nothing about the person: the visit's initials and a running number. */
export function defaultPseudonym(index: number): string {
  return `P-${String(index).padStart(2, '0')}`;
}
