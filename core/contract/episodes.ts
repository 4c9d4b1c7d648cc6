import { z } from 'zod';
import { decisionSchema, exitSchema, handoverSchema, legalReviewOverrideSchema, medicalCheckSchema, outcomeTypes, propertyItemSchema, regime } from '../episode';
import { isoInstant, optionalText, text } from '../fields';
import { admissionSchema } from '../intake';
import { nonRefoulementCheckSchema } from '../non-refoulement';
import { needs } from '../permissions';
import { correction, id, recorded } from './common';
import { method } from './method';

export const episodeCorrectionChanges = z
  .object({
    admittedAt: isoInstant,
    regime,
    decision: decisionSchema,
    handover: handoverSchema,
    property: z.array(propertyItemSchema).max(200),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'error.correction.nothingChanged' });

/** The detention episode and its state machine (docs/domain.md §3). */
export const episodesContract = {
  episodes: {
    admit: method({
      // The same admission as in an intake, for a person first held awaiting a decision.
      input: admissionSchema.extend({ episodeId: id }).refine((v) => v.decision !== undefined, { message: 'error.episode.noAdmissionWithoutDecision', path: ['decision'] }),
      output: recorded,
      access: needs('person.write'),
    }),
    recordMedical: method({ input: z.object({ episodeId: id, medical: medicalCheckSchema }).strict(), output: recorded, access: needs('person.write') }),
    requestExtension: method({ input: z.object({ episodeId: id, at: isoInstant, note: optionalText(2000) }).strict(), output: recorded, access: needs('person.write') }),
    extend: method({ input: z.object({ episodeId: id, decision: decisionSchema }).strict(), output: recorded, access: needs('person.write') }),
    review: method({
      input: z.object({ episodeId: id, at: isoInstant, conclusion: z.enum(['continue', 'release_recommended']), notes: optionalText(4000) }).strict(),
      output: recorded,
      access: needs('person.write'),
    }),
    transfer: method({
      input: z.object({ episodeId: id, at: isoInstant, toFacilityName: text(200), reason: text(1000), handover: handoverSchema }).strict(),
      output: recorded,
      access: needs('person.write'),
    }),
    scheduleExit: method({
      input: z.object({ episodeId: id, plannedAt: isoInstant, plannedOutcome: z.enum(outcomeTypes) }).strict(),
      output: recorded,
      access: needs('person.write'),
    }),
    close: method({
      input: z.object({ episodeId: id, exit: exitSchema, override: legalReviewOverrideSchema.optional() }).strict(),
      output: recorded,
      access: needs('person.write'),
    }),
    correct: method({ input: correction(episodeCorrectionChanges).extend({ episodeId: id }), output: recorded, access: needs('person.write') }),
    recordNonRefoulementCheck: method({
      input: z.object({ episodeId: id, check: nonRefoulementCheckSchema }).strict(),
      output: recorded,
      access: needs('person.override'),
    }),
  },
};
