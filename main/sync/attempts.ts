import { z } from 'zod';
import { syncAttempt } from '../../core/contract/sync';
import type { ReadStore, Store } from '../../db/store';

export type SyncAttempt = z.infer<typeof syncAttempt>;

/** Enough to see a pattern (offline every evening, refused since Tuesday) without growing forever. */
export const attemptsKept = 20;

const metaKey = 'sync_attempts';

/**
 * The last sync attempts, newest first. Kept as one JSON value in the encrypted store's meta table:
 * it is a short rolling list, never queried, so it needs no table or migration of its own.
 */
export function readAttempts(store: ReadStore): SyncAttempt[] {
  const raw = store.meta(metaKey);
  if (!raw) return [];
  try {
    const parsed = z.array(syncAttempt).safeParse(JSON.parse(raw));
    // A list this version cannot read is only history: start a new one rather than fail the sync.
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function recordAttempt(store: Store, attempt: SyncAttempt): void {
  store.setMeta(metaKey, JSON.stringify([attempt, ...readAttempts(store)].slice(0, attemptsKept)));
}

/** Failures since the last success: the automatic retry waits longer after each. */
export function failuresInARow(attempts: readonly SyncAttempt[]): number {
  const i = attempts.findIndex((a) => a.outcome === 'ok');
  return i === -1 ? attempts.length : i;
}
