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
import { SyncScheduler, type Timers } from './sync/scheduler';
import { conflictsHandlers } from './services/conflicts';
import { Sessions } from './services/sessions';
import { setupHandlers } from './services/setup';
import { usersHandlers } from './services/users';
import { oversightHandlers } from './services/oversight';
import { npmOrgHandlers } from './services/npm-org';
import { npmFacilitiesHandlers } from './services/npm-facilities';
import { visitsHandlers } from './services/npm-visits';

export interface BackendOptions {
  dataDir: string;
  now?: () => number;
  /** Where unexpected errors go (the user sees only a translated "something went wrong"). */
  log?: (message: string, error: unknown) => void;
  /** Automatic sync: tests pass their own timers or shorter retries (see main/sync/scheduler.ts). */
  autoSync?: { timers?: Timers; firstRetryMs?: number; startupDelayMs?: number };
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
  const handlers: Handlers = {
    setup: setupHandlers(installation),
    auth: authHandlers(installation, sessions),
    users: usersHandlers(installation),
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
    visits: visitsHandlers(installation, now),
    oversight: oversightHandlers(installation, now),
    sync: syncHandlers(installation, now, { runner: syncRunner, nextAutoSyncAt: () => syncScheduler.nextAt }),
  };
  const router = createRouter({
    handlers,
    sessionFor: (token) => sessions.resolve(token),
    audit: (entry) => {
      if (installation.isOpen) installation.requireStore().audit(entry);
    },
    onInternalError: (method, error) => (options.log ?? defaultLog)(`internal error in ${method}`, error),
  });
  return {
    installation,
    // Any call may have opened or locked the store, enrolled the device or changed the interval.
    handle: (method, input, ctx) => router.handle(method, input, ctx).finally(() => syncScheduler.reconcile()),
    close: async () => {
      syncScheduler.stop();
      installation.lock();
    },
  };
}

function defaultLog(message: string, error: unknown): void {
  console.error(`[qeyd] ${message}:`, error);
}
