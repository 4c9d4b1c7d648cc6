/** Pull and the day-end manifest (docs/architecture.md §5). */
import type { z } from 'zod';
import type { EventRecord } from '../../core/events';
import { type manifestRequest, type manifestResponse, type pullResponse } from '../../core/sync';
import { verifyChainHead } from '../../db/chain';
import type { HqDatabase } from '../db';
import type { HqEvent } from '../schema';
import { hqVault, type HqVault } from '../vault';
import { SyncRefusal, now } from './common';

/**
 * An event as HQ stores it, in the form devices and HQ's console apply (with its server_seq and
 * quarantine): its payload opened, exactly the bytes the device hashed.
 */
export function storedEvent(r: HqEvent, vault: HqVault): EventRecord & { serverSeq: number; quarantined: string | null } {
  return {
    eventId: r.event_id,
    deviceId: r.device_id,
    deviceSeq: Number(r.device_seq),
    hlc: r.hlc,
    actor: r.actor,
    type: r.type,
    entityId: r.entity_id,
    payload: vault.openPayload(r.event_id, r.payload),
    schemaVersion: Number(r.schema_version),
    supersedes: JSON.parse(r.supersedes) as string[],
    prevHash: r.prev_hash,
    hash: r.hash,
    serverSeq: Number(r.server_seq),
    quarantined: r.quarantine_reason,
  };
}

/**
 * A pull: events of the device's own facility made by other devices, after the cursor, in server
 * order. A quarantined event is sent with its reason (the chain after it depends on it) and the device
 * keeps it without applying it. The cursor moves past everything examined.
 */
export async function pullEvents(hq: HqDatabase, deviceId: string, after: number, limit: number): Promise<z.infer<typeof pullResponse>> {
  const device = await hq.db.selectFrom('devices').select(['facility_id']).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  const rows = await hq.db
    .selectFrom('events as e')
    .innerJoin('devices as d', 'd.device_id', 'e.device_id')
    .selectAll('e')
    .where('d.facility_id', '=', device.facility_id)
    .where('e.server_seq', '>', after)
    .orderBy('e.server_seq')
    .limit(limit)
    .execute();
  const cursor = rows.length ? rows[rows.length - 1]!.server_seq : after;
  const vault = await hqVault(hq);
  const events = rows.filter((r) => r.device_id !== deviceId).map((r) => storedEvent(r, vault));
  return { events, cursor, more: rows.length === limit, serverTime: now() };
}

/**
 * The day-end check: the device's signed head against what HQ holds. Complete when HQ holds exactly
 * that chain; otherwise the missing range is named. A head that does not verify is refused.
 */
export async function checkManifest(hq: HqDatabase, deviceId: string, input: z.output<typeof manifestRequest>): Promise<z.infer<typeof manifestResponse>> {
  const device = await hq.db.selectFrom('devices').selectAll().where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  if (!verifyChainHead(device.public_key, deviceId, input.head.seq, input.head.hash, input.head.signature)) throw new SyncRefusal(422, 'bad_head_signature');
  const hqHead = { seq: device.head_seq, hash: device.head_hash };
  if (hqHead.seq > input.head.seq) {
    const stored = await hq.db.selectFrom('events').select('hash').where('device_id', '=', deviceId).where('device_seq', '=', input.head.seq).executeTakeFirst();
    if (input.head.seq > 0 && stored?.hash !== input.head.hash) throw new SyncRefusal(409, 'fork', hqHead.seq);
  }
  const complete = hqHead.seq === input.head.seq && hqHead.hash === input.head.hash;
  if (!complete && hqHead.seq === input.head.seq) throw new SyncRefusal(409, 'fork', hqHead.seq);
  return {
    complete,
    hqHead,
    missing: hqHead.seq < input.head.seq ? { from: hqHead.seq + 1, to: input.head.seq } : null,
    serverTime: now(),
  };
}
