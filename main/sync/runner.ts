import { ApiError } from '../../core/contract/errors';
import type { ReadStore, Store } from '../../db/store';
import type { Installation } from '../services/installation';
import { readAttempts, recordAttempt, type SyncAttempt } from './attempts';
import { runSync, type SyncProgress, type SyncReport } from './engine';
import { HqClient, HqUnreachable } from './hq-client';
import { recheckPending } from './national';
import { exchangeTransfers } from './transfers';
import { reportUsers } from './users';

export type SyncTrigger = SyncAttempt['trigger'];

export interface SyncRunResult {
  report: SyncReport;
  attempt: SyncAttempt;
}

/** Why a sync failed, as the translated refusal the screen and the attempts list show. */
export function syncFailure(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof HqUnreachable) return new ApiError({ code: 'rule', messageKey: 'error.sync.unreachable' });
  return new ApiError({ code: 'rule', messageKey: 'error.sync.failed' });
}

export const isEnrolled = (store: ReadStore): boolean => Boolean(store.meta('sync_hq_url'));

const revokedKey = 'sync_revoked';

/** HQ's word that it revoked this device (when and why, if it said), or null: kept from the refusal until a sync succeeds. */
export function revocation(store: ReadStore): { at: string | null; reason: string | null } | null {
  const raw = store.meta(revokedKey);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { at?: unknown; reason?: unknown };
    return { at: typeof v.at === 'string' ? v.at : null, reason: typeof v.reason === 'string' && v.reason ? v.reason : null };
  } catch {
    return { at: null, reason: null };
  }
}

/**
 * The one place a sync runs, for "Sync now" and for the automatic schedule alike, so that two never
 * overlap: each would read the same unacknowledged events and the same cursor. A manual request that
 * arrives during a run waits for it and then runs (what was recorded meanwhile must go too); an
 * automatic one is simply skipped, since the run under way does its work.
 */
export class SyncRunner {
  private current: Promise<SyncRunResult> | null = null;
  private currentProgress: SyncProgress | null = null;
  private readonly listeners = new Set<(attempt: SyncAttempt) => void>();

  constructor(
    private readonly installation: Installation,
    private readonly now: () => number,
    private readonly log: (message: string, error: unknown) => void = () => {},
  ) {}

  get running(): boolean {
    return this.current !== null;
  }

  get progress(): SyncProgress | null {
    return this.current ? this.currentProgress : null;
  }

  /** Called after every attempt, whatever its outcome (the scheduler plans the next one from it). */
  onAttempt(listener: (attempt: SyncAttempt) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for the run under way, if any, without caring how it ended. */
  async idle(): Promise<void> {
    while (this.current) await this.current.catch(() => undefined);
  }

  /** A sync started by a person; refused with a translated reason if it fails. */
  async runManual(actor: string, method: string): Promise<SyncRunResult> {
    await this.idle();
    return this.start('manual', actor, method);
  }

  /** A sync started by the schedule; null if one was already running. Failures are recorded, not thrown. */
  async runAuto(): Promise<SyncRunResult | null> {
    if (this.current) return null;
    try {
      return await this.start('auto', null, 'sync.auto');
    } catch {
      return null;
    }
  }

  private start(trigger: SyncTrigger, actor: string | null, method: string): Promise<SyncRunResult> {
    const store = this.installation.requireStore();
    if (!isEnrolled(store)) throw new ApiError({ code: 'rule', messageKey: 'error.sync.notEnrolled' });
    // Cleared first: the engine reports its starting point synchronously, inside `execute`.
    this.currentProgress = null;
    const run = this.execute(store, trigger, actor, method);
    this.current = run;
    // Cleared before callers resume, so a listener or a caller may start the next run at once.
    const clear = () => {
      if (this.current === run) {
        this.current = null;
        this.currentProgress = null;
      }
    };
    run.then(clear, clear);
    return run;
  }

  private async execute(store: Store, trigger: SyncTrigger, actor: string | null, method: string): Promise<SyncRunResult> {
    const at = new Date(this.now()).toISOString();
    store.setMeta('sync_last_attempt', at);
    const client = new HqClient(store.meta('sync_hq_url')!, { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey, incarnation: Number(store.meta('sync_incarnation') ?? 0) });
    const previous = readAttempts(store)[0];
    let attempt: SyncAttempt;
    try {
      const report = await runSync(store, client, { onProgress: (p) => (this.currentProgress = p) });
      // Intakes recorded without a national check are checked now; a failure here never fails the sync.
      await recheckPending(store, client, actor, method).catch((e: unknown) => this.log('national re-check failed', e));
      // Transfers between centres: packages for this centre, outcomes of its dispatches; never fails the sync.
      await exchangeTransfers(store, client, actor, method).catch((e: unknown) => this.log('transfers exchange failed', e));
      // The users' display names, for the console's timeline (issue #16 §6); never fails the sync.
      await reportUsers(store, client).catch((e: unknown) => this.log('users report failed', e));
      const finishedAt = new Date(this.now()).toISOString();
      attempt = { at, finishedAt, trigger, outcome: 'ok', pushed: report.pushed, pulled: report.pulled, quarantined: report.quarantined, reason: null };
      // An automatic sync that moved nothing is not worth an audit line every quarter of an hour.
      const audited = trigger === 'manual' || report.pushed + report.pulled + report.quarantined > 0 || previous?.outcome !== 'ok';
      store.atomically(() => {
        store.setMeta('sync_last_success', finishedAt);
        store.setMeta('sync_last_error', '');
        if (store.meta(revokedKey)) store.setMeta(revokedKey, '');
        if (report.serverTime) store.setMeta('sync_clock_skew_seconds', String(Math.round((Date.parse(report.serverTime) - this.now()) / 1000)));
        recordAttempt(store, attempt);
      });
      if (audited) {
        // An automatic sync has no user behind it: the audit line says so with a null actor.
        store.audit({
          actor,
          action: 'sync.completed',
          method,
          entityType: 'device',
          entityId: store.device.deviceId,
          outcome: 'ok',
          detail: JSON.stringify({ trigger, pushed: report.pushed, pulled: report.pulled, quarantined: report.quarantined }),
        });
      }
      this.notify(attempt);
      return { report, attempt };
    } catch (e) {
      const err = syncFailure(e);
      const stillOpen = this.installation.isOpen && this.installation.requireStore() === store;
      if (stillOpen && !(e instanceof ApiError) && !(e instanceof HqUnreachable)) this.log('sync failed unexpectedly', e);
      const offline = err.messageKey === 'error.sync.unreachable';
      attempt = {
        at,
        finishedAt: new Date(this.now()).toISOString(),
        trigger,
        outcome: offline ? 'offline' : 'failed',
        pushed: 0,
        pulled: 0,
        quarantined: 0,
        reason: err.messageKey,
      };
      // The store may have been locked while HQ was being waited for: then there is nowhere to write.
      if (stillOpen) {
        store.setMeta('sync_last_error', err.messageKey);
        // HQ refused this device's clock and measured how far off it is: the sync screen's clock warning shows it.
        const offset = err.messageKey === 'error.sync.clock_skew' ? Number(err.params?.offsetSeconds) : NaN;
        if (Number.isFinite(offset)) store.setMeta('sync_clock_skew_seconds', String(-offset));
        // HQ revoked this device: kept, so the screen says when and why and the schedule stops asking.
        if (err.messageKey === 'error.sync.revoked') store.setMeta(revokedKey, JSON.stringify({ at: err.params?.revokedAt ?? null, reason: err.params?.reason ?? null }));
        recordAttempt(store, attempt);
        // Retries every few minutes while offline would bury the audit log: the first of a run is enough.
        if (trigger === 'manual' || previous?.reason !== err.messageKey) {
          store.audit({ actor, action: 'sync.failed', method, entityType: 'device', entityId: store.device.deviceId, outcome: 'failed', detail: JSON.stringify({ trigger, reason: err.messageKey }) });
        }
      }
      this.notify(attempt);
      throw err;
    }
  }

  private notify(attempt: SyncAttempt): void {
    for (const l of this.listeners) {
      try {
        l(attempt);
      } catch (e) {
        this.log('sync attempt listener failed', e);
      }
    }
  }
}
