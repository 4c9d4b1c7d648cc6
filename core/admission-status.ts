import { z } from 'zod';
import { episodeStates, type EpisodeState } from './episode';
import { isoInstant, optionalText } from './fields';

/**
 * Rights first (docs/domain.md §5 rule 2, Migration Code Art. 74.5, issue #11 §3): admission is final only
 * once a rights notification has reached the person, in a language they understand, or once a
 * recorded reason explains why it could not yet (no interpreter for their language, a person not fit
 * to understand). Every screen that says where a detention stands takes its words from the one value
 * derived here, so the header, the register, the safeguards panel and the due-now board cannot
 * contradict each other.
 */

export const rightsDelayReasons = ['no_interpreter', 'not_fit', 'other'] as const;
export type RightsDelayReason = (typeof rightsDelayReasons)[number];

/** Why the rights could not be explained yet. "Other" must say what it was. */
export const rightsDelaySchema = z
  .object({
    at: isoInstant,
    reason: z.enum(rightsDelayReasons),
    note: optionalText(2000),
  })
  .strict()
  .refine((d) => d.reason !== 'other' || (d.note ?? '').length > 0, { message: 'error.rights.delayNoteRequired', path: ['note'] });
export type RightsDelay = z.output<typeof rightsDelaySchema>;

/**
 * `final`: the rights reached the person. `delay_explained`: not yet, and the reason is on record (the
 * admission stands, the notification is still owed). `rights_pending`: neither, so the admission is
 * not final and no screen may call the person plainly "held".
 */
export const admissionGates = ['final', 'delay_explained', 'rights_pending'] as const;
export type AdmissionGate = (typeof admissionGates)[number];

export interface AdmissionFacts {
  /** The episode's state as of now (core/episode.ts effectiveState). */
  state: EpisodeState;
  /** Whether a rights notification is recorded for this episode. */
  rightsNotified: boolean;
  /** The latest recorded reason for the delay, if any. */
  delay: Pick<RightsDelay, 'reason' | 'at'> | null;
}

export interface AdmissionStatus {
  state: EpisodeState;
  gate: AdmissionGate;
  /** Set only when the gate is `delay_explained`. */
  delayReason: RightsDelayReason | null;
  delayAt: string | null;
  /** Whether admission is final in the sense of §5 rule 2: notified, or the delay explained. */
  admissionFinal: boolean;
  /** Whether the state word must be qualified ("Held — rights not yet explained"). */
  qualified: boolean;
}

/** The one status of a detention, from its state and what is recorded about the rights. */
export function admissionStatus(f: AdmissionFacts): AdmissionStatus {
  const gate: AdmissionGate = f.rightsNotified ? 'final' : f.delay ? 'delay_explained' : 'rights_pending';
  return {
    state: f.state,
    gate,
    delayReason: gate === 'delay_explained' ? f.delay!.reason : null,
    delayAt: gate === 'delay_explained' ? f.delay!.at : null,
    admissionFinal: gate !== 'rights_pending',
    // A closed detention is said as closed: the rights gate no longer describes where the person is.
    qualified: f.state !== 'CLOSED' && gate !== 'final',
  };
}

export const admissionStatusSchema = z.object({
  state: z.enum(episodeStates),
  gate: z.enum(admissionGates),
  delayReason: z.enum(rightsDelayReasons).nullable(),
  delayAt: z.string().nullable(),
  admissionFinal: z.boolean(),
  qualified: z.boolean(),
});
