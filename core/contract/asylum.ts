import { z } from 'zod';
import { asylumExpressionSchema, asylumForwardSchema, asylumStatusChangeSchema } from '../asylum';
import { needs } from '../permissions';
import { id, recorded } from './common';
import { method } from './method';

/** Asylum claims: expressed, forwarded, decided (docs/domain.md §5 rule 9). */
export const asylumContract = {
  asylum: {
    express: method({
      input: z.object({ personId: id, episodeId: id.optional(), expression: asylumExpressionSchema }).strict(),
      output: z.object({ claimId: z.string() }),
      access: needs('asylum.record'),
    }),
    forward: method({ input: z.object({ claimId: id, forward: asylumForwardSchema }).strict(), output: recorded, access: needs('person.write') }),
    updateStatus: method({ input: z.object({ claimId: id, change: asylumStatusChangeSchema }).strict(), output: recorded, access: needs('person.write') }),
  },
};
