import { z } from 'zod';
import { isoInstant, text } from './fields';

export const nonRefoulementCheckSchema = z
  .object({
    at: isoInstant,
    result: z.enum(['cleared', 'not_cleared']),
    basis: text(4000),
  })
  .strict();

/**
 * Why removal is locked. `restricted` is never computed: it is what a caller without
 * `protection.read` sees instead of `trafficking` (see maskRemovalLocks).
 */
export const removalLockReasons = ['asylum_pending', 'refugee', 'trafficking', 'not_cleared', 'no_check', 'restricted'] as const;
export type RemovalLockReason = (typeof removalLockReasons)[number];

export interface ProtectionFacts {
  asylumPending: boolean;
  refugee: boolean;
  traffickingPresumed: boolean;
  /** The latest recorded check, if any, and whether it came after the latest protection fact. */
  latestCheck: { result: 'cleared' | 'not_cleared'; at: string } | null;
}

/**
 * docs/domain.md §5 rule 4: no removal while asylum is pending, for refugees, or for a presumed victim of
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

/**
 * The check that still speaks to the person's situation: the latest, unless a protection fact (a claim's
 * new status, a new screening) was recorded after it, when a fresh check is needed. The person page's
 * lock and the figures both rest on it.
 */
export function currentCheck<C extends { at: string }>(latest: C | null, latestProtectionFactAt: string | null): C | null {
  return latest && (latestProtectionFactAt === null || latest.at >= latestProtectionFactAt) ? latest : null;
}

/**
 * The locks as a caller may see them: without `protection.read`, a trafficking lock still shows, so
 * nobody removes the person, but as `restricted`, without saying why (docs/domain.md §5 rule 6).
 */
export function maskRemovalLocks(reasons: readonly RemovalLockReason[], mayReadProtection: boolean): RemovalLockReason[] {
  if (mayReadProtection) return [...reasons];
  return reasons.map((r) => (r === 'trafficking' ? 'restricted' : r));
}

/**
 * A legal lock is a fact that itself forbids removal: a pending claim, refugee status, a presumed
 * trafficking victim, a check that found a risk (or such a reason the caller may not read). `no_check`
 * is not one: it says only that removal, if it is ever considered, needs an assessment first. Shown
 * alike, the one alarm everybody sees from admission teaches staff to overlook the real lock (issue
 * #11 §6); the server refuses a removal for either, unchanged.
 */
export function splitRemovalLocks(reasons: readonly RemovalLockReason[]): { legal: RemovalLockReason[]; assessmentMissing: boolean } {
  return { legal: reasons.filter((r) => r !== 'no_check'), assessmentMissing: reasons.includes('no_check') };
}
