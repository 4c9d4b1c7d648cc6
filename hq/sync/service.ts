import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { eventCatalog, isEventType, type EventRecord } from '../../core/events';
import type { enrollRequest, manifestRequest, manifestResponse, pullResponse, pushRequest, pushResponse } from '../../core/sync';
import { generateDeviceKeyPair, verifyChainHead, verifyChainRun } from '../../db/chain';
import { receiptMessage, signWith } from '../../db/device-auth';
import type { HqDatabase } from '../db';
import type { HqSchema } from '../schema';

export class SyncRefusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly ackedSeq?: number,
  ) {
    super(`sync refused: ${reason}`);
  }
}

const now = () => new Date().toISOString();

/** HQ's own Ed25519 key pair, made on first use and kept in the HQ database. */
export async function hqKeyPair(hq: HqDatabase): Promise<{ publicKey: string; privateKey: string }> {
  const rows = await hq.db.selectFrom('hq_meta').selectAll().where('key', 'in', ['hq_public_key', 'hq_private_key']).execute();
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  if (get('hq_public_key') && get('hq_private_key')) return { publicKey: get('hq_public_key')!, privateKey: get('hq_private_key')! };
  const keys = generateDeviceKeyPair();
  // Two HQ processes starting at once: the first insert wins and both read it back.
  await hq.db
    .insertInto('hq_meta')
    .values([
      { key: 'hq_public_key', value: keys.publicKey },
      { key: 'hq_private_key', value: keys.privateKey },
    ])
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return hqKeyPair(hq);
}

const codeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const hashCode = (code: string) => createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest('hex');

/** A one-time enrollment code for a facility (created by an HQ administrator), valid for some days. */
export async function createEnrollmentCode(hq: HqDatabase, facility: { name: string; kind: string }, validDays = 7): Promise<{ code: string; facilityId: string; expiresAt: string }> {
  let row = await hq.db.selectFrom('facilities').selectAll().where('name', '=', facility.name).executeTakeFirst();
  if (!row) {
    row = { facility_id: randomUUID(), name: facility.name, kind: facility.kind, created_at: now() };
    await hq.db.insertInto('facilities').values(row).execute();
  }
  const bytes = randomBytes(12);
  const raw = [...bytes].map((b) => codeAlphabet[b & 31]).join('');
  const code = raw.match(/.{4}/g)!.join('-');
  const expiresAt = new Date(Date.now() + validDays * 86_400_000).toISOString();
  await hq.db.insertInto('enrollment_codes').values({ code_hash: hashCode(code), facility_id: row.facility_id, created_at: now(), expires_at: expiresAt, used_at: null }).execute();
  return { code, facilityId: row.facility_id, expiresAt };
}

/** Enrollment: a valid unused code binds the device's public key to the code's facility, once. */
export async function enrollDevice(hq: HqDatabase, input: z.output<typeof enrollRequest>) {
  const keys = await hqKeyPair(hq);
  return hq.db.transaction().execute(async (trx) => {
    const code = await trx.selectFrom('enrollment_codes').selectAll().where('code_hash', '=', hashCode(input.code)).executeTakeFirst();
    if (!code || code.used_at || code.expires_at < now()) throw new SyncRefusal(403, 'bad_code');
    const existing = await trx.selectFrom('devices').select('device_id').where('device_id', '=', input.deviceId).executeTakeFirst();
    if (existing) throw new SyncRefusal(409, 'already_enrolled');
    await trx.updateTable('enrollment_codes').set({ used_at: now() }).where('code_hash', '=', code.code_hash).where('used_at', 'is', null).execute();
    await trx
      .insertInto('devices')
      .values({ device_id: input.deviceId, facility_id: code.facility_id, name: input.deviceName, public_key: input.publicKey, enrolled_at: now(), revoked_at: null, last_seen_at: null, head_signature: null })
      .execute();
    const facility = await trx.selectFrom('facilities').selectAll().where('facility_id', '=', code.facility_id).executeTakeFirstOrThrow();
    return { facilityId: facility.facility_id, facilityName: facility.name, hqPublicKey: keys.publicKey, serverTime: now() };
  });
}

/** Serialises event inserts so that server_seq order is commit order (PostgreSQL hands out identities at insert). */
async function lockEventLog(trx: Transaction<HqSchema>, hq: HqDatabase): Promise<void> {
  if (hq.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(727001)`.execute(trx);
}

/** Why an intact event cannot be applied, or null: it is still stored (the chain needs it), but quarantined. */
function quarantineReason(e: EventRecord): string | null {
  if (!isEventType(e.type)) return 'unknown_type';
  let payload: unknown;
  try {
    payload = JSON.parse(e.payload);
  } catch {
    return 'invalid_json';
  }
  const spec = eventCatalog[e.type];
  if (e.schemaVersion > spec.schemaVersion) return 'newer_schema';
  return spec.payload.safeParse(payload).success ? null : 'invalid_payload';
}

/**
 * A push: the device's events continue the chain HQ holds for it, and the signed head vouches for the
 * batch. Stored idempotently (a repeat is recognised by hash, a fork is refused), acknowledged only
 * after the transaction committed, with HQ's signed receipt.
 */
export async function pushEvents(hq: HqDatabase, deviceId: string, input: z.output<typeof pushRequest>): Promise<z.infer<typeof pushResponse>> {
  const keys = await hqKeyPair(hq);
  const events = [...input.events].sort((a, b) => a.deviceSeq - b.deviceSeq);
  if (events.some((e) => e.deviceId !== deviceId)) throw new SyncRefusal(403, 'foreign_device');
  const result = await hq.db.transaction().execute(async (trx) => {
    await lockEventLog(trx, hq);
    const device = await trx.selectFrom('devices').selectAll().where('device_id', '=', deviceId).executeTakeFirstOrThrow();
    const head = { seq: device.head_seq, hash: device.head_hash };
    const known = events.filter((e) => e.deviceSeq <= head.seq);
    if (known.length) {
      const stored = await trx
        .selectFrom('events')
        .select(['device_seq', 'hash'])
        .where('device_id', '=', deviceId)
        .where('device_seq', 'in', known.map((e) => e.deviceSeq))
        .execute();
      const byseq = new Map(stored.map((s) => [s.device_seq, s.hash]));
      // Same sequence number, different content: the device's history was rewritten. Never overwrite.
      if (known.some((e) => byseq.get(e.deviceSeq) !== e.hash)) throw new SyncRefusal(409, 'fork', head.seq);
    }
    const fresh = events.filter((e) => e.deviceSeq > head.seq);
    const quarantined: { deviceSeq: number; reason: string }[] = [];
    if (fresh.length) {
      if (fresh[0]!.deviceSeq !== head.seq + 1) throw new SyncRefusal(409, 'gap', head.seq);
      const broken = verifyChainRun(fresh, head);
      if (broken) throw new SyncRefusal(422, broken.reason === 'gap' ? 'gap' : 'bad_chain', head.seq);
      const last = fresh[fresh.length - 1]!;
      if (input.head.seq !== last.deviceSeq || input.head.hash !== last.hash || !verifyChainHead(device.public_key, deviceId, last.deviceSeq, last.hash, input.head.signature)) {
        throw new SyncRefusal(422, 'bad_head_signature', head.seq);
      }
      const receivedAt = now();
      const rows = fresh.map((e) => {
        const reason = quarantineReason(e);
        if (reason) quarantined.push({ deviceSeq: e.deviceSeq, reason });
        return {
          event_id: e.eventId,
          device_id: e.deviceId,
          device_seq: e.deviceSeq,
          hlc: e.hlc,
          actor: e.actor,
          type: e.type,
          entity_id: e.entityId,
          payload: e.payload,
          schema_version: e.schemaVersion,
          supersedes: JSON.stringify(e.supersedes),
          prev_hash: e.prevHash,
          hash: e.hash,
          received_at: receivedAt,
          quarantine_reason: reason,
        };
      });
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('events').values(rows.slice(i, i + 500)).execute();
      await trx
        .updateTable('devices')
        .set({ head_seq: last.deviceSeq, head_hash: last.hash, head_signature: input.head.signature, last_seen_at: receivedAt })
        .where('device_id', '=', deviceId)
        .execute();
      return { ackedSeq: last.deviceSeq, ackedHash: last.hash, stored: fresh.length, duplicates: known.length, quarantined };
    }
    return { ackedSeq: head.seq, ackedHash: head.hash, stored: 0, duplicates: known.length, quarantined };
  });
  // Only now, after the commit, does the device learn what HQ holds.
  return {
    ackedSeq: result.ackedSeq,
    receipt: signWith(keys.privateKey, receiptMessage(deviceId, result.ackedSeq, result.ackedHash)),
    stored: result.stored,
    duplicates: result.duplicates,
    quarantined: result.quarantined,
    serverTime: now(),
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
  const events = rows
    .filter((r) => r.device_id !== deviceId)
    .map((r) => ({
      eventId: r.event_id,
      deviceId: r.device_id,
      deviceSeq: r.device_seq,
      hlc: r.hlc,
      actor: r.actor,
      type: r.type,
      entityId: r.entity_id,
      payload: r.payload,
      schemaVersion: r.schema_version,
      supersedes: JSON.parse(r.supersedes) as string[],
      prevHash: r.prev_hash,
      hash: r.hash,
      serverSeq: r.server_seq,
      quarantined: r.quarantine_reason,
    }));
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
