import { ApiError } from '../../core/contract/errors';
import { eventBytes, maxPushBatch, maxPushBatchBytes } from '../../core/sync';
import type { EventRecord } from '../../core/events';
import { receiptMessage, verifyWith } from '../../db/device-auth';
import { rowToEvent, type EventRow, type ReadStore, type Store } from '../../db/store';
import type { z } from 'zod';
import type { pullResponse, pushResponse } from '../../core/sync';
import { keepFacilityState } from './facility';
import { keepTracingRequests, tracingCursor } from './tracing-requests';
import { reconcileRestore, type RestoreApi } from './restore';

/** What sync needs of HQ: the HTTP client in production; tests may drive HQ's own service directly. */
export interface HqApi {
  push(body: unknown): Promise<z.infer<typeof pushResponse>>;
  /** `queued`: how many of this device's events still wait to go, for HQ's console (a hint, not a claim). */
  /** `tracingAfter`: this device's tracing cursor, for HQ's tracing requests to its facility (main/sync/tracing-requests.ts). */
  pull(after: number, limit: number, queued?: number, tracingAfter?: number): Promise<z.infer<typeof pullResponse>>;
  /** Only a store restored from a backup needs these, once (main/sync/restore.ts). */
  restored?: RestoreApi['restored'];
  ownEvents?: RestoreApi['ownEvents'];
}

export interface SyncReport {
  pushed: number;
  pulled: number;
  quarantined: number;
  ackedSeq: number;
  cursor: number;
  serverTime: string | null;
}

/** Reported after each batch, so the screen can show events going up and coming down. */
export interface SyncProgress {
  phase: 'push' | 'pull';
  /** Events of this device sent and acknowledged so far in this run. */
  pushed: number;
  /** Events of this device that were waiting when the run started. */
  toPush: number;
  /** Events of other devices applied so far. */
  pulled: number;
}

const metaNumber = (store: ReadStore, key: string) => Number(store.meta(key) ?? 0);

/** This device's events HQ has not yet acknowledged. */
export function pendingCount(store: ReadStore): number {
  const acked = metaNumber(store, 'sync_acked_seq');
  return (store.q.prepared('SELECT count(*) AS n FROM events WHERE device_id = ? AND device_seq > ?').get(store.device.deviceId, acked) as { n: number }).n;
}

/**
 * One sync: push every unacknowledged event of this device in device_seq order, then pull what HQ
 * holds for the facility after the cursor. Each step is safe to interrupt: HQ stores pushes idempotently
 * and acknowledges after commit; a pulled batch and its cursor commit in one transaction. Running it
 * again after any failure simply continues.
 */
export async function runSync(store: Store, hq: HqApi, opts: { pushBatch?: number; pullBatch?: number; onProgress?: (p: SyncProgress) => void } = {}): Promise<SyncReport> {
  // The largest batch HQ takes: each push is a round trip, a signature and a durable commit on both
  // sides, so halving their number made a 30k-event push about a fifth faster on loopback.
  const pushBatch = Math.min(opts.pushBatch ?? maxPushBatch, maxPushBatch);
  const pullBatch = opts.pullBatch ?? 2000;
  const hqKey = store.meta('sync_hq_public_key');
  // A store restored from a backup first takes back what HQ holds of its own chain (docs/backup.md).
  if (store.restoreReport !== null) await reconcileRestore(store, hq);
  let pushed = 0;
  let serverTime: string | null = null;
  let rewinds = 0;
  const startAcked = metaNumber(store, 'sync_acked_seq');
  const toPush = pendingCount(store);
  // Counted as acknowledged progress rather than HQ's "stored": a repeat HQ already held still went up.
  const sent = () => Math.max(0, Math.min(toPush, metaNumber(store, 'sync_acked_seq') - startAcked));
  opts.onProgress?.({ phase: 'push', pushed: 0, toPush, pulled: 0 });
  for (;;) {
    const acked = metaNumber(store, 'sync_acked_seq');
    const rows = store.q.prepared('SELECT * FROM events WHERE device_id = ? AND device_seq > ? ORDER BY device_seq LIMIT ?').all(store.device.deviceId, acked, pushBatch) as EventRow[];
    if (rows.length === 0) break;
    const events = byBytes(rows.map(rowToEvent), maxPushBatchBytes);
    const last = events[events.length - 1]!;
    let res;
    try {
      res = await hq.push({ events, head: store.signHeadAt(last.deviceSeq), queued: Math.max(0, startAcked + toPush - last.deviceSeq) });
    } catch (e) {
      // HQ holds less than we believed (restored from a backup): start again from what it holds.
      const heldByHq = e instanceof ApiError && e.messageKey === 'error.sync.gap' ? Number(e.params?.ackedSeq) : NaN;
      if (Number.isInteger(heldByHq) && heldByHq < acked && rewinds++ < 3) {
        store.setMeta('sync_acked_seq', String(heldByHq));
        continue;
      }
      throw e;
    }
    if (hqKey && !verifyWith(hqKey, receiptMessage(store.device.deviceId, res.ackedSeq, res.ackedSeq === last.deviceSeq ? last.hash : hashAt(store, res.ackedSeq)), res.receipt)) {
      throw new ApiError({ code: 'rule', messageKey: 'error.sync.bad_receipt' });
    }
    store.setMeta('sync_acked_seq', String(res.ackedSeq));
    store.setMeta('sync_last_receipt', res.receipt);
    pushed += res.stored;
    serverTime = res.serverTime;
    opts.onProgress?.({ phase: 'push', pushed: sent(), toPush, pulled: 0 });
    if (res.ackedSeq < last.deviceSeq) throw new ApiError({ code: 'rule', messageKey: 'error.sync.notAcknowledged' });
  }

  let pulled = 0;
  let quarantined = 0;
  for (;;) {
    const cursor = metaNumber(store, 'sync_cursor');
    const res = await hq.pull(cursor, pullBatch, pendingCount(store), tracingCursor(store));
    // The facility's key versions and devices, and HQ's tracing requests, come with each pull: kept with the batch.
    const applied = store.ingest(res.events, () => {
      store.setMeta('sync_cursor', String(res.cursor));
      keepFacilityState(store, res);
      keepTracingRequests(store, res);
    });
    pulled += applied.applied;
    quarantined += applied.quarantined;
    serverTime = res.serverTime;
    opts.onProgress?.({ phase: 'pull', pushed: sent(), toPush, pulled });
    if (!res.more || res.cursor === cursor) break;
  }
  return { pushed, pulled, quarantined, ackedSeq: metaNumber(store, 'sync_acked_seq'), cursor: metaNumber(store, 'sync_cursor'), serverTime };
}

/**
 * The longest run from the start whose JSON stays within `maxBytes`: HQ refuses a body over its limit
 * every time, so a batch cut only by count would keep a device from ever syncing again (issue #10).
 * Never empty: an event is made no larger than maxEventBytes (db/store.ts), which always fits.
 */
export function byBytes(events: readonly EventRecord[], maxBytes: number): EventRecord[] {
  let total = 0;
  let n = 0;
  while (n < events.length) {
    total += eventBytes(events[n]);
    if (n > 0 && total > maxBytes) break;
    n++;
  }
  return events.slice(0, n);
}

function hashAt(store: ReadStore, seq: number): string {
  if (seq === 0) return '';
  return (store.q.prepared('SELECT hash FROM events WHERE device_id = ? AND device_seq = ?').get(store.device.deviceId, seq) as { hash: string } | undefined)?.hash ?? '';
}
