import type { Store } from '../../db/store';
import type { Installation } from '../services/installation';
import { failuresInARow, readAttempts } from './attempts';
import { isEnrolled, revocation, type SyncRunner } from './runner';

/** The timer functions the schedule uses; tests pass their own to step through time. */
export interface Timers {
  /** `fn` settles when the sync it started has ended (a test's timer can await it). */
  set(fn: () => Promise<void>, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Real timers that never keep the process alive on their own (shutdown and tests must not wait for them). */
export const unrefTimers: Timers = {
  set(fn, ms) {
    const t = setTimeout(() => void fn(), ms);
    t.unref();
    return t;
  },
  clear(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export interface SchedulerOptions {
  installation: Installation;
  runner: SyncRunner;
  now: () => number;
  timers?: Timers;
  /** The first retry after a failure; each further failure doubles it, up to the interval. */
  firstRetryMs?: number;
  /** After unlocking a device whose last sync is overdue: a short pause, so sign-in is not slowed. */
  startupDelayMs?: number;
}

export const defaultFirstRetryMs = 30_000;
export const defaultStartupDelayMs = 10_000;

interface Plan {
  store: Store;
  intervalMs: number;
  dueAt: number;
  handle: unknown;
}

/**
 * Automatic sync: while the installation is open, enrolled and `autoSync` is on, a sync runs every
 * `syncIntervalMinutes` after the last attempt, and sooner after a failure (30 s, 1 min, 2 min, …,
 * never longer than the interval), so a device that was offline syncs soon after the link returns
 * without anyone pressing "Sync now". The plan is made from the attempts kept in the store, so it
 * survives a restart; every attempt, manual or automatic, re-plans from its own end.
 */
export class SyncScheduler {
  private plan: Plan | null = null;
  private readonly timers: Timers;
  private readonly firstRetryMs: number;
  private readonly startupDelayMs: number;
  private readonly unsubscribe: () => void;
  private stopped = false;

  constructor(private readonly opts: SchedulerOptions) {
    this.timers = opts.timers ?? unrefTimers;
    this.firstRetryMs = opts.firstRetryMs ?? defaultFirstRetryMs;
    this.startupDelayMs = opts.startupDelayMs ?? defaultStartupDelayMs;
    this.unsubscribe = opts.runner.onAttempt(() => this.replan());
  }

  /** When the next automatic sync is due, or null if none is planned. */
  get nextAt(): string | null {
    return this.plan ? new Date(this.plan.dueAt).toISOString() : null;
  }

  /**
   * Brings the plan in line with the installation: called after every backend call (a sign-in that
   * opened the store, an enrollment, a settings change, the last sign-out that locked it).
   */
  reconcile(): void {
    if (this.stopped) return;
    try {
      const store = this.activeStore();
      if (!store) return this.cancel();
      const intervalMs = store.settings.syncIntervalMinutes * 60_000;
      if (this.plan && this.plan.store === store && this.plan.intervalMs === intervalMs) return;
      // A sync under way re-plans when its attempt ends; planning now would plan from the one before.
      if (this.opts.runner.running) return;
      this.schedule(store, intervalMs, true);
    } catch {
      // Runs after every call: whatever went wrong here must not fail the call that was answered.
      this.cancel();
    }
  }

  /** Stops for good (the backend is closing): no timer stays behind. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    this.cancel();
  }

  /** The delay the schedule would wait now, from the last attempt kept in the store. */
  delayFor(store: Store, intervalMs: number, starting: boolean): number {
    const attempts = readAttempts(store);
    const last = attempts[0];
    // Never tried yet (just enrolled): a full interval, the person who enrolled can press "Sync now".
    if (!last) return intervalMs;
    const failures = failuresInARow(attempts);
    const wait = failures === 0 ? intervalMs : Math.min(intervalMs, this.firstRetryMs * 2 ** Math.min(failures - 1, 20));
    const due = Date.parse(last.finishedAt) + wait - this.opts.now();
    if (due <= 0) return starting ? Math.min(this.startupDelayMs, wait) : 0;
    return Math.min(due, wait);
  }

  private activeStore(): Store | null {
    const inst = this.opts.installation;
    if (!inst.isOpen) return null;
    const store = inst.requireStore();
    // A revoked device asks HQ nothing on its own: every request would be refused (docs/sync.md#revocation).
    return isEnrolled(store) && store.settings.autoSync && !revocation(store) ? store : null;
  }

  private replan(): void {
    if (this.stopped) return;
    const store = this.activeStore();
    if (!store) return this.cancel();
    this.schedule(store, store.settings.syncIntervalMinutes * 60_000, false);
  }

  private schedule(store: Store, intervalMs: number, starting: boolean): void {
    this.cancel();
    const delay = this.delayFor(store, intervalMs, starting);
    const plan: Plan = { store, intervalMs, dueAt: this.opts.now() + delay, handle: null };
    plan.handle = this.timers.set(() => this.fire(plan), delay);
    this.plan = plan;
  }

  private cancel(): void {
    if (this.plan) this.timers.clear(this.plan.handle);
    this.plan = null;
  }

  /** The timer went off: sync, unless the world changed meanwhile. The attempt's listener re-plans. */
  private async fire(plan: Plan): Promise<void> {
    if (this.plan !== plan || this.stopped) return;
    this.plan = null;
    try {
      if (this.activeStore() !== plan.store) return this.reconcile();
      // A manual sync under way does the work; its attempt re-plans.
      if (this.opts.runner.running) return;
      await this.opts.runner.runAuto();
    } catch {
      // The store was locked under us: the next sign-in plans again.
    }
  }
}
