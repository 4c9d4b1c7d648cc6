/**
 * Throttling of sign-in and recovery attempts (issue #10 §3): pure, with the clock passed in, so the
 * same rules hold on the desktop app, the browser preview and the HQ console, and a test can step
 * through time. The state is plain data the caller persists (a restart must not reset the counters).
 *
 * Each attempt names several keys — the user name tried and the client it came from, per purpose
 * (sign-in or recovery) — and is refused if any of them is waiting or locked. One typo costs nothing;
 * after each further failure a key waits a little longer (1 s, 2 s, 4 s, …); at `maxFailures` it is
 * locked for `lockMinutes`, and during
 * the lock even the right password is refused (the check comes before the password is tried).
 */

export interface ThrottleSettings {
  maxFailures: number;
  lockMinutes: number;
}

export interface ThrottleEntry {
  failures: number;
  /** Epoch milliseconds of the last failure. */
  lastFailureAt: number;
  /** Epoch milliseconds the lock ends, or null while only backing off. */
  lockedUntil: number | null;
  /** A refusal during this wait was already recorded: a flood of refused tries is one line, not thousands. */
  refusalRecorded?: boolean;
}

export type ThrottleState = Record<string, ThrottleEntry>;

export type ThrottleVerdict = { allowed: true } | { allowed: false; reason: 'locked' | 'backoff'; until: number; key: string };

/** The longest pause between two attempts before the lock (a person mistyping waits seconds, not minutes). */
export const maxBackoffMs = 30_000;

/** How long a key waits after its n-th failure in a row, before it is locked: 0, 1 s, 2 s, 4 s, … */
export function backoffMs(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(maxBackoffMs, 1000 * 2 ** Math.min(failures - 2, 15));
}

/**
 * A key's failures are forgotten after a quiet period as long as the lock: a desk where someone mistypes
 * once a day never drifts towards a lock.
 */
function live(entry: ThrottleEntry | undefined, now: number, s: ThrottleSettings): ThrottleEntry | undefined {
  if (!entry) return undefined;
  if (entry.lockedUntil !== null) return entry.lockedUntil > now ? entry : undefined;
  return now - entry.lastFailureAt >= s.lockMinutes * 60_000 ? undefined : entry;
}

/** May an attempt naming these keys be tried now? A lock outranks a backoff; the latest end is given. */
export function checkAttempt(state: ThrottleState, keys: readonly string[], now: number, s: ThrottleSettings): ThrottleVerdict {
  let worst: Extract<ThrottleVerdict, { allowed: false }> | null = null;
  for (const key of keys) {
    const e = live(state[key], now, s);
    if (!e) continue;
    const verdict =
      e.lockedUntil !== null
        ? { allowed: false as const, reason: 'locked' as const, until: e.lockedUntil, key }
        : e.lastFailureAt + backoffMs(e.failures) > now
          ? { allowed: false as const, reason: 'backoff' as const, until: e.lastFailureAt + backoffMs(e.failures), key }
          : null;
    if (!verdict) continue;
    if (!worst || (verdict.reason === 'locked' && worst.reason === 'backoff') || (verdict.reason === worst.reason && verdict.until > worst.until)) {
      worst = verdict;
    }
  }
  return worst ?? { allowed: true };
}

/** A failed attempt: each key counts one more failure; the keys that reach the limit are locked (returned). */
export function recordFailure<E extends ThrottleEntry>(state: Record<string, E>, keys: readonly string[], now: number, s: ThrottleSettings): { state: Record<string, E>; locked: string[] } {
  const next: Record<string, E> = { ...state };
  const locked: string[] = [];
  for (const key of keys) {
    const failures = (live(state[key], now, s)?.failures ?? 0) + 1;
    const lockedUntil = failures >= s.maxFailures ? now + s.lockMinutes * 60_000 : null;
    if (lockedUntil !== null) locked.push(key);
    // Whatever else the caller keeps about the key (a label) stays; a new wait may be recorded again.
    next[key] = { ...state[key], failures, lastFailureAt: now, lockedUntil, refusalRecorded: false } as E;
  }
  return { state: next, locked };
}

/**
 * A successful attempt clears the keys named (the user name's); a client's count is left alone, or one
 * valid account would let a guesser reset its counter between guesses at another.
 */
export function clearKeys<E extends ThrottleEntry>(state: Record<string, E>, keys: readonly string[]): Record<string, E> {
  const next: Record<string, E> = { ...state };
  for (const key of keys) delete next[key];
  return next;
}

/** Drops what no longer holds anything back, so the persisted state does not grow without end. */
export function pruneThrottle<E extends ThrottleEntry>(state: Record<string, E>, now: number, s: ThrottleSettings): Record<string, E> {
  const next: Record<string, E> = {};
  for (const [key, entry] of Object.entries(state)) if (live(entry, now, s)) next[key] = entry;
  return next;
}

/** The keys locked now, with when each lock ends. */
export function lockedKeys(state: ThrottleState, now: number): { key: string; entry: ThrottleEntry & { lockedUntil: number } }[] {
  return Object.entries(state)
    .filter((kv): kv is [string, ThrottleEntry & { lockedUntil: number }] => kv[1].lockedUntil !== null && kv[1].lockedUntil > now)
    .map(([key, entry]) => ({ key, entry }));
}

/** Whole minutes left until `until` (at least one, so a screen never says "try again in 0 minutes"). */
export function minutesUntil(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 60_000));
}

/** Whole seconds left until `until` (at least one). */
export function secondsUntil(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}

export interface SignInFailure {
  /** Epoch milliseconds. */
  at: number;
  username: string;
}

export interface SignInBurst {
  username: string;
  count: number;
  from: number;
  to: number;
}

/**
 * Failed attempts grouped into bursts for the audit screen: failures for the same user name, each
 * within `gapMs` of the one before, are one burst ("5 failed sign-ins for 'ali' between 02:01 and
 * 02:03"). Names compare case-insensitively, as sign-in does. Newest burst first.
 */
export function signInBursts(failures: readonly SignInFailure[], gapMs = 10 * 60_000): SignInBurst[] {
  const byName = new Map<string, SignInFailure[]>();
  for (const f of failures) {
    const k = f.username.toLowerCase();
    byName.set(k, [...(byName.get(k) ?? []), f]);
  }
  const bursts: SignInBurst[] = [];
  for (const list of byName.values()) {
    const sorted = [...list].sort((a, b) => a.at - b.at);
    let current: SignInBurst | null = null;
    for (const f of sorted) {
      if (current && f.at - current.to <= gapMs) {
        current.count++;
        current.to = f.at;
      } else {
        current = { username: f.username, count: 1, from: f.at, to: f.at };
        bursts.push(current);
      }
    }
  }
  return bursts.sort((a, b) => b.to - a.to || a.username.localeCompare(b.username));
}
