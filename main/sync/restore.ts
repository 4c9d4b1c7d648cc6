import type { z } from 'zod';
import { ApiError } from '../../core/contract/errors';
import type { ownEventsResponse, restoredResponse } from '../../core/sync-restore';
import type { Store } from '../../db/store';
import type { RestoreReport } from '../services/backup';

/** What a restored store needs of HQ, once: its report, then its own events HQ holds. */
export interface RestoreApi {
  restored(body: unknown): Promise<z.infer<typeof restoredResponse>>;
  ownEvents(body: unknown): Promise<z.infer<typeof ownEventsResponse>>;
}

const ownEventsBatch = 1000;

/**
 * The first sync of a store restored from a backup (docs/backup.md). It tells HQ it was restored (the
 * backup's signed head): HQ takes it as the device's new incarnation, so the old laptop, if alive, is
 * refused from then on, and records what the old copy lost. Then it takes back its own events HQ
 * received after the backup, verified as its own chain, so that what it records next continues that
 * chain instead of forking it. Only then is recording allowed again (`Store.setRestoreReport(null)`).
 * Interrupted anywhere, the next sync does it again: the report is idempotent and events held are skipped.
 */
export async function reconcileRestore(store: Store, hq: Partial<RestoreApi>): Promise<void> {
  const raw = store.restoreReport;
  if (raw === null) return;
  if (!hq.restored || !hq.ownEvents) throw new ApiError({ code: 'rule', messageKey: 'error.restore.syncFirst' });
  const report = JSON.parse(raw) as RestoreReport;
  const res = await hq.restored({ restoreId: report.restoreId, backupHead: store.signHeadAt(report.backupSeq), backupCreatedAt: report.backupCreatedAt });
  store.setMeta('sync_incarnation', String(res.incarnation));
  let fetched = 0;
  while (store.chainHead.seq < res.hqHead.seq) {
    const page = await hq.ownEvents({ after: store.chainHead.seq, limit: ownEventsBatch });
    const own = page.events.filter((e) => e.deviceId === store.device.deviceId);
    if (own.length === 0) break;
    fetched += store.ingest(own).applied;
  }
  const head = store.chainHead;
  if (head.seq < res.hqHead.seq || (res.hqHead.seq === head.seq && res.hqHead.hash !== head.hash)) throw new ApiError({ code: 'rule', messageKey: 'error.sync.fork' });
  store.atomically(() => {
    store.setMeta('sync_acked_seq', String(res.hqHead.seq));
    store.setMeta('restore_lost', JSON.stringify(res.lost));
    store.setRestoreReport(null);
  });
  store.audit({
    actor: null,
    action: 'backup.reconciled',
    method: 'sync.restored',
    entityType: 'device',
    entityId: store.device.deviceId,
    outcome: 'ok',
    detail: JSON.stringify({ incarnation: res.incarnation, backupSeq: report.backupSeq, fetched, hqSeq: res.hqHead.seq, lost: res.lost }),
  });
}
