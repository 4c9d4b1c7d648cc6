import { z } from 'zod';
import {
  appealDecisions,
  appealFileSchema,
  appealHearingSchema,
  appealOutcomeSchema,
  appealOutcomes,
  complaintAddressees,
  complaintAnswerSchema,
  complaintCategories,
  complaintEscalationSchema,
  complaintForwardSchema,
  complaintKinds,
  complaintLodgers,
  complaintLodgeSchema,
} from '../complaints';
import { needs } from '../permissions';
import { id, personAudit, recorded } from './common';
import { method } from './method';

/**
 * Requests, complaints and appeals against the placement decision (issue #15 §2, docs/complaints.md). A
 * complaint about staff comes back to a reader who may not read it (without `complaints.staff`, or
 * named in it) with `restricted: true` and no detail: the item, its addressee and its clock stay
 * visible so nothing owed is missed.
 */

export const complaintStatus = z.enum(['open', 'answered', 'overdue', 'escalated']);

export const complaintView = z.object({
  complaintId: z.string(),
  episodeId: z.string(),
  receivedAt: z.string(),
  addressee: z.enum(complaintAddressees),
  aboutStaff: z.boolean(),
  /** A complaint about staff this reader may not read: `detail` is null. */
  restricted: z.boolean(),
  status: complaintStatus,
  dueAt: z.string(),
  /** For an addressee outside the centre, when it must be forwarded; null for the centre head. */
  forwardDueAt: z.string().nullable(),
  forwardedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  escalatedTo: z.string().nullable(),
  escalatedFrom: z.string().nullable(),
  detail: z
    .object({
      kind: z.enum(complaintKinds),
      category: z.enum(complaintCategories),
      subject: z.string(),
      lodgedBy: z.enum(complaintLodgers),
      lodgedByName: z.string().nullable(),
      staffNamed: z.string().nullable(),
      staffUserIds: z.array(z.string()),
      forwardVia: z.string().nullable(),
      answerFrom: z.string().nullable(),
      answerText: z.string().nullable(),
    })
    .nullable(),
});
export type ComplaintView = z.infer<typeof complaintView>;

export const appealView = z.object({
  appealId: z.string(),
  episodeId: z.string(),
  decision: z.enum(appealDecisions),
  extensionNo: z.number().int().nullable(),
  filedAt: z.string(),
  court: z.string(),
  note: z.string().nullable(),
  hearings: z.array(appealHearingSchema),
  outcome: z.enum(appealOutcomes).nullable(),
  outcomeAt: z.string().nullable(),
  newTermEnd: z.string().nullable(),
  /** The term end before the court shortened it, when the shortening became the episode's term. */
  termEndBefore: z.string().nullable(),
  /** Whether the shortened term is the episode's term (false when a later extension decided a new one). */
  termApplied: z.boolean(),
  outcomeNote: z.string().nullable(),
});
export type AppealView = z.infer<typeof appealView>;

export const complaintsContract = {
  complaints: {
    /** Every request, complaint and appeal of the person, newest first; staff complaints masked as above. */
    forPerson: method({
      input: z.object({ personId: id }).strict(),
      output: z.object({ complaints: z.array(complaintView), appeals: z.array(appealView) }),
      access: needs('person.read'),
      audit: personAudit('read'),
      readsRecords: true,
    }),
    /** The staff of this installation a complaint may name (so the named never see it). */
    staff: method({
      input: z.object({}).strict(),
      output: z.object({ staff: z.array(z.object({ userId: z.string(), displayName: z.string() })) }),
      access: needs('person.write'),
    }),
    lodge: method({ input: z.object({ episodeId: id, complaint: complaintLodgeSchema }).strict(), output: z.object({ complaintId: z.string() }), access: needs('person.write') }),
    forward: method({ input: z.object({ complaintId: id, forward: complaintForwardSchema }).strict(), output: recorded, access: needs('person.write') }),
    answer: method({ input: z.object({ complaintId: id, answer: complaintAnswerSchema }).strict(), output: recorded, access: needs('person.write') }),
    /** Takes an item to another addressee: a new item linked to the first, whose clock then runs. */
    escalate: method({ input: z.object({ complaintId: id, escalation: complaintEscalationSchema }).strict(), output: z.object({ complaintId: z.string() }), access: needs('person.write') }),
    fileAppeal: method({ input: z.object({ episodeId: id, appeal: appealFileSchema }).strict(), output: z.object({ appealId: z.string() }), access: needs('person.write') }),
    recordHearing: method({ input: z.object({ appealId: id, hearing: appealHearingSchema }).strict(), output: recorded, access: needs('person.write') }),
    decideAppeal: method({ input: z.object({ appealId: id, outcome: appealOutcomeSchema }).strict(), output: recorded, access: needs('person.write') }),
  },
};
