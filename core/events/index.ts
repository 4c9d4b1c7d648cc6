import { z } from 'zod';
import { appealFileSchema, appealHearingSchema, appealOutcomeSchema, complaintAnswerSchema, complaintForwardSchema, complaintLodgeSchema } from '../complaints';
import { contactReviewSchema, contactSchema } from '../contacts';
import { rightsDelaySchema } from '../admission-status';
import { asylumExpressionSchema, asylumForwardSchema, asylumStatusChangeSchema } from '../asylum';
import { apprehensionSchema, decisionSchema, exitSchema, handoverSchema, identityDocumentSchema, legalReviewOverrideSchema, medicalCheckSchema, propertyItemSchema, regime } from '../episode';
import { isoDate, isoInstant, optionalText, text } from '../fields';
import {
  appealOutcomeSchema as disciplineAppealOutcomeSchema,
  appealSchema as disciplineAppealSchema,
  breachSchema,
  decisionSchema as disciplineDecisionSchema,
  dropSchema,
  hearingSchema,
  noticeSchema,
} from '../discipline';
import { propertyAcknowledgementSchema, recordItemsSchema, releaseSchema } from '../property';
import { answerChannel, answerOutcome, candidateKind, consentHeld, disclosureState, inquirySubject, requester, reviewDecision, tracingRecordPayload } from '../contract/tracing';
import { isWellFormedText } from '../well-formed';
import { exitExamNotDoneSchema, hospitalAdmissionSchema, injuryReportSchema, injurySchema, medicalVisitSchema } from '../health';
import { bodyRecordSchema, deathNotificationSchema, deathSchema, exitPathways, exitStepSchema } from '../exits';
import { tracingAnsweredSchema, tracingNotAskedSchema } from '../tracing-answers';
import { transferConfirmedSchema, transferDispatchedSchema, transferReceivedSchema, transferRefusedSchema } from '../transfers';
import { isHlc } from '../hlc';
import { nonRefoulementCheckSchema } from '../non-refoulement';
import { personDetails } from '../person';
import { hqPersonRef } from '../sync-national';
import { ageAssessmentSchema, guardianSchema, referralProgressSchema, referralSchema, screeningSchema } from '../vulnerability';
import {
  consularConsentSchema,
  consularDisclosureReviewSchema,
  consularOpenSchema,
  consularSentSchema,
  defenderSchema,
  interpreterUseSchema,
  legalAidContactSchema,
  legalAidIssueSchema,
  legalAidRequestSchema,
  rightsNotificationSchema,
} from '../safeguards';
import { sealedSchema } from '../npm/sealed';
import { signedFileSchema } from '../npm/files';
import {
  areaObservationSchema,
  authorityResponseSchema,
  consentScopes,
  findingSchema,
  registerCheckSchema,
  reprisalCheckSchema,
  reprisalRisks,
  verificationSchema,
  visitPlanSchema,
  visitStates,
} from '../npm/visit';

const ref = z.string().min(1).max(100);
const correction = z
  .object({
    /** Only the fields that change; the previous values are kept by the events before this one. */
    changes: z.record(z.string().max(100), z.unknown()),
    reason: text(1000),
  })
  .strict();

/**
 * Every kind of event, with the zod schema of its payload and the payload's schema version. Payloads are
 * validated when an event is made and again when one arrives from another device or HQ. Changing a
 * payload's shape means raising its schemaVersion and declaring the step up in ./upcast.ts, so events
 * already written still replay (issue #12).
 */
export const eventCatalog = {
  'person.registered': {
    schemaVersion: 1,
    payload: z.object({ details: personDetails }).strict(),
  },
  'person.corrected': { schemaVersion: 1, payload: correction },
  /** Two records found to be one person: the merged record points at the survivor; nothing is deleted. */
  'person.merged': { schemaVersion: 1, payload: z.object({ intoPersonId: ref, reason: text(1000) }).strict() },
  'person.unmerged': { schemaVersion: 1, payload: z.object({ reason: text(1000) }).strict() },
  /** The person's answer to HQ's tracing request, asked through the centre (issue #14 §3, docs/sync.md#tracing-requests-to-a-centre). */
  'person.tracingAnswered': { schemaVersion: 1, payload: tracingAnsweredSchema },
  /**
   * The centre could not put HQ's tracing request to the person (they left, died, cannot understand it):
   * closes the request like an answer, but answers nothing. An event of its own rather than a second
   * shape of person.tracingAnswered, so a device or HQ of an earlier version sets it aside as an unknown
   * type and still reads every ordinary answer (docs/sync.md#tracing-requests-to-a-centre).
   */
  'person.tracingNotAsked': { schemaVersion: 1, payload: tracingNotAskedSchema },
  /**
   * The same person's record at another facility, found through HQ's national check (issue #14 §2):
   * linked, never merged (each centre keeps its own record); undone by person.nationalUnlinked.
   */
  'person.nationalLinked': {
    schemaVersion: 1,
    payload: z.object({ hqRef: hqPersonRef, facilityName: text(200), registerNo: text(40), reason: text(1000) }).strict(),
  },
  'person.nationalUnlinked': { schemaVersion: 1, payload: z.object({ hqRef: hqPersonRef, reason: text(1000) }).strict() },

  'document.recorded': { schemaVersion: 1, payload: z.object({ personId: ref, document: identityDocumentSchema }).strict() },
  'document.corrected': { schemaVersion: 1, payload: correction },

  /** Brought to the centre, no placement decision yet: held as DECISION_PENDING, not admitted. */
  'episode.apprehended': {
    schemaVersion: 1,
    payload: z.object({ personId: ref, facilityId: ref, facilityName: text(200), apprehension: apprehensionSchema }).strict(),
  },
  /** Admission: only with a decision record (docs/domain.md §5 rule 1). */
  'episode.admitted': {
    schemaVersion: 1,
    payload: z
      .object({
        personId: ref,
        facilityId: ref,
        facilityName: text(200),
        regime,
        decision: decisionSchema,
        apprehension: apprehensionSchema,
        admittedAt: isoInstant,
        handover: handoverSchema,
        medical: medicalCheckSchema.optional(),
        property: z.array(propertyItemSchema).max(200).default([]),
      })
      .strict(),
  },
  'episode.medicalChecked': { schemaVersion: 1, payload: z.object({ medical: medicalCheckSchema }).strict() },
  'episode.extensionRequested': { schemaVersion: 1, payload: z.object({ at: isoInstant, note: optionalText(2000) }).strict() },
  'episode.extended': { schemaVersion: 1, payload: z.object({ decision: decisionSchema }).strict() },
  'episode.reviewed': {
    schemaVersion: 1,
    payload: z.object({ at: isoInstant, conclusion: z.enum(['continue', 'release_recommended']), notes: optionalText(4000) }).strict(),
  },
  'episode.transferred': {
    schemaVersion: 1,
    payload: z.object({ at: isoInstant, toFacilityName: text(200), reason: text(1000), handover: handoverSchema }).strict(),
  },
  'episode.exitScheduled': { schemaVersion: 1, payload: z.object({ plannedAt: isoInstant, plannedOutcome: exitSchema.shape.type }).strict() },
  'episode.closed': {
    schemaVersion: 1,
    payload: z.object({ exit: exitSchema, override: legalReviewOverrideSchema.optional() }).strict(),
  },
  'episode.corrected': { schemaVersion: 1, payload: correction },

  'screening.recorded': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, screening: screeningSchema }).strict() },
  'age.assessed': { schemaVersion: 1, payload: z.object({ personId: ref, assessment: ageAssessmentSchema }).strict() },
  'guardian.appointed': { schemaVersion: 1, payload: z.object({ personId: ref, guardian: guardianSchema }).strict() },
  'referral.created': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, referral: referralSchema }).strict() },
  'referral.progressed': { schemaVersion: 1, payload: z.object({ progress: referralProgressSchema }).strict() },

  'asylum.expressed': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref.optional(), expression: asylumExpressionSchema }).strict() },
  'asylum.forwarded': { schemaVersion: 1, payload: asylumForwardSchema },
  'asylum.statusChanged': { schemaVersion: 1, payload: asylumStatusChangeSchema },

  /** Ends a conflict between concurrent corrections of one field: the value chosen, and why. */
  'record.conflictResolved': {
    schemaVersion: 1,
    payload: z.object({ entityType: z.enum(['person', 'episode']), field: z.string().min(1).max(100), value: z.unknown(), reason: text(1000) }).strict(),
  },
  'nonRefoulement.checked': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, check: nonRefoulementCheckSchema }).strict() },

  /** Safeguards from the first hour (Migration Code 74.5, VCCR 36, Constitution 61). */
  'rights.notified': {
    schemaVersion: 1,
    payload: z
      .object({
        personId: ref,
        episodeId: ref,
        notification: rightsNotificationSchema,
        templateHash: z.string().max(64).optional(),
        verifyCode: z.string().min(4).max(20),
        /** The letter's review status when it was handed over (issue #11 §7); absent on older events and oral notices. */
        letterStatus: z.enum(['reviewed', 'draft']).optional(),
      })
      .strict(),
  },
  /** Why the rights could not be explained yet (no interpreter, not fit): admission stands, the notice is still owed (issue #11 §3). */
  'rights.delayed': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, delay: rightsDelaySchema }).strict() },
  'interpreter.used': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref.optional(), use: interpreterUseSchema }).strict() },
  'consular.opened': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, open: consularOpenSchema }).strict() },
  'consular.consentRecorded': { schemaVersion: 1, payload: z.object({ consent: consularConsentSchema }).strict() },
  'consular.sent': { schemaVersion: 1, payload: z.object({ sent: consularSentSchema }).strict() },
  'consular.acknowledged': { schemaVersion: 1, payload: z.object({ at: isoInstant, note: optionalText(2000) }).strict() },
  'consular.visited': { schemaVersion: 1, payload: z.object({ at: isoInstant, note: optionalText(2000) }).strict() },
  'consular.withdrawn': { schemaVersion: 1, payload: z.object({ at: isoInstant, reason: text(2000) }).strict() },
  /** A notice sent before the person became a protection case was reviewed (docs/domain.md §5 rule 3, issue #11). */
  'consular.disclosureReviewed': { schemaVersion: 1, payload: z.object({ review: consularDisclosureReviewSchema }).strict() },
  'legalAid.requested': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, request: legalAidRequestSchema }).strict() },
  'legalAid.defenderAssigned': { schemaVersion: 1, payload: z.object({ defender: defenderSchema }).strict() },
  'legalAid.contacted': { schemaVersion: 1, payload: z.object({ contact: legalAidContactSchema }).strict() },
  'legalAid.issue': { schemaVersion: 1, payload: z.object({ issue: legalAidIssueSchema }).strict() },
  'legalAid.waived': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, at: isoInstant, witness: text(200), statement: optionalText(2000) }).strict() },
  /** Health during the stay (issue #15 §4, core/health.ts): medical content, read with medical.read only. */
  'health.visitRecorded': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, visit: medicalVisitSchema }).strict() },
  'health.exitExamNotDone': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, notDone: exitExamNotDoneSchema }).strict() },
  'health.hospitalAdmitted': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, stay: hospitalAdmissionSchema }).strict() },
  'health.hospitalReturned': { schemaVersion: 1, payload: z.object({ at: isoInstant }).strict() },
  'health.injuryRecorded': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, injury: injurySchema }).strict() },
  'health.injuryReported': { schemaVersion: 1, payload: z.object({ report: injuryReportSchema }).strict() },

  // Every way out (issue #15 §6, core/exits.ts): entity = the episode.
  'exit.stepRecorded': { schemaVersion: 1, payload: z.object({ personId: ref, pathway: z.enum(exitPathways), step: exitStepSchema }).strict() },
  /** A death in custody; the same command closes the episode with outcome `died`. */
  'death.recorded': { schemaVersion: 1, payload: z.object({ personId: ref, death: deathSchema }).strict() },
  'death.notified': { schemaVersion: 1, payload: z.object({ notification: deathNotificationSchema }).strict() },
  'death.bodyRecorded': { schemaVersion: 1, payload: z.object({ body: bodyRecordSchema }).strict() },
  /** Outside contacts (issue #15 §1, docs/contacts.md): a visit, call, letter or parcel, a refusal with its reason. */
  'contact.recorded': {
    schemaVersion: 1,
    payload: z.object({ personId: ref, episodeId: ref, contact: contactSchema, noticeId: ref.optional(), legalAidRequestId: ref.optional() }).strict(),
  },
  /** The whole contact as it should have been recorded, and why: the earlier events keep what was there. */
  'contact.corrected': { schemaVersion: 1, payload: z.object({ contact: contactSchema, reason: text(1000) }).strict() },
  /** The centre head's review of a refused lawyer or ombudsman contact (a safeguard failure). */
  'contact.refusalReviewed': { schemaVersion: 1, payload: z.object({ review: contactReviewSchema }).strict() },

  /** Requests and complaints (issue #15 §2, docs/complaints.md); an escalation is a new item naming the one it takes further. */
  'complaint.lodged': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, complaint: complaintLodgeSchema, escalatedFrom: ref.optional() }).strict() },
  'complaint.forwarded': { schemaVersion: 1, payload: z.object({ forward: complaintForwardSchema }).strict() },
  'complaint.answered': { schemaVersion: 1, payload: z.object({ answer: complaintAnswerSchema }).strict() },
  /** Appeals to a court against the placement decision or an extension: filed, heard, decided. */
  'appeal.filed': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, appeal: appealFileSchema }).strict() },
  'appeal.hearing': { schemaVersion: 1, payload: z.object({ hearing: appealHearingSchema }).strict() },
  'appeal.decided': { schemaVersion: 1, payload: z.object({ outcome: appealOutcomeSchema }).strict() },

  /** Discipline (issue #15 §3, docs/discipline-property.md): entity = the breach, which carries its one measure (MC Art. 90.4). */
  'discipline.breachRecorded': { schemaVersion: 1, payload: z.object({ personId: ref, episodeId: ref, breach: breachSchema }).strict() },
  'discipline.heard': { schemaVersion: 1, payload: z.object({ hearing: hearingSchema }).strict() },
  /** The centre head's reasoned decision (MC 90.3); `officerName` as it is signed on the decision. */
  'discipline.decided': { schemaVersion: 1, payload: z.object({ decision: disciplineDecisionSchema, officerName: text(200) }).strict() },
  'discipline.noticeGiven': { schemaVersion: 1, payload: z.object({ notice: noticeSchema }).strict() },
  'discipline.appealed': { schemaVersion: 1, payload: z.object({ appeal: disciplineAppealSchema }).strict() },
  'discipline.appealDecided': { schemaVersion: 1, payload: z.object({ outcome: disciplineAppealOutcomeSchema }).strict() },
  'discipline.dropped': { schemaVersion: 1, payload: z.object({ drop: dropSchema }).strict() },
  /** Property (issue #15 §5): entity = the episode; item ids are made by the recording device. */
  'property.itemsRecorded': {
    schemaVersion: 1,
    payload: z.object({ personId: ref, record: recordItemsSchema, itemIds: z.array(ref).min(1).max(100) }).strict(),
  },
  'property.acknowledged': { schemaVersion: 1, payload: z.object({ personId: ref, ackId: ref, acknowledgement: propertyAcknowledgementSchema, itemIds: z.array(ref).max(1000) }).strict() },
  'property.released': { schemaVersion: 1, payload: z.object({ personId: ref, itemIds: z.array(ref).min(1).max(1000), release: releaseSchema }).strict() },

  // Ombudsman (NPM) installations only. Interview content travels sealed to the organisation key.
  'npm.facilityAdded': {
    schemaVersion: 1,
    payload: z.object({ name: text(200), installationId: ref, deviceId: ref, deviceName: text(100), publicKey: text(200) }).strict(),
  },
  /** a centre device's file-signing key replaced, on a statement signed by the old key (docs/npm.md#key-rotation) */
  'npm.facilityKeyRotated': {
    schemaVersion: 1,
    payload: z.object({ deviceId: ref, oldPublicKey: text(200), newPublicKey: text(200), rotatedAt: isoInstant, file: signedFileSchema }).strict(),
  },
  'visit.planned': { schemaVersion: 1, payload: z.object({ plan: visitPlanSchema }).strict() },
  'visit.moved': { schemaVersion: 1, payload: z.object({ to: z.enum(visitStates), at: isoInstant }).strict() },
  'visit.areaObserved': { schemaVersion: 1, payload: z.object({ observation: areaObservationSchema, at: isoInstant }).strict() },
  'visit.registerChecked': { schemaVersion: 1, payload: z.object({ check: registerCheckSchema, at: isoInstant }).strict() },
  'visit.interviewed': {
    schemaVersion: 1,
    payload: z
      .object({
        interviewId: ref,
        pseudonym: text(60),
        private: z.boolean(),
        kind: z.enum(['individual', 'group']),
        groupSize: z.number().int().min(2).max(200).optional(),
        at: isoInstant,
        consentScope: z.array(z.enum(consentScopes)).min(1).max(consentScopes.length),
        reprisalRisk: z.enum(reprisalRisks),
        language: optionalText(40),
        interpreterUsed: z.boolean(),
        sealed: sealedSchema,
      })
      .strict(),
  },
  'visit.reprisalChecked': {
    schemaVersion: 1,
    payload: z.object({ interviewId: ref, at: isoInstant, outcome: reprisalCheckSchema.shape.outcome, sealedNote: sealedSchema.optional() }).strict(),
  },
  /** The whole signed file is kept, so anyone can check it again later. */
  'visit.extractImported': { schemaVersion: 1, payload: z.object({ file: signedFileSchema, importedAt: isoInstant }).strict() },
  'visit.findingAdded': {
    schemaVersion: 1,
    payload: z.object({ recommendationId: ref, finding: findingSchema.required({ dueDate: true }) }).strict(),
  },
  'visit.recommendationsIssued': { schemaVersion: 1, payload: z.object({ at: isoInstant, recommendationIds: z.array(ref).min(1).max(500) }).strict() },
  'visit.responseRecorded': { schemaVersion: 1, payload: z.object({ recommendationId: ref, response: authorityResponseSchema }).strict() },
  'visit.recommendationVerified': { schemaVersion: 1, payload: z.object({ recommendationId: ref, verification: verificationSchema }).strict() },

  // A centre's side of oversight.
  'oversight.ombudsmanTrusted': { schemaVersion: 1, payload: z.object({ organisationId: ref, name: text(200), signingPublicKey: text(200) }).strict() },
  /** the trusted office's signing key replaced, on a statement signed by the old key (docs/npm.md#key-rotation) */
  'oversight.ombudsmanKeyRotated': {
    schemaVersion: 1,
    payload: z.object({ organisationId: ref, name: text(200), oldSigningPublicKey: text(200), newSigningPublicKey: text(200), rotatedAt: isoInstant, file: signedFileSchema }).strict(),
  },
  'oversight.recommendationsReceived': { schemaVersion: 1, payload: z.object({ file: signedFileSchema, receivedAt: isoInstant }).strict() },
  'oversight.responded': { schemaVersion: 1, payload: z.object({ recommendationId: ref, visitId: ref, response: authorityResponseSchema }).strict() },

  /**
   * HQ's tracing inquiries (issue #14 §3, docs/hq-console.md "Tracing inquiries"): recorded at the HQ
   * console only, in its own store, and never synced to a device.
   */
  'tracing.inquiryOpened': {
    schemaVersion: 1,
    payload: z.object({ requester, subject: inquirySubject, legalBasis: text(1000), consent: consentHeld, consentNote: optionalText(1000), receivedOn: isoDate, dueOn: isoDate }).strict(),
  },
  'tracing.candidateReviewed': {
    schemaVersion: 1,
    payload: z.object({ kind: candidateKind, candidateId: ref, decision: reviewDecision, note: text(1000) }).strict(),
  },
  'tracing.inquiryAnswered': {
    schemaVersion: 1,
    payload: z
      .object({ outcome: answerOutcome, candidateId: ref.optional(), toldTo: text(300), toldAt: isoInstant, channel: answerChannel, summary: text(4000), disclosure: disclosureState.optional() })
      .strict(),
  },
  'tracing.inquiryClosed': { schemaVersion: 1, payload: z.object({ reason: text(1000) }).strict() },
  /** A person whose identity is unknown, or a death in custody or at the border. */
  'tracing.recordCreated': { schemaVersion: 1, payload: z.object({ record: tracingRecordPayload }).strict() },

  /**
   * Transfers between centres (issue #15 §6, docs/sync.md#transfers-between-centres), each on the transfer
   * (its id is the entity): dispatched by the sending centre with the signed package of the person's
   * records; received (the handover check, carrying the package) or refused by the receiving centre;
   * confirmed by the sending centre once HQ told it the outcome.
   */
  'transfer.dispatched': { schemaVersion: 1, payload: transferDispatchedSchema },
  'transfer.received': { schemaVersion: 1, payload: transferReceivedSchema },
  'transfer.refused': { schemaVersion: 1, payload: transferRefusedSchema },
  'transfer.confirmed': { schemaVersion: 1, payload: transferConfirmedSchema },
} as const;

export type EventType = keyof typeof eventCatalog;
export type EventPayload<T extends EventType> = z.output<(typeof eventCatalog)[T]['payload']>;

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(eventCatalog, type);
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
/**
 * Text of an event that is hashed as it is: a lone surrogate or NUL would be stored altered (or refused
 * by PostgreSQL), so what is stored would no longer match its hash (core/well-formed.ts, issue #10).
 */
const wellFormed = (s: z.ZodString) => s.refine(isWellFormedText, 'error.field.illFormedText');
/** The largest integer HQ's columns hold (PostgreSQL `integer`): beyond it a push must be refused, not fail (issue #10). */
export const maxStoredInteger = 2_147_483_647;

/** The stored and synced form of an event (docs/architecture.md §3). `payload` is canonical JSON text. */
export const eventRecord = z.object({
  eventId: z.uuid(),
  deviceId: z.uuid(),
  deviceSeq: z.number().int().min(1).max(maxStoredInteger),
  /** Every device decodes it to order events and advance its clock; text that does not decode is refused. */
  hlc: z.string().min(30).max(100).refine(isHlc),
  actor: wellFormed(z.string().min(1).max(100)),
  type: wellFormed(z.string().min(1).max(100)),
  entityId: wellFormed(z.string().min(1).max(100)),
  payload: wellFormed(z.string().max(256 * 1024)),
  schemaVersion: z.number().int().min(1).max(maxStoredInteger),
  supersedes: z.array(wellFormed(z.string().max(100))).max(100),
  prevHash: z.union([hex64, z.literal('')]),
  hash: hex64,
});
export type EventRecord = z.infer<typeof eventRecord>;

/** What a command asks to append; the store adds identity, sequence, clock and hashes. */
export interface EventDraft<T extends EventType = EventType> {
  type: T;
  entityId: string;
  payload: EventPayload<T>;
  supersedes?: string[];
}
