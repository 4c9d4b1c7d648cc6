import { z } from 'zod';
import { isWellFormedText } from './well-formed';

/**
 * A device's users as HQ's console names them (issue #16 §6): events carry their actor as a user id that
 * only the device knows. The device sends each user's id and display name, nothing else (no password,
 * no roles, no user name), and HQ keeps the latest list per device (hq/sync/device-users.ts).
 */
export const maxReportedUsers = 2000;

export const deviceUsersRequest = z
  .object({
    users: z
      .array(
        z
          .object({
            userId: z.string().min(1).max(100),
            // One line of well-formed text: HQ shows it as it came.
            displayName: z
              .string()
              .trim()
              .min(1)
              .max(200)
              .refine((s) => isWellFormedText(s) && !/\p{Cc}/u.test(s)),
          })
          .strict(),
      )
      .max(maxReportedUsers)
      .refine((users) => new Set(users.map((u) => u.userId)).size === users.length),
  })
  .strict();
export type DeviceUsersRequest = z.infer<typeof deviceUsersRequest>;

export const deviceUsersResponse = z.object({ kept: z.number().int() });
