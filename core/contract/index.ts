import { z } from 'zod';
import { method, type ContractShape } from './method';
import { displayName, facilityKind, password, text, timeZone, username } from '../fields';
import { needs, publicAccess, roleSchema, signedIn } from '../permissions';
import { personDetailsInput, personSummary } from '../person';
import { registerContract } from './register';
import { safeguardsContract } from './safeguards';
import { syncContract } from './sync';
import { hqContract } from './hq';
import { npmContract } from './npm';
import { signInContract } from './sign-in';

/**
 * The one contract: every method the UI (or a script, or a test) may call, with its input, output and
 * who may call it. Electron IPC and loopback HTTP both dispatch through a router built from this object.
 */

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

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

export const auditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  method: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
});

export const personHistoryEntry = z.object({
  eventId: z.string(),
  type: z.string(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});

export const contract = {
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
  /** Locked sign-ins and failed attempts (issue #10 §3). */
  signIn: signInContract,
  audit: {
    list: method({
      input: z
        .object({
          limit: z.number().int().min(1).max(500).default(100),
          beforeSeq: z.number().int().positive().optional(),
          entityId: z.string().max(100).optional(),
        })
        .strict(),
      output: z.object({ entries: z.array(auditEntryView) }),
      access: needs('audit.read'),
    }),
    verify: method({
      input: empty,
      output: z.object({
        auditEntries: z.number().int(),
        auditIntact: z.boolean(),
        events: z.number().int(),
        eventChainIntact: z.boolean(),
        firstBrokenSeq: z.number().int().nullable(),
      }),
      access: needs('audit.read'),
    }),
  },
  persons: {
    ...registerContract.persons,
    register: method({
      input: z.object({ details: personDetailsInput }).strict(),
      output: z.object({ person: personSummary }),
      access: needs('person.write'),
      audit: { kind: 'change', entityType: 'person', entityId: (_i, o) => o?.person.personId ?? null },
    }),
    get: method({
      input: z.object({ personId: z.string().min(1).max(100) }).strict(),
      output: z.object({ person: personSummary, history: z.array(personHistoryEntry) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person', entityId: (i) => i.personId },
      readsRecords: true,
    }),
    list: method({
      input: z
        .object({
          query: z.string().trim().max(200).default(''),
          limit: z.number().int().min(1).max(500).default(100),
          offset: z.number().int().min(0).max(10_000_000).default(0),
        })
        .strict(),
      output: z.object({ persons: z.array(personSummary), total: z.number().int() }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person_list', entityId: () => null },
      readsRecords: true,
    }),
  },
  intake: registerContract.intake,
  drafts: registerContract.drafts,
  documents: registerContract.documents,
  conflicts: registerContract.conflicts,
  episodes: registerContract.episodes,
  vulnerability: registerContract.vulnerability,
  asylum: registerContract.asylum,
  register: registerContract.register,
  dueNow: registerContract.dueNow,
  settings: registerContract.settings,
  safeguards: safeguardsContract.safeguards,
  sync: syncContract.sync,
  hq: hqContract.hq,
  npmOrg: npmContract.npmOrg,
  npmFacilities: npmContract.npmFacilities,
  npmVisits: npmContract.npmVisits,
  npmCentre: npmContract.npmCentre,
} satisfies ContractShape;

export type Contract = typeof contract;

/** "namespace.method" for every method, used by transports and the router. */
export type MethodName = {
  [N in keyof Contract]: { [M in keyof Contract[N]]: `${N & string}.${M & string}` }[keyof Contract[N]];
}[keyof Contract];

export function lookupMethod(name: string) {
  const dot = name.indexOf('.');
  if (dot < 1) return undefined;
  const ns = (contract as ContractShape)[name.slice(0, dot)];
  if (!ns || !Object.prototype.hasOwnProperty.call(contract, name.slice(0, dot))) return undefined;
  const m = name.slice(dot + 1);
  return Object.prototype.hasOwnProperty.call(ns, m) ? ns[m] : undefined;
}

export function allMethodNames(): string[] {
  return Object.entries(contract as ContractShape).flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}.${m}`));
}
