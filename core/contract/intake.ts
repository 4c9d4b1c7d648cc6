import { z } from 'zod';
import { nationalityCode } from '../countries';
import { isoDate } from '../fields';
import { intakeSchema } from '../intake';
import { needs } from '../permissions';
import { personNames } from '../person';
import { devicesOnly, method } from './method';
import { duplicateMatch } from './register-views';

/** Intake: the duplicate check and the whole intake recorded at once. */
export const intakeContract = {
  intake: {
    checkDuplicates: method({
      input: z
        .object({
          names: personNames,
          birthDate: isoDate.optional(),
          nationalities: z.array(nationalityCode).max(5).default([]),
          /** Numbers of the documents the person carries, as typed (series and number together or apart): people holding one come first. */
          documentNumbers: z.array(z.string().trim().min(1).max(80)).max(5).default([]),
        })
        .strict(),
      output: z.object({ matches: z.array(duplicateMatch) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person_search', entityId: () => null },
      // Intake is a device's work: HQ's console admits no one (docs/hq-console.md).
      servedAt: devicesOnly,
    }),
    submit: method({
      input: intakeSchema,
      output: z.object({ personId: z.string(), episodeId: z.string() }),
      access: needs('person.write'),
    }),
  },
};
