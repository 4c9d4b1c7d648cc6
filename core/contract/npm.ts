import { z } from 'zod';
import { isoDate } from '../fields';
import { discrepancySchema } from '../npm/files';
import {
  areaObservationSchema,
  authorityResponseSchema,
  consentScopes,
  findingSchema,
  implementationStatuses,
  interviewConfidentialSchema,
  recommendationStates,
  registerCheckSchema,
  reprisalCheckSchema,
  reprisalRisks,
  teamMemberSchema,
  visitStates,
  visitTypes,
} from '../npm/visit';

/**
 * Ombudsman (NPM) visits — the second trust domain (docs/domain.md §1). `npmOrg`, `npmFacilities` and
 * `npmVisits` answer on an installation of kind ombudsman_office (and its HQ console); `npmCentre` is the
 * centre's side: its identity, the register extract for a visiting team, the recommendations it
 * receives and the responses it sends back. Each namespace has its file (npm-org.ts, npm-facilities.ts,
 * npm-visits.ts, npm-centre.ts); here are the views and file shapes they share.
 */

/** A signed file to save: its name and text. */
export const file = z.object({ fileName: z.string(), content: z.string() });
/** A file as the user picked it: its text, checked by the service (signature, issuer, shape). */
export const fileContent = z.string().min(2, 'error.npm.fileEmpty').max(5_000_000);

export const recommendationView = z.object({
  recommendationId: z.string(),
  visitId: z.string(),
  facilityName: z.string(),
  title: z.string(),
  standard: z.string(),
  severity: findingSchema.shape.severity,
  area: z.string().nullable(),
  finding: z.string(),
  recommendation: z.string(),
  addressee: findingSchema.shape.addressee,
  dueDate: isoDate,
  state: z.enum(recommendationStates),
  issuedAt: z.string().nullable(),
  response: authorityResponseSchema.nullable(),
  implementation: z.enum(implementationStatuses).nullable(),
  verifiedAt: z.string().nullable(),
  verifiedOnVisitId: z.string().nullable(),
  verificationNote: z.string().nullable(),
});
export type RecommendationView = z.infer<typeof recommendationView>;

export const interviewView = z.object({
  interviewId: z.string(),
  pseudonym: z.string(),
  private: z.boolean(),
  kind: z.enum(['individual', 'group']),
  groupSize: z.number().int().nullable(),
  at: z.string(),
  consentScope: z.array(z.enum(consentScopes)),
  reprisalRisk: z.enum(reprisalRisks),
  language: z.string().nullable(),
  interpreterUsed: z.boolean(),
  /** opened with the organisation key; null where this installation does not hold it */
  confidential: interviewConfidentialSchema.nullable(),
});

export const reprisalCheckDue = z.object({
  interviewId: z.string(),
  pseudonym: z.string(),
  fromVisitId: z.string(),
  interviewedAt: z.string(),
  reprisalRisk: z.enum(reprisalRisks),
});

export const visitSummary = z.object({
  visitId: z.string(),
  facilityId: z.string(),
  facilityName: z.string(),
  type: z.enum(visitTypes),
  announced: z.boolean(),
  plannedFor: isoDate,
  state: z.enum(visitStates),
  arrivedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
  interviews: z.number().int(),
  findings: z.number().int(),
  reprisalChecksDue: z.number().int(),
});

/** One item of the stay an extract reports: its kind, when, whose, and its facts as short codes or text. */
export const extractStayKinds = ['contact_refused', 'complaint', 'appeal', 'discipline', 'injury'] as const;
export const extractStayRow = z.object({
  registerNo: z.string(),
  kind: z.enum(extractStayKinds),
  at: z.string(),
  facts: z.record(z.string(), z.string().nullable()),
});
export type ExtractStayRow = z.infer<typeof extractStayRow>;

export const visitView = visitSummary.extend({
  team: z.array(teamMemberSchema),
  followsVisitId: z.string().nullable(),
  purpose: z.string().nullable(),
  reportDraftedAt: z.string().nullable(),
  reportSentAt: z.string().nullable(),
  followUpAt: z.string().nullable(),
  areas: z.array(areaObservationSchema.extend({ at: z.string() })),
  registerChecks: z.array(registerCheckSchema.extend({ at: z.string() })),
  interviews: z.array(interviewView),
  /** interviews of earlier visits to this facility whose reprisal check is still owed */
  reprisalChecksDue: z.array(reprisalCheckDue),
  reprisalChecks: z.array(z.object({ interviewId: z.string(), pseudonym: z.string(), at: z.string(), outcome: reprisalCheckSchema.shape.outcome, note: z.string().nullable() })),
  extract: z
    .object({
      extractId: z.string(),
      importedAt: z.string(),
      from: isoDate,
      to: isoDate,
      generatedAt: z.string(),
      persons: z.number().int(),
      discrepancies: z.array(discrepancySchema),
      /** what the extract says happened during the stay (issue #15 §7), a row per item, by register number */
      stay: z.array(extractStayRow),
    })
    .nullable(),
  findings: z.array(recommendationView),
  /** every recommendation of earlier visits to this facility, where it stands now (follow-up) */
  earlierRecommendations: z.array(recommendationView),
});
export type VisitView = z.infer<typeof visitView>;

export const npmFacilityView = z.object({
  facilityId: z.string(),
  name: z.string(),
  installationId: z.string(),
  addedAt: z.string(),
  devices: z.array(z.object({ deviceId: z.string(), deviceName: z.string(), fingerprint: z.string() })),
});

/** A key rotation statement as the receiver checked it: who, the key it trusts now and the one it would trust. */
const rotationView = z.object({
  oldFingerprint: z.string(),
  newFingerprint: z.string(),
  rotatedAt: z.string(),
  /** the receiver already trusts the new key (the same file taken in again) */
  alreadyAccepted: z.boolean(),
});
export const orgRotationView = rotationView.extend({ organisationId: z.string(), name: z.string() });
export const deviceRotationView = rotationView.extend({ facilityId: z.string(), facilityName: z.string(), deviceId: z.string(), deviceName: z.string() });
