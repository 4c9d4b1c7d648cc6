import { z } from 'zod';
import { text } from '../fields';
import { needs } from '../permissions';
import { id, recorded } from './common';
import { method } from './method';

/** Conflicts between concurrent corrections, closed by a centre head. */
export const conflictsContract = {
  conflicts: {
    /** Closes a conflict between concurrent corrections: the right value, chosen by a centre head, with why. */
    resolve: method({
      input: z.object({ entityType: z.enum(['person', 'episode']), entityId: id, field: z.string().min(1).max(100), value: z.unknown(), reason: text(1000) }).strict(),
      output: recorded,
      access: needs('person.override'),
    }),
  },
};
