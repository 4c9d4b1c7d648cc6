/** A device restored from a backup (issue #13 §4, docs/backup.md): its report, its own events, older copies. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ownEventsRequest, ownEventsResponse, restoredRequest, restoredResponse, restoreLoss } from '../../core/sync-restore';
import { verifyChainHead } from '../../db/chain';
import type { HqDatabase } from '../db';
import { hqVault } from '../vault';
import { SyncRefusal, now } from './common';
import { storedEvent } from './pull';

/**
 * The copy of a device's identity a request comes from, against the one HQ accepts: a laptop restored
 * from a backup takes the next incarnation, so the old laptop, still alive with the same key, is
 * refused rather than allowed to write a second history under one `device_seq` (a fork HQ could only
 * refuse later, with less said). Null when the request may go on; otherwise the device's name.
 */
export async function supersededCopy(hq: HqDatabase, deviceId: string, header: string | undefined): Promise<{ device: string } | null> {
  const claimed = header !== undefined && /^\d{1,9}$/.test(header) ? Number(header) : 0;
  const device = await hq.db.selectFrom('devices').select(['name', 'incarnation']).where('device_id', '=', deviceId).executeTakeFirst();
  if (!device || claimed >= Number(device.incarnation)) return null;
  // Kept for the console's fleet view: two copies are alive, and one must be revoked.
  await hq.db.updateTable('devices').set({ superseded_seen_at: now() }).where('device_id', '=', deviceId).execute();
  return { device: device.name };
}

/**
 * The restored copy's report. Checked: the backup's head is signed by the device and, where HQ holds
 * that far, is HQ's own chain (a backup of this device, not another history). Recorded once per
 * `restoreId` with the next incarnation, and with what is lost: the old copy had said at its last
 * contact that `reported_pending` events were waiting beyond what HQ held; those HQ never received and
 * the restored copy does not hold are gone (`lost`), and the day-end manifest names them.
 */
export async function recordRestore(hq: HqDatabase, deviceId: string, input: z.output<typeof restoredRequest>): Promise<z.infer<typeof restoredResponse>> {
  return hq.db.transaction().execute(async (trx) => {
    // The same lock pushes take (hq/sync/push.ts): the head read here does not move until this commits.
    if (hq.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(727001)`.execute(trx);
    const device = await trx.selectFrom('devices').selectAll().where('device_id', '=', deviceId).executeTakeFirstOrThrow();
    const head = input.backupHead;
    if (!verifyChainHead(device.public_key, deviceId, head.seq, head.hash, head.signature)) throw new SyncRefusal(422, 'bad_head_signature');
    const hqSeq = Number(device.head_seq);
    if (head.seq > 0 && head.seq <= hqSeq) {
      const held = await trx.selectFrom('events').select('hash').where('device_id', '=', deviceId).where('device_seq', '=', head.seq).executeTakeFirst();
      if (held?.hash !== head.hash) throw new SyncRefusal(409, 'fork', hqSeq);
    }
    const hqHead = { seq: hqSeq, hash: device.head_hash };
    const repeat = await trx.selectFrom('device_restores').selectAll().where('restore_id', '=', input.restoreId).executeTakeFirst();
    if (repeat) {
      if (repeat.device_id !== deviceId) throw new SyncRefusal(409, 'fork', hqSeq);
      const lost = repeat.lost_from === null || repeat.lost_to === null ? null : { from: Number(repeat.lost_from), to: Number(repeat.lost_to), reportedAt: repeat.reported_at };
      return { incarnation: Number(repeat.incarnation), hqHead, lost, serverTime: now() };
    }
    const pending = device.reported_pending === null ? 0 : Number(device.reported_pending);
    const kept = Math.max(hqSeq, head.seq);
    const lost = hqSeq + pending > kept ? { from: kept + 1, to: hqSeq + pending, reportedAt: device.reported_at } : null;
    const incarnation = Number(device.incarnation) + 1;
    const at = now();
    await trx
      .insertInto('device_restores')
      .values({
        restore_id: input.restoreId,
        device_id: deviceId,
        incarnation,
        backup_seq: head.seq,
        backup_created_at: input.backupCreatedAt,
        hq_head_seq: hqSeq,
        reported_pending: device.reported_pending,
        reported_at: device.reported_at,
        lost_from: lost?.from ?? null,
        lost_to: lost?.to ?? null,
        restored_at: at,
      })
      .execute();
    // The old copy's count no longer describes anyone: the restored copy reports its own from now on.
    await trx.updateTable('devices').set({ incarnation, reported_pending: null, reported_at: null, last_seen_at: at }).where('device_id', '=', deviceId).execute();
    return { incarnation, hqHead, lost, serverTime: now() };
  });
}

/** This device's own events HQ holds after `after`, in chain order, for a restored copy to take back. */
export async function ownEvents(hq: HqDatabase, deviceId: string, input: z.output<typeof ownEventsRequest>): Promise<z.infer<typeof ownEventsResponse>> {
  const rows = await hq.db.selectFrom('events').selectAll().where('device_id', '=', deviceId).where('device_seq', '>', input.after).orderBy('device_seq').limit(input.limit).execute();
  const vault = await hqVault(hq);
  const events = rows.map((r) => {
    const { serverSeq: _serverSeq, ...event } = storedEvent(r, vault);
    return event;
  });
  return { events, more: rows.length === input.limit, serverTime: now() };
}

/** The latest restore of each device HQ recorded, for the console's fleet view. */
export async function latestRestores(hq: HqDatabase): Promise<Map<string, { restoredAt: string; incarnation: number; lost: number }>> {
  const rows = await hq.db.selectFrom('device_restores').selectAll().orderBy('restored_at').execute();
  const out = new Map<string, { restoredAt: string; incarnation: number; lost: number }>();
  for (const r of rows) {
    const lost = r.lost_from === null || r.lost_to === null ? 0 : Number(r.lost_to) - Number(r.lost_from) + 1;
    out.set(r.device_id, { restoredAt: r.restored_at, incarnation: Number(r.incarnation), lost });
  }
  return out;
}

/** Every restore HQ recorded for the device, with the range each lost, for the day-end manifest. */
export async function restoreLosses(hq: HqDatabase, deviceId: string): Promise<z.infer<typeof restoreLoss>[]> {
  const rows = await hq.db.selectFrom('device_restores').selectAll().where('device_id', '=', deviceId).orderBy('restored_at').execute();
  return rows.map((r) => {
    const from = r.lost_from === null ? null : Number(r.lost_from);
    const to = r.lost_to === null ? null : Number(r.lost_to);
    return { restoredAt: r.restored_at, backupSeq: Number(r.backup_seq), from, to, count: from !== null && to !== null ? to - from + 1 : 0, reportedAt: r.reported_at };
  });
}
