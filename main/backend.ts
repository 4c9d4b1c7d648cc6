import type { CallHandler } from './api/call-context';
import { createRouter, type Handlers } from './api/router';
import { auditHandlers } from './services/audit';
import { authHandlers, idleLockMinutes } from './services/auth';
import { Installation } from './services/installation';
import { documentsHandlers, personsHandlers } from './services/persons';
import { draftsHandlers, intakeHandlers } from './services/intake';
import { episodesHandlers } from './services/episodes';
import { asylumHandlers, vulnerabilityHandlers } from './services/vulnerability';
import { dueNowHandlers, registerHandlers, settingsHandlers } from './services/register';
import { safeguardsHandlers } from './services/safeguards';
import { syncHandlers } from './services/sync';
import { SyncRunner } from './sync/runner';
import { SyncScheduler, unrefTimers, type Timers } from './sync/scheduler';
import { SignInGuard } from './services/sign-in-guard';
import { IdleLock } from './services/idle-lock';
import { conflictsHandlers } from './services/conflicts';
import { Sessions } from './services/sessions';
import { setupHandlers } from './services/setup';
import { usersHandlers } from './services/users';
import { npmCentreHandlers } from './services/npm/centre';
import { hqHandlers, type HqFleetSource } from './services/hq-console';
import { npmOrgHandlers } from './services/npm/org';
import { npmFacilitiesHandlers } from './services/npm/facilities';
import { npmVisitsHandlers } from './services/npm/visits';
import { lookupMethod } from '../core/contract';
import { ApiError } from '../core/contract/errors';
import { rolesForKind } from '../core/permissions';

export interface BackendOptions {
  dataDir: string;
  now?: () => number;
  /** Where unexpected errors go (the user sees only a translated "something went wrong"). */
  log?: (message: string, error: unknown) => void;
  /**
   * Set only by the HQ server for its console installation: the fleet it knows, and read-only records
   * (the console shows what devices recorded and never records about a person itself).
   */
  hq?: { source: HqFleetSource };
  /** Automatic sync: tests pass their own timers or shorter retries (see main/sync/scheduler.ts). */
  autoSync?: { timers?: Timers; firstRetryMs?: number; startupDelayMs?: number };
  /** The idle lock's timer (tests pass their own to step through time; see main/services/idle-lock.ts). */
  idleTimers?: Timers;
}

/**
 * What screens call on a timer (the sync indicator, boards, figures): these calls never count as
 * activity, or an open screen would keep a session from ever locking.
 */
const polledMethods: ReadonlySet<string> = new Set(['sync.status', 'sync.history', 'dueNow.list', 'safeguards.stats', 'hq.compliance', 'hq.facilities']);

/** Namespaces that record about people or talk to HQ as a device: never from the HQ console. */
const deviceOnlyNamespaces = new Set(['intake', 'drafts', 'sync']);

/** Permissions that let a caller record about a person or a visit: the console grants none of them. */
const recordingPermissions: ReadonlySet<string> = new Set(['person.write', 'person.override', 'asylum.record', 'legalAid.write', 'npm.respond', 'visit.write']);

/** A centre's roles have no place in HQ's console (its screens would offer actions HQ refuses). */
function rolesFit(input: unknown, allowed: readonly string[]): boolean {
  const roles = (input as { roles?: unknown } | null)?.roles;
  return !Array.isArray(roles) || roles.every((r) => allowed.includes(String(r)));
}

function consoleRefuses(method: string): boolean {
  const def = lookupMethod(method);
  if (!def) return false;
  const records = def.access.kind === 'permission' && recordingPermissions.has(def.access.permission);
  return records || def.audit?.kind === 'change' || deviceOnlyNamespaces.has(method.split('.')[0] ?? '');
}

export interface Backend extends CallHandler {
  readonly installation: Installation;
  close(): Promise<void>;
}

/**
 * The whole backend the UI talks to, independent of transport: Electron IPC and loopback HTTP both
 * call `handle`. Nothing here imports Electron, so every behaviour is testable under plain Node.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const now = options.now ?? Date.now;
  const installation = new Installation(options.dataDir, now);
  const log = options.log ?? defaultLog;
  const syncRunner = new SyncRunner(installation, now, log);
  const syncScheduler = new SyncScheduler({ installation, runner: syncRunner, now, ...options.autoSync });
  const sessions = new Sessions(() => idleLockMinutes(installation.isOpen ? installation.requireStore() : null), now);
  const signInGuard = new SignInGuard(installation, now, log);
  const idleLock = new IdleLock({
    sessions,
    installation,
    now,
    timers: options.idleTimers ?? unrefTimers,
    settle: () => (syncRunner.running ? syncRunner.idle() : null),
    onLocked: () => {
      if (!options.hq) syncScheduler.reconcile();
    },
  });
  const handlers: Handlers = {
    setup: setupHandlers(installation),
    auth: signInGuard.wrap(authHandlers(installation, sessions)),
    users: usersHandlers(installation, sessions),
    signIn: signInGuard.handlers(),
    audit: auditHandlers(installation),
    persons: personsHandlers(installation, now),
    intake: intakeHandlers(installation, now),
    drafts: draftsHandlers(installation, now),
    documents: documentsHandlers(installation),
    conflicts: conflictsHandlers(installation),
    episodes: episodesHandlers(installation, now),
    vulnerability: vulnerabilityHandlers(installation, now),
    asylum: asylumHandlers(installation, now),
    register: registerHandlers(installation, now),
    dueNow: dueNowHandlers(installation, now),
    settings: settingsHandlers(installation),
    safeguards: safeguardsHandlers(installation, now),
    npmOrg: npmOrgHandlers(installation, now),
    npmFacilities: npmFacilitiesHandlers(installation),
    npmVisits: npmVisitsHandlers(installation, now),
    sync: syncHandlers(installation, now, { runner: syncRunner, nextAutoSyncAt: () => syncScheduler.nextAt }),
    hq: hqHandlers(installation, options.hq?.source ?? null, now),
    npmCentre: npmCentreHandlers(installation, now),
  };
  const router = createRouter({
    handlers,
    sessionFor: (token, method) => refuseUntilPasswordChanged(sessions.resolve(token, !polledMethods.has(method)), method),
    audit: (entry) => {
      if (installation.isOpen) installation.requireStore().audit(entry);
    },
    onInternalError: (method, error) => (options.log ?? defaultLog)(`internal error in ${method}`, error),
  });
  return {
    installation,
    handle: (method, input, ctx) => {
      if (options.hq && consoleRefuses(method)) {
        return Promise.resolve({ ok: false, error: new ApiError({ code: 'forbidden', messageKey: 'error.hq.readOnly' }).toShape() });
      }
      if (options.hq && method === 'users.create' && !rolesFit(input, rolesForKind('headquarters'))) {
        return Promise.resolve({ ok: false, error: new ApiError({ code: 'validation', messageKey: 'error.validation', fields: { roles: { key: 'error.users.roleNotHere' } } }).toShape() });
      }
      // A session gone idle while nobody called ends before anything else (issue #10 §5).
      idleLock.sweep();
      // Any call may have opened or locked the store, enrolled the device or changed the interval.
      return router.handle(method, input, ctx).finally(() => {
        signInGuard.afterCall();
        idleLock.replan();
        if (!options.hq) syncScheduler.reconcile();
      });
    },
    close: async () => {
      idleLock.stop();
      syncScheduler.stop();
      installation.lock();
    },
  };
}

/** What a session opened with a one-time password may call: nothing but replacing it (issue #10 §4). */
const whileMustChange: ReadonlySet<string> = new Set(['auth.session', 'auth.changePassword', 'auth.logout']);

function refuseUntilPasswordChanged<S extends { mustChangePassword?: boolean } | null>(session: S, method: string): S {
  if (session?.mustChangePassword && !whileMustChange.has(method)) {
    throw new ApiError({ code: 'forbidden', messageKey: 'error.auth.mustChangePassword' });
  }
  return session;
}

function defaultLog(message: string, error: unknown): void {
  console.error(`[qeyd] ${message}:`, error);
}
