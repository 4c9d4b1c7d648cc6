import { z } from 'zod';
import { optionalText, text } from './fields';
import type { TracingRequestKind } from './contract/tracing-shared';

/**
 * A held person's answer to HQ's tracing request, as the centre records it (issue #14 §3,
 * docs/sync.md#tracing-requests-to-a-centre): whether they consent to their whereabouts being disclosed to
 * whoever asked, and whether they accept contact once told who is looking for them. Both are the person's
 * own decision; the centre only records it.
 */
export const consentAnswer = z.enum(['given', 'refused']);
export const contactAnswer = z.enum(['accepted', 'refused']);
export type ConsentAnswer = z.infer<typeof consentAnswer>;
export type ContactAnswer = z.infer<typeof contactAnswer>;

/** The answers as a form sends them: which ones are needed depends on what HQ asked (answerGaps). */
export const tracingAnswersInput = z.object({ consentToDisclose: consentAnswer.optional(), contact: contactAnswer.optional() }).strict();
/** As recorded: at least one. */
export const tracingAnswers = tracingAnswersInput.refine((a) => a.consentToDisclose !== undefined || a.contact !== undefined, { message: 'error.tracingCentre.noAnswer' });
export type TracingAnswers = z.infer<typeof tracingAnswersInput>;

/** The payload of person.tracingAnswered (entity: the person). */
export const tracingAnsweredSchema = z.object({ requestId: z.string().min(1).max(100), answers: tracingAnswers, note: optionalText(2000) }).strict();

/**
 * Why the centre could not put HQ's question to the person: they have left (released, transferred,
 * removed, escaped), died, cannot understand it (no capacity, no interpreter found after trying), or
 * something else the note explains. It closes the task at the centre and is no consent at HQ.
 */
export const couldNotAskReason = z.enum(['left_the_centre', 'deceased', 'unable_to_understand', 'other']);
export type CouldNotAskReason = z.infer<typeof couldNotAskReason>;

/**
 * The payload of person.tracingNotAsked (entity: the person). A note is required: HQ decides from it
 * whether to ask another centre or answer the inquiry without the person's word.
 */
export const tracingNotAskedSchema = z.object({ requestId: z.string().min(1).max(100), reason: couldNotAskReason, note: text(2000) }).strict();

/** What each kind of request needs answered. */
const answerFor: Record<TracingRequestKind, keyof TracingAnswers> = { consent_to_disclose: 'consentToDisclose', contact_notice: 'contact' };

/**
 * Which asked kinds the answers leave open, and which answers answer nothing asked: the person is asked
 * exactly what HQ asked, so a recorded answer to a question nobody put would misstate their will.
 */
export function answerGaps(kinds: readonly TracingRequestKind[], answers: TracingAnswers): { missing: (keyof TracingAnswers)[]; unasked: (keyof TracingAnswers)[] } {
  const asked = new Set(kinds.map((k) => answerFor[k]));
  const given = (Object.keys(answerFor) as TracingRequestKind[]).map((k) => answerFor[k]).filter((f) => answers[f] !== undefined);
  return { missing: [...asked].filter((f) => answers[f] === undefined), unasked: given.filter((f) => !asked.has(f)) };
}
