import { describe, expect, it } from 'vitest';
import { backoffMs, checkAttempt, clearKeys, lockedKeys, pruneThrottle, recordFailure, signInBursts, type ThrottleState } from '../../core/sign-in-throttle';

const s = { maxFailures: 5, lockMinutes: 15 };
const minute = 60_000;
const t0 = Date.parse('2026-11-23T02:00:00Z');

function failTimes(state: ThrottleState, keys: string[], n: number, start = t0, step = 20_000): { state: ThrottleState; at: number } {
  let at = start;
  for (let i = 0; i < n; i++) {
    state = recordFailure(state, keys, at, s).state;
    at += step;
  }
  return { state, at: at - step };
}

describe('sign-in throttle', () => {
  it('one typo costs nothing, then each failure doubles the wait up to half a minute', () => {
    expect([1, 2, 3, 4, 5, 10].map(backoffMs)).toEqual([0, 1000, 2000, 4000, 8000, 30_000]);
  });

  it('a key waits out its backoff, then may try again', () => {
    const { state, at } = failTimes({}, ['u'], 3);
    expect(checkAttempt(state, ['u'], at + 1999, s)).toEqual({ allowed: false, reason: 'backoff', until: at + 2000, key: 'u' });
    expect(checkAttempt(state, ['u'], at + 2000, s)).toEqual({ allowed: true });
  });

  it('the fifth failure locks for fifteen minutes, whatever is tried meanwhile', () => {
    const first = failTimes({}, ['u', 'c'], 4);
    const fifth = recordFailure(first.state, ['u', 'c'], first.at + 20_000, s);
    expect(fifth.locked).toEqual(['u', 'c']);
    const lockedAt = first.at + 20_000;
    expect(checkAttempt(fifth.state, ['u'], lockedAt + 14 * minute, s)).toMatchObject({ allowed: false, reason: 'locked', until: lockedAt + 15 * minute });
    expect(checkAttempt(fifth.state, ['u'], lockedAt + 15 * minute, s)).toEqual({ allowed: true });
    expect(lockedKeys(fifth.state, lockedAt + minute).map((l) => l.key)).toEqual(['u', 'c']);
  });

  it('any locked key refuses the attempt, and a lock outranks a backoff', () => {
    const locked = failTimes({}, ['client'], 5).state;
    const both = recordFailure(recordFailure(locked, ['user'], t0 + 100_000, s).state, ['user'], t0 + 100_001, s).state;
    expect(checkAttempt(both, ['user', 'client'], t0 + 100_002, s)).toMatchObject({ allowed: false, reason: 'locked', key: 'client' });
    expect(checkAttempt(both, ['other', 'another'], t0 + 100_002, s)).toEqual({ allowed: true });
  });

  it('failures are forgotten after a quiet period as long as the lock', () => {
    const { state, at } = failTimes({}, ['u'], 4);
    const later = at + 15 * minute;
    expect(recordFailure(state, ['u'], later, s).state.u!.failures).toBe(1);
    expect(pruneThrottle(state, later, s)).toEqual({});
    expect(pruneThrottle(state, later - 1, s)).toEqual(state);
  });

  it('success clears only the keys named, and extra fields the caller keeps survive a failure', () => {
    const state = recordFailure({ u: { failures: 1, lastFailureAt: t0, lockedUntil: null, label: 'kept' } }, ['u', 'c'], t0 + 1000, s).state;
    expect(state.u).toMatchObject({ failures: 2, label: 'kept' });
    expect(Object.keys(clearKeys(state, ['u']))).toEqual(['c']);
  });
});

describe('bursts of failed sign-ins', () => {
  it('groups failures for one name within ten minutes of each other, newest first, case-insensitively', () => {
    const at = (m: number) => t0 + m * minute;
    const bursts = signInBursts([
      { username: 'ali', at: at(1) },
      { username: 'Ali', at: at(2) },
      { username: 'ali', at: at(3) },
      { username: 'samira', at: at(2) },
      { username: 'ali', at: at(40) },
    ]);
    expect(bursts).toEqual([
      { username: 'ali', count: 1, from: at(40), to: at(40) },
      { username: 'ali', count: 3, from: at(1), to: at(3) },
      { username: 'samira', count: 1, from: at(2), to: at(2) },
    ]);
  });
});
