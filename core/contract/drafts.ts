import { z } from 'zod';
import { needs } from '../permissions';
import { id, ok } from './common';
import { method } from './method';

/** Half-done intakes kept on the device (issue #10 §6). */
export const draftsContract = {
  drafts: {
    save: method({
      input: z.object({ draftId: id.optional(), kind: z.enum(['intake']), title: z.string().trim().max(200), data: z.record(z.string(), z.unknown()) }).strict(),
      output: z.object({ draftId: z.string(), updatedAt: z.string() }),
      access: needs('person.write'),
    }),
    list: method({
      input: z.object({}).strict(),
      output: z.object({ drafts: z.array(z.object({ draftId: z.string(), kind: z.string(), title: z.string(), updatedAt: z.string() })) }),
      access: needs('person.write'),
      // A draft's title is the person's name, and its data is the half-done intake (issue #10 §6).
      audit: { kind: 'read', entityType: 'draft', entityId: () => null },
    }),
    get: method({
      input: z.object({ draftId: id }).strict(),
      output: z.object({ draftId: z.string(), kind: z.string(), title: z.string(), data: z.record(z.string(), z.unknown()), updatedAt: z.string() }),
      access: needs('person.write'),
      audit: { kind: 'read', entityType: 'draft', entityId: (input) => input.draftId },
    }),
    discard: method({ input: z.object({ draftId: id }).strict(), output: ok, access: needs('person.write') }),
  },
};
