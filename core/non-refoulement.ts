import { z } from 'zod';
import { isoInstant, text } from './fields';

export const nonRefoulementCheckSchema = z
  .object({
    at: isoInstant,
    result: z.enum(['cleared', 'not_cleared']),
    basis: text(4000),
  })
  .strict();

export type RemovalLockReason = 'asylum_pending' | 'refugee' | 'trafficking' | 'not_cleared' | 'no_check';

export interface ProtectionFacts {
  asylumPending: boolean;
  refugee: boolean;
  traffickingPresumed: boolean;
  /** The latest recorded check, if any, and whether it came after the latest protection fact. */
  latestCheck: { result: 'cleared' | 'not_cleared'; at: string } | null;
}

/**
 * domain.md §5 rule 4: no removal while asylum is pending, for refugees, or for a presumed victim of
 * trafficking (CAO 29), and never without a cleared non-refoulement check. Returns every reason that
 * holds, so the screen can say all of them at once.
 */
export function removalLocks(f: ProtectionFacts): RemovalLockReason[] {
  const reasons: RemovalLockReason[] = [];
  if (f.asylumPending) reasons.push('asylum_pending');
  if (f.refugee) reasons.push('refugee');
  if (f.traffickingPresumed) reasons.push('trafficking');
  if (!f.latestCheck) reasons.push('no_check');
  else if (f.latestCheck.result !== 'cleared') reasons.push('not_cleared');
  return reasons;
}
