import { z } from 'zod';
import { needs, signedIn } from '../permissions';
import { settingsSchema, settingsUpdate } from '../settings';
import { method } from './method';

/** The installation's thresholds and time zone. */
export const settingsContract = {
  settings: {
    // Thresholds are not personal data: anyone signed in (an administrator included) may read them.
    get: method({ input: z.object({}).strict(), output: z.object({ settings: settingsSchema }), access: signedIn }),
    update: method({ input: z.object({ changes: settingsUpdate }).strict(), output: z.object({ settings: settingsSchema }), access: needs('settings.manage') }),
  },
};
