import { z } from 'zod';
import { facilityKind, password, text, username } from '../fields';
import { publicAccess, signedIn } from '../permissions';
import { empty, ok } from './common';
import { method } from './method';
import { userView } from './users';

export const sessionView = z.object({
  user: userView,
  facilityName: z.string(),
  facilityKind,
  deviceName: z.string(),
  /** The facility's zone: every instant on screen is shown in it (docs/architecture.md §9). */
  timeZone: z.string(),
  idleLockMinutes: z.number().int(),
  /** Signed in with a one-time password from an administrator: nothing else opens until it is replaced. */
  mustChangePassword: z.boolean(),
});
export type SessionView = z.infer<typeof sessionView>;

/** Signing in and out, the session, and changing or recovering a password. */
export const authContract = {
  auth: {
    session: method({ input: empty, output: z.object({ session: sessionView.nullable() }), access: publicAccess }),
    login: method({
      input: z.object({ username, password: z.string().min(1).max(256) }).strict(),
      output: z.object({ session: sessionView }),
      access: publicAccess,
    }),
    logout: method({ input: empty, output: ok, access: signedIn }),
    changePassword: method({
      input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: password }).strict(),
      output: ok,
      access: signedIn,
    }),
    /** The recovery key from setup sets a new password for one user (for a forgotten admin password). */
    recover: method({
      input: z.object({ recoveryKey: text(200), username, newPassword: password }).strict(),
      output: ok,
      access: publicAccess,
    }),
  },
};
