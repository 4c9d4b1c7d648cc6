import { z } from 'zod';
import { optionalText, text } from '../fields';
import { needs } from '../permissions';
import { consentAnswer, contactAnswer, couldNotAskReason, tracingAnswersInput } from '../tracing-answers';
import { id } from './common';
import { everywhere, method } from './method';
import { requesterCategory, tracingRequestKind } from './tracing-shared';

/**
 * The HQ -> centre channel of tracing inquiries (issue #14 §3, docs/sync.md#tracing-requests-to-a-centre):
 * HQ asks the centre holding a person to ask their consent to disclose their whereabouts to whoever asked,
 * and/or to tell them who is looking for them; the centre records the person's answer, which travels back
 * to HQ as an event. The request carries the requester's category, never their name or contact.
 *
 * One namespace per file (./index.ts), so these are `tracingCentre.*` beside the inquiries' `tracing.*`.
 * askCentre and centreAnswers answer only at HQ's console, which holds HQ's requests; a device refuses
 * them with `error.hq.only`, as the hq.* views.
 */

const kinds = z
  .array(tracingRequestKind)
  .min(1)
  .max(2)
  .refine((k) => new Set(k).size === k.length, { message: 'error.tracingCentre.kindTwice' });

export const centreAnswerView = z.object({ consentToDisclose: consentAnswer.optional(), contact: contactAnswer.optional() });

/** Pending until the centre records the answer, or that it could not ask the person (then no answer at all, and no consent). */
export const centreRequestStatus = z.enum(['pending', 'answered', 'could_not_ask']);

/** A request as HQ's console shows it beside the inquiry, with the centre's answer once it has come back. */
export const centreRequestView = z.object({
  requestId: z.string(),
  personId: z.string(),
  facilityId: z.string(),
  kinds: z.array(tracingRequestKind),
  askedAt: z.string(),
  askedBy: z.string(),
  status: centreRequestStatus,
  answers: centreAnswerView,
  /** why the centre could not ask, when status is could_not_ask (the note says more) */
  couldNotAskReason: couldNotAskReason.optional(),
  answeredAt: z.string().optional(),
  note: z.string().optional(),
});

/** A request as the centre sees it: whom it is about and what HQ asks, with the answer once recorded. */
export const centreTaskView = z.object({
  requestId: z.string(),
  personId: z.string(),
  nameLatin: z.string(),
  nameOriginal: z.string(),
  kinds: z.array(tracingRequestKind),
  requesterCategory,
  askedAt: z.string(),
  status: centreRequestStatus,
  answers: centreAnswerView,
  couldNotAskReason: couldNotAskReason.nullable(),
  answeredAt: z.string().nullable(),
  note: z.string().nullable(),
});

export const tracingCentreContract = {
  tracingCentre: {
    /**
     * HQ asks the centre holding the person (the facility of their current or last episode, found in the
     * console's records, never taken from the caller). For the analysts keeping tracing inquiries
     * (tracing.manage); audited in the console's audit log.
     */
    askCentre: method({
      input: z.object({ inquiryId: z.uuid(), personId: z.uuid(), kinds, requesterCategory }).strict(),
      output: z.object({ requestId: z.string() }),
      access: needs('tracing.manage'),
      audit: { kind: 'change', entityType: 'person', entityId: (i) => i.personId },
      servedAt: everywhere,
      readsRecords: true,
    }),
    /** Every request made for an inquiry, pending or answered, with the person's answers as the centre recorded them. */
    centreAnswers: method({
      input: z.object({ inquiryId: z.uuid() }).strict(),
      output: z.object({ requests: z.array(centreRequestView) }),
      access: needs('tracing.manage'),
      audit: { kind: 'read', entityType: 'tracing_inquiry', entityId: (i) => i.inquiryId },
      servedAt: everywhere,
      readsRecords: true,
    }),
    /** HQ's requests to this centre: every pending one (the due-now board), or all of one person's. */
    list: method({
      input: z.object({ personId: id.optional(), includeAnswered: z.boolean().default(false) }).strict(),
      output: z.object({ requests: z.array(centreTaskView) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person', entityId: (i) => i.personId ?? null },
    }),
    /** Records the person's answer, asked in private: each kind HQ asked needs its answer. */
    answer: method({
      input: z.object({ requestId: z.uuid(), personId: id, answers: tracingAnswersInput, note: optionalText(2000) }).strict(),
      output: z.object({ eventId: z.string() }),
      access: needs('person.write'),
      audit: { kind: 'change', entityType: 'person', entityId: (i) => i.personId },
    }),
    /**
     * Records that the centre could not put the request to the person (they left, died, cannot understand
     * it), with a required note: it closes the task here and reads as no consent at HQ.
     */
    notAsked: method({
      input: z.object({ requestId: z.uuid(), personId: id, reason: couldNotAskReason, note: text(2000) }).strict(),
      output: z.object({ eventId: z.string() }),
      access: needs('person.write'),
      audit: { kind: 'change', entityType: 'person', entityId: (i) => i.personId },
    }),
  },
};
