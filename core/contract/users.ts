import { z } from 'zod';
import { displayName, password, username } from '../fields';
import { needs, roleSchema } from '../permissions';
import { empty } from './common';
import { method } from './method';

export const userView = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  createdAt: z.string(),
  /**
   * In `users.list` only: whether the account has a key slot. An active account without one cannot
   * sign in until an administrator resets its password (a pre-format-2 slot dropped by a re-key).
   */
  hasKeySlot: z.boolean().optional(),
});
export type UserView = z.infer<typeof userView>;

/** An installation's accounts (issue #10 §4). */
export const usersContract = {
  users: {
    list: method({ input: empty, output: z.object({ users: z.array(userView) }), access: needs('users.manage') }),
    create: method({
      input: z.object({ username, displayName, roles: z.array(roleSchema).min(1).max(7), password }).strict(),
      output: z.object({ user: userView }),
      access: needs('users.manage'),
    }),
    /**
     * Issue #10 §4. Disabling removes the user's key slot, ends their sessions and re-keys the database;
     * slots from before format 2 cannot be re-sealed and are listed (`needReset`), and a pre-format-2
     * recovery slot is replaced by a new recovery key shown once.
     */
    disable: method({
      input: z.object({ userId: z.string().uuid() }).strict(),
      output: z.object({ user: userView, needReset: z.array(z.string()), recoveryKey: z.string().nullable() }),
      access: needs('users.manage'),
    }),
    /** Enabling gives the account a new key slot under a one-time password (its old slot is gone). */
    enable: method({
      input: z.object({ userId: z.string().uuid() }).strict(),
      output: z.object({ user: userView, oneTimePassword: z.string() }),
      access: needs('users.manage'),
    }),
    setRoles: method({
      input: z.object({ userId: z.string().uuid(), roles: z.array(roleSchema).min(1).max(7) }).strict(),
      output: z.object({ user: userView }),
      access: needs('users.manage'),
    }),
    /** A one-time password, shown once, that the user must replace at first sign-in. */
    resetPassword: method({
      input: z.object({ userId: z.string().uuid() }).strict(),
      output: z.object({ user: userView, oneTimePassword: z.string() }),
      access: needs('users.manage'),
    }),
  },
};
