import type { CallHandler } from './api/call-context';
import { createRouter, type Handlers } from './api/router';
import { auditHandlers } from './services/audit';
import { authHandlers, idleLockMinutes } from './services/auth';
import { Installation } from './services/installation';
import { documentsHandlers, personsHandlers } from './services/persons';
import { draftsHandlers, intakeHandlers } from './services/intake';
import { nationalHandlers } from './services/national';
import { episodesHandlers } from './services/episodes';
import { asylumHandlers, vulnerabilityHandlers } from './services/vulnerability';
import { dueNowHandlers, registerHandlers, settingsHandlers } from './services/register';
import { safeguardsHandlers } from './services/safeguards';
import { disciplineHandlers } from './services/discipline';
import { propertyHandlers } from './services/property';
import { healthHandlers } from './services/health';
import { complaintsHandlers } from './services/complaints';
import { contactsHandlers } from './services/contacts';
import { exitsHandlers } from './services/exits';
import { stayHandlers } from './services/stay';
import { syncHandlers } from './services/sync';
import { backupHandlers } from './services/backup';
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
import { hqReportsHandlers } from './services/hq-reports';
import { tracingCentreHandlers, type TracingCentreSource } from './services/tracing-centre';
import { transfersHandlers } from './services/transfers';
import { tracingHandlers } from './services/tracing/handlers';
import { npmOrgHandlers } from './services/npm/org';
import { npmFacilitiesHandlers } from './services/npm/facilities';
import { npmVisitsHandlers } from './services/npm/visits';
import { lookupMethod, type MethodName } from '../core/contract';
import { ApiError } from '../core/contract/errors';
import { servedAt } from '../core/contract/method';
import { devicePolicy, type BackendPolicy } from './backend-policy';

export interface BackendOptions {
  dataDir: string;
  now?: () => number;
  /** Where unexpected errors go (the user sees only a translated "something went wrong"). */
  log?: (message: string, error: unknown) => void;
  /** Set only by the HQ server for its console installation: the fleet it knows (hq/console/fleet-source.ts). */
  hq?: { source: HqFleetSource; tracing?: TracingCentreSource };
  /** Automatic sync: tests pass their own timers or shorter retries (see main/sync/scheduler.ts). */
  autoSync?: { timers?: Timers; firstRetryMs?: number; startupDelayMs?: number };
  /** The idle lock's timer (tests pass their own to step through time; see main/services/idle-lock.ts). */
  idleTimers?: Timers;
}

/**
 * What screens call on a timer (the sync indicator, boards, figures): these calls never count as
 * activity, or an open screen would keep a session from ever locking.
 */
const polledMethods: ReadonlySet<string> = new Set(['backup.status', 'sync.status', 'sync.history', 'dueNow.list', 'safeguards.stats', 'hq.compliance', 'hq.facilities']);

export interface Backend extends CallHandler {
  readonly installation: Installation;
  close(): Promise<void>;
}

/** A device's backend: a centre's, a field office's or the ombudsman's office's. */
export function createBackend(options: BackendOptions): Promise<Backend> {
  return composeBackend(devicePolicy, options);
}

/**
 * The whole backend the UI talks to, independent of transport: Electron IPC and loopback HTTP both
 * call `handle`. Nothing here imports Electron, so every behaviour is testable under plain Node.
 * The policy says which kind of installation it is (main/backend-policy.ts).
 */
export async function composeBackend(policy: BackendPolicy, options: BackendOptions): Promise<Backend> {
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
      if (policy.syncsAutomatically) syncScheduler.reconcile();
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
    national: nationalHandlers(installation),
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
    discipline: disciplineHandlers(installation, now),
    property: propertyHandlers(installation, now),
    health: healthHandlers(installation, now),
    complaints: complaintsHandlers(installation, now),
    contacts: contactsHandlers(installation, now),
    exits: exitsHandlers(installation, now),
    npmOrg: npmOrgHandlers(installation, now),
    npmFacilities: npmFacilitiesHandlers(installation),
    npmVisits: npmVisitsHandlers(installation, now),
    sync: syncHandlers(installation, now, { runner: syncRunner, nextAutoSyncAt: () => syncScheduler.nextAt }),
    ...backupHandlers(installation, now),
    hq: hqHandlers(installation, options.hq?.source ?? null, now),
    hqReports: hqReportsHandlers(installation, options.hq?.source ?? null, now),
    stay: stayHandlers(installation, options.hq?.source ?? null, now),
    npmCentre: npmCentreHandlers(installation, now),
    tracingCentre: tracingCentreHandlers(installation, now, options.hq?.tracing ?? null),
    transfers: transfersHandlers(installation, now),
    tracing: tracingHandlers(installation, now, {
      atHq: options.hq !== undefined,
      // What the person answered through the centre decides what an answer may disclose (core/tracing.ts).
      centreAnswers: async (inquiryId, env) => (await handlers.tracingCentre.centreAnswers({ inquiryId }, env)).requests,
      facilities: async () => {
        const fleet = options.hq ? await options.hq.source.fleet() : [];
        return new Map(fleet.flatMap((f) => f.devices.map((d): [string, string] => [d.deviceId, f.name])));
      },
    }),
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
      // Only the contract's own methods are refused or checked here (so `method` is a MethodName); the
      // router answers anything else, a name that is no string included (transports pass what they got).
      const def = typeof method === 'string' ? lookupMethod(method) : undefined;
      if (def) {
        const refused = servedAt(def).includes(policy.place) ? policy.inputChecks[method as MethodName]?.(input) : { ...policy.refusal };
        if (refused) return Promise.resolve({ ok: false, error: refused });
      }
      // A session gone idle while nobody called ends before anything else (issue #10 §5).
      idleLock.sweep();
      // Any call may have opened or locked the store, enrolled the device or changed the interval.
      return router.handle(method, input, ctx).finally(() => {
        signInGuard.afterCall();
        idleLock.replan();
        if (policy.syncsAutomatically) syncScheduler.reconcile();
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
