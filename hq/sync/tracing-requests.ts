/**
 * HQ's tracing requests to centres (issue #14 §3, docs/sync.md#tracing-requests-to-a-centre): made at the
 * console, kept sealed, handed to the facility's devices with their pulls. Only the requester's category
 * is kept here and sent, never their name or contact (those stay with the inquiry in the console's store).
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { requesterCategory, tracingRequestKind, type CentreRequestRecord } from '../../core/contract/tracing-shared';
import { maxTracingRequestsPerPull, type tracingRequestDelivery } from '../../core/sync';
import type { HqDatabase } from '../db';
import { hqVault, type HqVault } from '../vault';

/** What a request holds beyond its clear columns, sealed under HQ's data key. */
const sealedContent = z.object({ personId: z.string(), kinds: z.array(tracingRequestKind), requesterCategory, askedBy: z.string() }).strict();

/** A request as HQ keeps it: one shape with what the console reads (core/contract/tracing-shared.ts). */
export type TracingRequest = CentreRequestRecord;

/** The label the content is sealed under: bound to its request, so a sealed value moved to another row does not open. */
const label = (requestId: string) => `tracing_request:${requestId}`;

function open(vault: HqVault, r: { request_id: string; inquiry_id: string; facility_id: string; content: string; asked_at: string }): TracingRequest {
  const c = sealedContent.parse(JSON.parse(vault.openSecret(label(r.request_id), r.content)));
  return {
    requestId: r.request_id,
    inquiryId: r.inquiry_id,
    facilityId: r.facility_id,
    personId: c.personId,
    kinds: c.kinds,
    requesterCategory: c.requesterCategory,
    askedAt: r.asked_at,
    askedBy: c.askedBy,
  };
}

// Any constant unlike the event log's (727001): requests are numbered in commit order, as events are.
const requestLockKey = 727_014;

/**
 * Stores a request for its facility. On PostgreSQL the insert runs under an advisory lock, so `request_seq`
 * (a device's tracing cursor) commits in order: a pull never steps past a request that commits later.
 */
export async function insertTracingRequest(hq: HqDatabase, r: TracingRequest): Promise<void> {
  const vault = await hqVault(hq);
  const content = vault.sealSecret(label(r.requestId), JSON.stringify(sealedContent.parse({ personId: r.personId, kinds: r.kinds, requesterCategory: r.requesterCategory, askedBy: r.askedBy })));
  await hq.db.transaction().execute(async (trx) => {
    if (hq.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${sql.lit(requestLockKey)})`.execute(trx);
    await trx.insertInto('tracing_requests').values({ request_id: r.requestId, inquiry_id: r.inquiryId, facility_id: r.facilityId, content, asked_at: r.askedAt }).execute();
  });
}

/** Every request made for one inquiry, oldest first. */
export async function tracingRequestsOfInquiry(hq: HqDatabase, inquiryId: string): Promise<TracingRequest[]> {
  const rows = await hq.db.selectFrom('tracing_requests').selectAll().where('inquiry_id', '=', inquiryId).orderBy('request_seq').execute();
  const vault = await hqVault(hq);
  return rows.map((r) => open(vault, r));
}

/**
 * The requests for the device's own facility after its tracing cursor: a device of another facility never
 * receives them. The cursor moves past everything examined; a device stores each once by its id.
 */
export async function tracingRequestsForDevice(hq: HqDatabase, deviceId: string, after: number): Promise<{ tracingRequests: z.infer<typeof tracingRequestDelivery>[]; tracingCursor: number }> {
  const device = await hq.db.selectFrom('devices').select('facility_id').where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  const rows = await hq.db
    .selectFrom('tracing_requests')
    .selectAll()
    .where('facility_id', '=', device.facility_id)
    .where('request_seq', '>', after)
    .orderBy('request_seq')
    .limit(maxTracingRequestsPerPull)
    .execute();
  const vault = await hqVault(hq);
  return {
    tracingRequests: rows.map((row) => {
      const r = open(vault, row);
      return { requestId: r.requestId, personId: r.personId, kinds: r.kinds, requesterCategory: r.requesterCategory, askedAt: r.askedAt };
    }),
    tracingCursor: rows.length ? Number(rows[rows.length - 1]!.request_seq) : after,
  };
}
