import { z } from 'zod';
import { isoInstant } from '../fields';
import { discrepancySchema } from '../npm/files';
import { areaObservationSchema, findingSchema, interviewSchema, registerCheckSchema, reprisalCheckSchema, verificationSchema, visitPlanSchema, visitStates } from '../npm/visit';
import { needs } from '../permissions';
import { id, ok } from './common';
import { method } from './method';
import { file, fileContent, visitSummary, visitView } from './npm';

/** Ombudsman (NPM) visits: plan, observations, interviews, findings and recommendations. */
export const npmVisitsContract = {
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
};
