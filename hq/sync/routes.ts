import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiErrorShape, ErrorCode } from '../../core/contract/errors';
import { enrollRequest, manifestRequest, maxPullBatch, pushRequest } from '../../core/sync';
import { authHeaders, isEd25519PublicKey, verifyRequest } from '../../db/device-auth';
import type { HqDatabase } from '../db';
import { checkManifest, pullEvents } from './pull';
import { enrollDevice } from './enroll';
import { pushEvents } from './push';
import { SyncRefusal } from './common';

const deviceIdSchema = z.uuid();

/** A signed request older or newer than this is refused: it bounds replay of a captured request. */
const maxRequestAgeMs = 7 * 86_400_000;

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
    deviceId?: string;
  }
}

function send(reply: FastifyReply, status: number, code: ErrorCode, messageKey: string, params?: ApiErrorShape['params']) {
  return reply.code(status).send({ ok: false, error: params ? { code, messageKey, params } : { code, messageKey } });
}

function refusal(reply: FastifyReply, e: SyncRefusal) {
  const code: ErrorCode = e.status === 400 ? 'validation' : e.status === 403 ? 'forbidden' : e.status === 409 ? 'conflict' : 'rule';
  return send(reply, e.status, code, `error.sync.${e.reason}`, e.ackedSeq === undefined ? undefined : { ackedSeq: e.ackedSeq });
}

const pullQuery = z.object({
  // server_seq is a 64-bit column; JavaScript counts exactly up to 2^53 (hq/db.ts).
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(maxPullBatch).default(1000),
  /** the device's own count of events still waiting to go, for HQ's console */
  queued: z.coerce.number().int().min(0).max(1e9).optional(),
});

/**
 * Sync over HTTP: enrollment with a one-time code, then push and pull, each request signed by the
 * device key registered at enrollment. docs/sync.md describes the protocol and its guarantees.
 */
export function registerSyncRoutes(app: FastifyInstance, hq: HqDatabase): void {
  // Keep the exact bytes (the device signed them; re-serialised JSON would not verify), but parse them
  // with Fastify's own hardened parser: empty bodies and prototype poisoning are still refused.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    void parseJson(request, body as string, done);
  });

  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const deviceId = request.headers[authHeaders.device];
    const time = request.headers[authHeaders.time];
    const signature = request.headers[authHeaders.signature];
    if (typeof deviceId !== 'string' || typeof time !== 'string' || typeof signature !== 'string') return send(reply, 401, 'unauthenticated', 'error.sync.bad_signature');
    // Only a device id can name a device; anything else is not looked up (a NUL would fail in PostgreSQL).
    if (!deviceIdSchema.safeParse(deviceId).success) return send(reply, 401, 'unauthenticated', 'error.sync.unknown_device');
    const device = await hq.db.selectFrom('devices').select(['public_key', 'revoked_at']).where('device_id', '=', deviceId).executeTakeFirst();
    if (!device) return send(reply, 401, 'unauthenticated', 'error.sync.unknown_device');
    if (device.revoked_at) return send(reply, 403, 'forbidden', 'error.sync.revoked');
    const at = Date.parse(time);
    if (!Number.isFinite(at) || Math.abs(Date.now() - at) > maxRequestAgeMs) return send(reply, 401, 'unauthenticated', 'error.sync.clock');
    if (!verifyRequest(device.public_key, request.method, request.url, time, request.rawBody ?? '', signature)) {
      return send(reply, 401, 'unauthenticated', 'error.sync.bad_signature');
    }
    request.deviceId = deviceId;
  };

  app.post('/api/enroll', async (request, reply) => {
    const parsed = enrollRequest.safeParse(request.body);
    if (!parsed.success) return send(reply, 400, 'validation', 'error.validation');
    if (!isEd25519PublicKey(parsed.data.publicKey)) return send(reply, 400, 'validation', 'error.sync.bad_public_key');
    try {
      return { ok: true, result: await enrollDevice(hq, parsed.data) };
    } catch (e) {
      if (e instanceof SyncRefusal) return refusal(reply, e);
      throw e;
    }
  });

  app.post('/api/sync/push', { preHandler: authenticate }, async (request, reply) => {
    const parsed = pushRequest.safeParse(request.body);
    if (!parsed.success) return send(reply, 400, 'validation', 'error.validation');
    try {
      return { ok: true, result: await pushEvents(hq, request.deviceId!, parsed.data) };
    } catch (e) {
      if (e instanceof SyncRefusal) return refusal(reply, e);
      throw e;
    }
  });

  app.post('/api/sync/manifest', { preHandler: authenticate }, async (request, reply) => {
    const parsed = manifestRequest.safeParse(request.body);
    if (!parsed.success) return send(reply, 400, 'validation', 'error.validation');
    try {
      return { ok: true, result: await checkManifest(hq, request.deviceId!, parsed.data) };
    } catch (e) {
      if (e instanceof SyncRefusal) return refusal(reply, e);
      throw e;
    }
  });

  app.get('/api/sync/pull', { preHandler: authenticate }, async (request, reply) => {
    const parsed = pullQuery.safeParse(request.query);
    if (!parsed.success) return send(reply, 400, 'validation', 'error.validation');
    if (parsed.data.queued !== undefined) {
      const at = new Date().toISOString();
      await hq.db.updateTable('devices').set({ reported_pending: parsed.data.queued, reported_at: at, last_seen_at: at }).where('device_id', '=', request.deviceId!).execute();
    }
    return { ok: true, result: await pullEvents(hq, request.deviceId!, parsed.data.after, parsed.data.limit) };
  });
}
