import { describe, expect, it } from 'vitest';
import { clockSkewNotice } from '../../renderer/clock-skew';

const accepted = { lastOutcome: 'ok' as const, lastError: null };
const refusedForClock = { lastOutcome: 'failed' as const, lastError: 'error.sync.clock_skew' };

describe('what the sync screen says about the device clock', () => {
  it('says nothing while the clock is within five minutes of HQ and HQ accepts it', () => {
    expect(clockSkewNotice({ ...accepted, clockSkewSeconds: 4 * 60 })).toBeNull();
    expect(clockSkewNotice({ ...accepted, clockSkewSeconds: null })).toBeNull();
  });

  it('warns of a clock more than five minutes off even while HQ still accepts it, saying which way', () => {
    expect(clockSkewNotice({ ...accepted, clockSkewSeconds: 20 * 60 })).toEqual({ minutes: 20, direction: 'behind' });
    expect(clockSkewNotice({ ...accepted, clockSkewSeconds: -7 * 60 })).toEqual({ minutes: 7, direction: 'ahead' });
  });

  it('names the minutes of a clock HQ refused, even inside the five-minute warning (a short request window)', () => {
    expect(clockSkewNotice({ ...refusedForClock, clockSkewSeconds: 2 * 60 + 10 })).toEqual({ minutes: 2, direction: 'behind' });
    expect(clockSkewNotice({ ...refusedForClock, clockSkewSeconds: -20 })).toEqual({ minutes: 1, direction: 'ahead' });
  });

  it('a refusal for another reason does not turn a small offset into a warning', () => {
    expect(clockSkewNotice({ lastOutcome: 'failed', lastError: 'error.sync.revoked', clockSkewSeconds: 2 * 60 })).toBeNull();
  });
});
