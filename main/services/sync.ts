import anyAscii from 'any-ascii';
import type { z } from 'zod';
import { ApiError } from '../../core/contract/errors';
import type { syncStatus } from '../../core/contract/sync';
import type { ReadStore, ServiceStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { byBytes, pendingCount } from '../sync/engine';
import { HqClient } from '../sync/hq-client';
import { readAttempts } from '../sync/attempts';
import { revocation, syncFailure, type SyncRunner } from '../sync/runner';
import { actor, rule } from './common';
import type { ServiceInstallation } from './installation';
import { localDate, startOfLocalDay } from '../../core/time';
import { eventsPerBundle, maxBundleContentBytes } from '../../core/sync';
import { BundleError, bundleKeyIdOf, openBundle, readBundleFile, sealBundle } from '../../db/bundle';
import { bundleKeys, currentBundleKey, facilityDevices, keepBundleKeys, keepFacilityState } from '../sync/facility';
import { verifyChainHead } from '../../db/chain';
import { rowToEvent, type EventRow } from '../../db/store';

type SyncStatus = z.infer<typeof syncStatus>;

/** "Növbətçi masası 1" → "Novbetci_masasi_1": a file name every USB stick and operating system accepts. */
function fileSafe(name: string): string {
  return (
    anyAscii(name)
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'device'
  );
}

/** What the sync screen needs beside the store: the run under way and the automatic schedule. */
export interface SyncDeps {
  runner: SyncRunner;
  nextAutoSyncAt: () => string | null;
}

function status(store: ReadStore, deps: SyncDeps): SyncStatus {
  const m = (k: string) => store.meta(k) ?? null;
  const skew = m('sync_clock_skew_seconds');
  const last = readAttempts(store)[0];
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
    lastOutcome: last?.outcome ?? null,
    running: deps.runner.running,
    progress: deps.runner.progress,
    autoSync: store.settings.autoSync,
    nextAutoSyncAt: deps.nextAutoSyncAt(),
    revoked: revocation(store),
  };
}

/**
 * The device side of sync: enrollment with HQ's one-time code, "Sync now" (through the runner the
 * automatic schedule shares, so two syncs never overlap), the day-end check and removable media.
 * Failures are kept with their reason, so the screen can say honestly what is wrong.
 */
export function syncHandlers(inst: ServiceInstallation, now: () => number, deps: SyncDeps): Handlers['sync'] {
  const client = (store: ServiceStore) =>
    new HqClient(store.meta('sync_hq_url')!, { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey, incarnation: Number(store.meta('sync_incarnation') ?? 0) });
  return {
    status: () => status(inst.readStore(), deps),
    history: () => ({ attempts: readAttempts(inst.readStore()) }),
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
        throw syncFailure(e);
      }
      store.command(actor(env), env.method, (tx) => {
        store.setMeta('sync_hq_url', input.hqUrl);
        store.setMeta('sync_hq_public_key', res.hqPublicKey);
        store.setMeta('sync_facility_id', res.facilityId);
        store.setMeta('sync_facility_name', res.facilityName);
        keepBundleKeys(store, [{ keyId: res.bundleKeyId, key: res.bundleKey }]);
        keepFacilityState(store, res);
        tx.audit({
          action: 'sync.enrolled',
          method: env.method,
          entityType: 'device',
          entityId: store.device.deviceId,
          outcome: 'ok',
          detail: JSON.stringify({ hq: input.hqUrl, facility: res.facilityName }),
        });
      });
      return status(store, deps);
    },
    dayEnd: async (_input, env) => {
      const store = inst.requireStore();
      if (!store.meta('sync_hq_url')) throw rule('error.sync.notEnrolled');
      const tz = store.settings.timeZone;
      const day = localDate(now(), tz);
      const from = new Date(startOfLocalDay(day, tz)).toISOString();
      const recordedThatDay = (store.q.prepared('SELECT count(*) AS n FROM events WHERE device_id = ? AND substr(hlc, 1, 24) >= ?').get(store.device.deviceId, from) as { n: number }).n;
      const head = store.signHeadAt(store.chainHead.seq);
      let res;
      try {
        res = await client(store).manifest({ day, head, recordedThatDay });
      } catch (e) {
        throw syncFailure(e);
      }
      store.audit({
        actor: env.session.userId,
        action: res.complete ? 'sync.day_complete' : 'sync.day_incomplete',
        method: env.method,
        entityType: 'device',
        entityId: store.device.deviceId,
        outcome: 'ok',
        detail: JSON.stringify({ day, deviceSeq: head.seq, hqSeq: res.hqHead.seq }),
      });
      return { day, complete: res.complete, deviceSeq: head.seq, hqSeq: res.hqHead.seq, missing: res.missing, recordedThatDay, restores: res.restores ?? [] };
    },
    exportBundles: (_input, env) => {
      const store = inst.requireStore();
      const key = currentBundleKey(store);
      if (!key) throw rule('error.sync.notEnrolled');
      const acked = Number(store.meta('sync_acked_seq') ?? 0);
      const rows = store.q.prepared('SELECT * FROM events WHERE device_id = ? AND device_seq > ? ORDER BY device_seq').all(store.device.deviceId, acked) as EventRow[];
      const createdAt = new Date(now()).toISOString();
      const files = [];
      // Cut by bytes as well as by count: each file must import through the router's 1 MiB limit.
      for (let i = 0; i < rows.length;) {
        const events = byBytes(rows.slice(i, i + eventsPerBundle).map(rowToEvent), maxBundleContentBytes);
        i += events.length;
        const last = events[events.length - 1]!;
        const file = sealBundle(
          { events, head: store.signHeadAt(last.deviceSeq) },
          {
            deviceId: store.device.deviceId,
            devicePrivateKey: store.devicePrivateKey,
            facilityId: store.meta('sync_facility_id')!,
            bundleKey: key.key,
            bundleKeyId: key.keyId,
            createdAt,
          },
        );
        files.push({
          fileName: `qeyd-${fileSafe(store.device.name)}-${events[0]!.deviceSeq}-${last.deviceSeq}.qeyd-bundle`,
          content: JSON.stringify(file),
          events: events.length,
          fromSeq: events[0]!.deviceSeq,
          toSeq: last.deviceSeq,
        });
      }
      store.audit({
        actor: env.session.userId,
        action: 'sync.bundle_exported',
        method: env.method,
        entityType: 'device',
        entityId: store.device.deviceId,
        outcome: 'ok',
        detail: JSON.stringify({ files: files.length, events: rows.length }),
      });
      return { files };
    },
    importBundle: (input, env) => {
      const store = inst.requireStore();
      if (!store.meta('sync_facility_id')) throw rule('error.sync.notEnrolled');
      const refuse = (reason: string) => new ApiError({ code: 'rule', messageKey: `error.bundle.${reason}`, fields: { content: { key: `error.bundle.${reason}` } } });
      let raw: unknown;
      try {
        raw = JSON.parse(input.content);
      } catch {
        throw rule('error.bundle.unreadable', 'content');
      }
      // The signer is looked up in the facility's devices as HQ listed them: a bundle naming a device not
      // there, or a revoked one, is refused whole, whatever key it was signed with.
      let named;
      try {
        named = readBundleFile(raw);
      } catch (e) {
        if (e instanceof BundleError) throw refuse(e.reason);
        throw e;
      }
      if (named.facilityId !== store.meta('sync_facility_id')) throw refuse('wrong_facility');
      const signer = facilityDevices(store).find((d) => d.deviceId === named.deviceId);
      if (!signer) throw refuse('unknown_device');
      if (signer.revokedAt) throw refuse('revoked_device');
      let opened;
      try {
        const key = bundleKeys(store).find((k) => k.keyId === bundleKeyIdOf(named));
        opened = openBundle(named, { facilityId: store.meta('sync_facility_id')!, bundleKey: key?.key ?? null, expectedPublicKey: signer.publicKey });
      } catch (e) {
        if (e instanceof BundleError) throw refuse(e.reason);
        if (e instanceof SyntaxError) throw refuse('unreadable');
        throw e;
      }
      const { file, content } = opened;
      const last = content.events[content.events.length - 1]!;
      if (content.head.seq !== last.deviceSeq || content.head.hash !== last.hash || !verifyChainHead(signer.publicKey, file.deviceId, last.deviceSeq, last.hash, content.head.signature)) {
        throw refuse('bad_signature');
      }
      let result;
      try {
        result = store.ingest(content.events);
      } catch {
        // The bundle does not continue the chain held here (earlier events came only through HQ): nothing applied.
        throw rule('error.bundle.gap');
      }
      store.audit({ actor: env.session.userId, action: 'sync.bundle_imported', method: env.method, entityType: 'device', entityId: file.deviceId, outcome: 'ok', detail: JSON.stringify(result) });
      return { ...result, fromDevice: file.deviceId };
    },
    run: async (_input, env) => {
      const store = inst.requireStore();
      if (!store.meta('sync_hq_url')) throw rule('error.sync.notEnrolled');
      const { report } = await deps.runner.runManual(env.session.userId, env.method);
      return { pushed: report.pushed, pulled: report.pulled, quarantined: report.quarantined, status: status(store, deps) };
    },
  };
}
