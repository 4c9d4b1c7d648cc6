import { z } from 'zod';
import { displayName, facilityKind, password, text, timeZone, username } from '../fields';
import { publicAccess } from '../permissions';
import { empty } from './common';
import { method } from './method';

/** Setting an installation up: its facility, first administrator and recovery key. */
export const setupContract = {
  setup: {
    status: method({
      input: empty,
      output: z.object({
        initialized: z.boolean(),
        facilityName: z.string().nullable(),
        facilityKind: facilityKind.nullable(),
      }),
      access: publicAccess,
    }),
    initialize: method({
      input: z
        .object({
          facilityName: text(200),
          facilityKind,
          deviceName: text(100),
          timeZone: timeZone.default('Asia/Baku'),
          admin: z.object({ username, displayName, password }).strict(),
        })
        .strict(),
      /** The recovery key is returned exactly once, for the installation's safe. */
      output: z.object({ recoveryKey: z.string() }),
      access: publicAccess,
    }),
  },
};
