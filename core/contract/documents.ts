import { z } from 'zod';
import { identityDocumentSchema } from '../episode';
import { needs } from '../permissions';
import { id, recorded } from './common';
import { method } from './method';

/** A person's identity documents. */
export const documentsContract = {
  documents: {
    add: method({ input: z.object({ personId: id, document: identityDocumentSchema }).strict(), output: recorded, access: needs('person.write') }),
  },
};
