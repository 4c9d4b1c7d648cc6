import type { Timers } from '../sync/scheduler';
import type { Installation } from './installation';
import type { Sessions } from './sessions';

export interface IdleLockOptions {
  sessions: Sessions;
  installation: Installation;
  now: () => number;
  timers: Timers;
  /** Work that holds the store (a sync under way) to wait for before closing it; null when there is none. */
  settle?: () => Promise<void> | null;
  /** Told after the store closed (the sync schedule stops until someone signs in). */
  onLocked?: () => void;
}

/**
 * Idle means locked (issue #10 §5): when the last session ends because nobody used it — not only on
 * sign-out — the store closes, the database key is zeroed in memory (Installation.lock) and automatic
 * sync stops. A timer set for the moment the next session would go idle does it, so a laptop left
 * alone locks without waiting for someone to click; every call also checks first, in case the timer
 * was late (a machine waking from sleep).
 */
export class IdleLock {
  private handle: unknown = null;
  private dueAt: number | null = null;
  private stopped = false;

  constructor(private readonly opts: IdleLockOptions) {}

  /** Ends idle sessions; if none is left, closes the store (after a sync under way has ended). */
  sweep(): void {
    const { sessions, installation } = this.opts;
    sessions.expireIdle();
    if (sessions.count > 0 || !installation.isOpen) return;
    const pending = this.opts.settle?.() ?? null;
    if (!pending) return this.lockNow();
    void pending.then(() => {
      // Someone may have signed in while the sync ended.
      if (sessions.count === 0) this.lockNow();
    });
  }

  private lockNow(): void {
    if (!this.opts.installation.isOpen) return;
    this.opts.installation.lock();
    this.opts.onLocked?.();
  }

  /** After every call: plan the timer for the moment the next session would go idle. */
  replan(): void {
    if (this.stopped) return;
    const at = this.opts.sessions.nextIdleAt();
    if (at === null) return this.cancel();
    // A timer already due no later is kept: if the session was used meanwhile it finds nothing and re-plans.
    if (this.handle !== null && this.dueAt !== null && this.dueAt <= at) return;
    this.cancel();
    this.dueAt = at;
    this.handle = this.opts.timers.set(
      async () => {
        this.handle = null;
        this.dueAt = null;
        this.sweep();
        this.replan();
      },
      Math.max(0, at - this.opts.now()),
    );
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  private cancel(): void {
    if (this.handle !== null) this.opts.timers.clear(this.handle);
    this.handle = null;
    this.dueAt = null;
  }
}
