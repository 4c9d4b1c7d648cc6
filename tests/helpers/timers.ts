import { expect } from 'vitest';
import type { Timers } from '../../main/sync/scheduler';

/**
 * Timers the test runs by hand (the idle lock, the sync schedule): nothing fires on its own, and the test
 * moves its clock to when each was due. At most one is expected planned at a time.
 */
export function handTimers(clock: { now: number }) {
  const planned: { fn: () => Promise<void>; ms: number; at: number }[] = [];
  const timers: Timers = {
    set(fn, ms) {
      const t = { fn, ms, at: clock.now + ms };
      planned.push(t);
      return t;
    },
    clear(handle) {
      const i = planned.indexOf(handle as (typeof planned)[number]);
      if (i >= 0) planned.splice(i, 1);
    },
  };
  const only = () => {
    expect(planned).toHaveLength(1);
    return planned[0]!;
  };
  return {
    timers,
    /** How many are planned. */
    get count(): number {
      return planned.length;
    },
    /** The delay the one planned timer was set with. */
    get nextDelay(): number {
      return only().ms;
    },
    /** When the one planned timer is due, on the test's clock. */
    get dueAt(): number {
      return only().at;
    },
    /** Moves the clock to when the one planned timer was due (never back) and runs it. */
    async fire(): Promise<void> {
      only();
      const t = planned.shift()!;
      clock.now = Math.max(clock.now, t.at);
      await t.fn();
    },
    /** Lets the planned delay pass from now and waits for what it starts to end. */
    async elapse(): Promise<void> {
      only();
      const t = planned.shift()!;
      clock.now += t.ms;
      await t.fn();
    },
    /** Starts the planned one without moving the clock or waiting for it. */
    start(): Promise<void> {
      only();
      return planned.shift()!.fn();
    },
  };
}
