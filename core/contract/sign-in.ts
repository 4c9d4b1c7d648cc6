import { z } from 'zod';
import { needs } from '../permissions';
import { method } from './method';

/**
 * Locked sign-ins (issue #10 §3): the administrator sees which user names and clients are locked after
 * too many failed attempts and may lift a lock (audited); audit readers see failed attempts in bursts.
 */

export const lockoutView = z.object({
  /** Opaque: names the lock for `signIn.unlock`, and nothing else. */
  lockId: z.string(),
  purpose: z.enum(['login', 'recover']),
  /** A user name tried, or the client (window or browser) the attempts came from. */
  subject: z.enum(['user', 'client']),
  name: z.string(),
  /** The account, when the user name is one of this installation's. */
  userId: z.string().nullable(),
  displayName: z.string().nullable(),
  failures: z.number().int(),
  lockedUntil: z.string(),
});
export type LockoutView = z.infer<typeof lockoutView>;

export const signInBurstView = z.object({
  username: z.string(),
  count: z.number().int(),
  from: z.string(),
  to: z.string(),
});
export type SignInBurstView = z.infer<typeof signInBurstView>;

/** Locked sign-ins and failed attempts (issue #10 §3). */
export const signInContract = {
  signIn: {
    lockouts: method({
      input: z.object({}).strict(),
      output: z.object({ lockouts: z.array(lockoutView) }),
      access: needs('users.manage'),
    }),
    unlock: method({
      input: z.object({ lockId: z.string().min(1).max(100) }).strict(),
      output: z.object({ ok: z.literal(true) }),
      access: needs('users.manage'),
    }),
    bursts: method({
      input: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
      output: z.object({ bursts: z.array(signInBurstView) }),
      access: needs('audit.read'),
    }),
  },
};
