import type { z } from 'zod';
import { ApiError } from '../../core/contract/errors';
import type { syncStatus } from '../../core/contract/sync';
import type { Store } from '../../db/store';
import type { Handlers } from '../api/router';
import { runSync, pendingCount } from '../sync/engine';
import { HqClient, HqUnreachable } from '../sync/hq-client';
import type { Installation } from './installation';
import { localDate, startOfLocalDay } from '../../core/time';

type SyncStatus = z.infer<typeof syncStatus>;

function status(store: Store, running: boolean): SyncStatus {
  const m = (k: string) => store.meta(k) ?? null;
  const skew = m('sync_clock_skew_seconds');
  return {
    enrolled: m('sync_hq_url') !== null,
    hqUrl: m('sync_hq_url'),
    facilityName: m('sync_facility_name'),
    lastSuccessAt: m('sync_last_success'),
    lastAttemptAt: m('sync_last_attempt'),
    lastError: m('sync_last_error') || null,
    pending: pendingCount(store),
    ackedSeq: Number(m('sync_acked_seq') ?? 0),
    cursor: Number(m('sync_cursor') ?? 0),
    quarantined: (store.q.prepared('SELECT count(*) AS n FROM sync_quarantine').get() as { n: number }).n,
    clockSkewSeconds: skew === null ? null : Number(skew),
    running,
  };
}

function failure(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof HqUnreachable) return new ApiError({ code: 'rule', messageKey: 'error.sync.unreachable' });
  return new ApiError({ code: 'rule', messageKey: 'error.sync.failed' });
}

/**
 * The device side of sync: enrollment with HQ's one-time code, and "Sync now". Failures are kept with
 * their reason until the next success, so the screen can say honestly what is wrong.
 */
export function syncHandlers(inst: Installation, now: () => number): Handlers['sync'] {
  let running = false;
  const client = (store: Store) => new HqClient(store.meta('sync_hq_url')!, { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey });
  return {
    status: () => status(inst.requireStore(), running),
    enroll: async (input, env) => {
      const store = inst.requireStore();
      if (store.meta('sync_hq_url')) throw new ApiError({ code: 'conflict', messageKey: 'error.sync.alreadyEnrolled' });
      let res;
      try {
        res = await HqClient.enroll(input.hqUrl, {
          code: input.code,
          deviceId: store.device.deviceId,
          deviceName: store.device.name,
          publicKey: store.device.publicKey,
          facilityName: store.meta('facility_name') ?? '',
        });
      } catch (e) {
        throw failure(e);
      }
      store.command({ userId: env.session.userId }, env.method, (tx) => {
        store.setMeta('sync_hq_url', input.hqUrl);
        store.setMeta('sync_hq_public_key', res.hqPublicKey);
        store.setMeta('sync_facility_id', res.facilityId);
        store.setMeta('sync_facility_name', res.facilityName);
        tx.audit({ action: 'sync.enrolled', method: env.method, entityType: 'device', entityId: store.device.deviceId, outcome: 'ok', detail: JSON.stringify({ hq: input.hqUrl, facility: res.facilityName }) });
      });
      return status(store, running);
    },
    dayEnd: async (_input, env) => {
      const store = inst.requireStore();
      if (!store.meta('sync_hq_url')) throw new ApiError({ code: 'rule', messageKey: 'error.sync.notEnrolled' });
      const tz = store.settings.timeZone;
      const day = localDate(now(), tz);
      const from = new Date(startOfLocalDay(day, tz)).toISOString();
      const recordedThatDay = (store.q
        .prepared('SELECT count(*) AS n FROM events WHERE device_id = ? AND substr(hlc, 1, 24) >= ?')
        .get(store.device.deviceId, from) as { n: number }).n;
      const head = store.signHeadAt(store.chainHead.seq);
      let res;
      try {
        res = await client(store).manifest({ day, head, recordedThatDay });
      } catch (e) {
        throw failure(e);
      }
      store.audit({ actor: env.session.userId, action: res.complete ? 'sync.day_complete' : 'sync.day_incomplete', method: env.method, entityType: 'device', entityId: store.device.deviceId, outcome: 'ok', detail: JSON.stringify({ day, deviceSeq: head.seq, hqSeq: res.hqHead.seq }) });
      return { day, complete: res.complete, deviceSeq: head.seq, hqSeq: res.hqHead.seq, missing: res.missing, recordedThatDay };
    },
    run: async (_input, env) => {
      const store = inst.requireStore();
      if (!store.meta('sync_hq_url')) throw new ApiError({ code: 'rule', messageKey: 'error.sync.notEnrolled' });
      if (running) throw new ApiError({ code: 'conflict', messageKey: 'error.sync.alreadyRunning' });
      running = true;
      const started = new Date(now()).toISOString();
      store.setMeta('sync_last_attempt', started);
      try {
        const report = await runSync(store, client(store));
        store.command({ userId: env.session.userId }, env.method, (tx) => {
          store.setMeta('sync_last_success', new Date(now()).toISOString());
          store.setMeta('sync_last_error', '');
          if (report.serverTime) store.setMeta('sync_clock_skew_seconds', String(Math.round((Date.parse(report.serverTime) - now()) / 1000)));
          tx.audit({ action: 'sync.completed', method: env.method, entityType: 'device', entityId: store.device.deviceId, outcome: 'ok', detail: JSON.stringify({ pushed: report.pushed, pulled: report.pulled, quarantined: report.quarantined }) });
        });
        return { pushed: report.pushed, pulled: report.pulled, quarantined: report.quarantined, status: status(store, false) };
      } catch (e) {
        const err = failure(e);
        store.setMeta('sync_last_error', err.messageKey);
        store.audit({ actor: env.session.userId, action: 'sync.failed', method: env.method, entityType: 'device', entityId: store.device.deviceId, outcome: 'failed', detail: err.messageKey });
        throw err;
      } finally {
        running = false;
      }
    },
  };
}
