/**
 * HQ's tracing requests to this centre (issue #14 §3, docs/sync.md#tracing-requests-to-a-centre), kept as
 * they arrive with a pull, in the same transaction as the pulled batch and the cursors: interrupted, the
 * next pull brings them again, and a request already held is kept once (its id is the key).
 */
import type { z } from 'zod';
import type { pullResponse } from '../../core/sync';
import type { Store } from '../../db/store';

const cursorMeta = 'sync_tracing_cursor';

/** How far this device has read HQ's tracing requests to its facility. */
export function tracingCursor(store: Pick<Store, 'meta'>): number {
  return Number(store.meta(cursorMeta) ?? 0);
}

/** Keeps the requests a pull brought and moves the tracing cursor; call inside the pull's transaction. */
export function keepTracingRequests(store: Store, pulled: Pick<z.infer<typeof pullResponse>, 'tracingRequests' | 'tracingCursor' | 'serverTime'>): void {
  for (const r of pulled.tracingRequests ?? []) {
    store.q.run(
      store.qb
        .insertInto('tracing_requests')
        .values({
          request_id: r.requestId,
          person_id: r.personId,
          kinds: JSON.stringify(r.kinds),
          requester_category: r.requesterCategory,
          asked_at: r.askedAt,
          received_at: pulled.serverTime,
        })
        .onConflict((oc) => oc.column('request_id').doNothing()),
    );
  }
  if (pulled.tracingCursor !== undefined && pulled.tracingCursor > tracingCursor(store)) store.setMeta(cursorMeta, String(pulled.tracingCursor));
}
