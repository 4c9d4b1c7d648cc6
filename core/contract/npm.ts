import { z } from 'zod';
import { isoDate, isoInstant, password, text } from '../fields';
import { needs, signedIn } from '../permissions';
import { discrepancySchema } from '../npm/files';
import {
  areaObservationSchema,
  authorityResponseSchema,
  consentScopes,
  findingSchema,
  implementationStatuses,
  interviewConfidentialSchema,
  interviewSchema,
  recommendationStates,
  registerCheckSchema,
  reprisalCheckSchema,
  reprisalRisks,
  teamMemberSchema,
  verificationSchema,
  visitPlanSchema,
  visitStates,
  visitTypes,
} from '../npm/visit';
import { method } from './method';

/**
 * Ombudsman (NPM) visits — the second trust domain (docs/domain.md §1). `npmOrg`, `npmFacilities` and
 * `npmVisits` answer on an installation of kind ombudsman_office (and its HQ console); `npmCentre` is the
 * centre's side: its identity, the register extract for a visiting team, the recommendations it
 * receives and the responses it sends back.
 */

const id = z.string().min(1).max(100);
const ok = z.object({ ok: z.literal(true) });
const file = z.object({ fileName: z.string(), content: z.string() });
/** A file as the user picked it: its text, checked by the service (signature, issuer, shape). */
const fileContent = z.string().min(2, 'error.npm.fileEmpty').max(5_000_000);

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

export const npmContract = {
  npmOrg: {
    status: method({
      input: z.object({}).strict(),
      output: z.object({
        /** the organisation's keys are on this installation (public always, private when it can open) */
        configured: z.boolean(),
        canOpenSealed: z.boolean(),
        organisationId: z.string().nullable(),
        name: z.string().nullable(),
        fingerprint: z.string().nullable(),
      }),
      /** monitors (visit.read) and the office's administrator (settings.manage), checked in the handler */
      access: signedIn,
    }),
    /** The office's first installation makes the organisation's key pairs (encryption and signing). */
    create: method({ input: z.object({ name: text(200) }).strict(), output: ok, access: needs('settings.manage') }),
    /**
     * The private keys for another team laptop or the office's HQ console, under a passphrase. The
     * administrator's own password is asked again (issue #10 §6), checked against their key slot.
     */
    exportKey: method({
      input: z.object({ currentPassword: z.string().min(1, 'error.field.required').max(256), passphrase: password }).strict(),
      output: file,
      access: needs('settings.manage'),
    }),
    importKey: method({ input: z.object({ content: fileContent, passphrase: z.string().min(1).max(256) }).strict(), output: ok, access: needs('settings.manage') }),
    /** The public identity file a centre installs to check recommendation files. */
    identity: method({ input: z.object({}).strict(), output: file, access: signedIn }),
  },
  npmFacilities: {
    list: method({ input: z.object({}).strict(), output: z.object({ facilities: z.array(npmFacilityView) }), access: needs('visit.read') }),
    /** A centre's identity file (from its oversight screen); a second device of a known centre adds its key. */
    add: method({ input: z.object({ content: fileContent }).strict(), output: z.object({ facility: npmFacilityView }), access: needs('visit.write') }),
  },
  npmVisits: {
    list: method({
      input: z.object({ state: z.enum(visitStates).optional() }).strict(),
      output: z.object({ visits: z.array(visitSummary) }),
      access: needs('visit.read'),
    }),
    get: method({
      input: z.object({ visitId: id }).strict(),
      output: z.object({ visit: visitView }),
      access: needs('visit.read'),
      audit: { kind: 'read', entityType: 'visit', entityId: (i) => i.visitId },
    }),
    plan: method({
      input: z.object({ plan: visitPlanSchema }).strict(),
      output: z.object({ visitId: z.string() }),
      access: needs('visit.write'),
      audit: { kind: 'change', entityType: 'visit', entityId: (_i, o) => o?.visitId ?? null },
    }),
    /** PLANNED → ON_SITE (arrival) → DEBRIEF (departure) → REPORT_DRAFT → SENT → FOLLOW_UP, one step at a time. */
    move: method({
      input: z.object({ visitId: id, to: z.enum(visitStates), at: isoInstant }).strict(),
      output: ok,
      access: needs('visit.write'),
      audit: { kind: 'change', entityType: 'visit', entityId: (i) => i.visitId },
    }),
    recordArea: method({
      input: z.object({ visitId: id, observation: areaObservationSchema, at: isoInstant }).strict(),
      output: ok,
      access: needs('visit.write'),
      audit: { kind: 'change', entityType: 'visit', entityId: (i) => i.visitId },
    }),
    recordRegisterCheck: method({
      input: z.object({ visitId: id, check: registerCheckSchema, at: isoInstant }).strict(),
      output: ok,
      access: needs('visit.write'),
      audit: { kind: 'change', entityType: 'visit', entityId: (i) => i.visitId },
    }),
    recordInterview: method({
      input: z.object({ visitId: id, interview: interviewSchema }).strict(),
      output: z.object({ interviewId: z.string(), pseudonym: z.string() }),
      access: needs('visit.write'),
      audit: { kind: 'change', entityType: 'visit', entityId: (i) => i.visitId },
    }),
    checkReprisal: method({
      input: z.object({ visitId: id, check: reprisalCheckSchema }).strict(),
      output: ok,
      access: needs('visit.write'),
      audit: { kind: 'change', entityType: 'visit', entityId: (i) => i.visitId },
    }),
    /** OPCAT Art. 20: the centre's signed register extract, laid beside what the team saw and heard. */
    importExtract: method({
      input: z.object({ visitId: id, content: fileContent }).strict(),
      output: z.object({ persons: z.number().int(), discrepancies: z.array(discrepancySchema) }),
      access: needs('visit.write'),
      audit: { kind: 'change', entityType: 'visit', entityId: (i) => i.visitId },
    }),
    addFinding: method({
      input: z.object({ visitId: id, finding: findingSchema }).strict(),
      output: z.object({ recommendationId: z.string() }),
      access: needs('visit.write'),
      audit: { kind: 'change', entityType: 'visit', entityId: (i) => i.visitId },
    }),
    /** The signed recommendations file for the facility; issuing starts each response clock. */
    exportRecommendations: method({
      input: z.object({ visitId: id }).strict(),
      output: file,
      access: needs('visit.write'),
      audit: { kind: 'change', entityType: 'visit', entityId: (i) => i.visitId },
    }),
    importResponses: method({
      input: z.object({ content: fileContent }).strict(),
      output: z.object({ visitId: z.string(), recorded: z.number().int(), alreadyHeld: z.number().int() }),
      access: needs('visit.write'),
      audit: { kind: 'change', entityType: 'visit', entityId: (_i, o) => o?.visitId ?? null },
    }),
    verifyRecommendation: method({
      input: z.object({ recommendationId: id, verification: verificationSchema }).strict(),
      output: ok,
      access: needs('visit.write'),
      audit: { kind: 'change', entityType: 'visit', entityId: (i) => i.verification.visitId },
    }),
  },
  npmCentre: {
    status: method({
      input: z.object({}).strict(),
      output: z.object({ trustedOmbudsman: z.object({ organisationId: z.string(), name: z.string(), fingerprint: z.string() }).nullable() }),
      access: needs('npm.respond'),
    }),
    /** This centre's public identity file, for the ombudsman office to check its extracts and responses. */
    identity: method({ input: z.object({}).strict(), output: file, access: needs('npm.respond') }),
    trustOmbudsman: method({
      input: z.object({ content: fileContent }).strict(),
      output: z.object({ organisationId: z.string(), name: z.string(), fingerprint: z.string() }),
      access: needs('settings.manage'),
    }),
    /** Everyone held in the period with the state of each safeguard, signed by this device. */
    exportExtract: method({
      input: z
        .object({ from: isoDate, to: isoDate })
        .strict()
        .refine((p) => p.from <= p.to, { message: 'error.hq.periodOrder', path: ['to'] }),
      output: file.extend({ persons: z.number().int() }),
      access: needs('npm.respond'),
      audit: { kind: 'read', entityType: 'register_extract', entityId: (i) => `${i.from}..${i.to}` },
    }),
    importRecommendations: method({
      input: z.object({ content: fileContent }).strict(),
      output: z.object({ visitId: z.string(), recommendations: z.number().int(), alreadyHeld: z.boolean() }),
      access: needs('npm.respond'),
      audit: { kind: 'change', entityType: 'npm_recommendations', entityId: (_i, o) => o?.visitId ?? null },
    }),
    recommendations: method({
      input: z.object({}).strict(),
      output: z.object({ recommendations: z.array(recommendationView) }),
      access: needs('npm.respond'),
    }),
    respond: method({
      input: z.object({ recommendationId: id, response: authorityResponseSchema }).strict(),
      output: ok,
      access: needs('npm.respond'),
      audit: { kind: 'change', entityType: 'npm_recommendation', entityId: (i) => i.recommendationId },
    }),
    exportResponses: method({
      input: z.object({ visitId: id }).strict(),
      output: file,
      access: needs('npm.respond'),
    }),
  },
};
