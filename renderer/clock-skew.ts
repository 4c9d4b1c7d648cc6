import type { z } from 'zod';
import type { syncStatus } from '../core/contract/sync';

type SkewFacts = Pick<z.infer<typeof syncStatus>, 'clockSkewSeconds' | 'lastOutcome' | 'lastError'>;

/** Beyond this a device's clock is worth a warning even while HQ still accepts its requests. */
export const skewWarningSeconds = 5 * 60;

/**
 * What the sync screen says about the device's clock, or null for nothing. A clock HQ refused is always
 * named with its minutes, however small the window HQ allows (docs/sync.md#authentication): "the date
 * and time are wrong" alone does not tell the officer by how much.
 */
export function clockSkewNotice(s: SkewFacts): { minutes: number; direction: 'behind' | 'ahead' } | null {
  const skew = s.clockSkewSeconds;
  if (skew === null || skew === 0) return null;
  const refused = s.lastOutcome === 'failed' && s.lastError === 'error.sync.clock_skew';
  if (!refused && Math.abs(skew) <= skewWarningSeconds) return null;
  return { minutes: Math.max(1, Math.round(Math.abs(skew) / 60)), direction: skew > 0 ? 'behind' : 'ahead' };
}
