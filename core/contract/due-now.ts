import { z } from 'zod';
import { admissionStatusSchema } from '../admission-status';
import { needs } from '../permissions';
import { method } from './method';
import { obligationView } from './register-views';

/** What is due now: deadlines and obligations across open episodes. */
export const dueNowContract = {
  dueNow: {
    list: method({
      input: z.object({ includeUpcoming: z.boolean().default(false) }).strict(),
      output: z.object({
        items: z.array(
          obligationView.extend({
            nameLatin: z.string(),
            nameOriginal: z.string(),
            registerNo: z.string(),
            /** The episode's admission status: a rights item says why it is still open (issue #11 §3). */
            admission: admissionStatusSchema,
          }),
        ),
        now: z.string(),
      }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'due_now', entityId: () => null },
      readsRecords: true,
    }),
  },
};
