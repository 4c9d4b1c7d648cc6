import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiErrorShape, ErrorCode } from '../../core/contract/errors';
import { enrollRequest, manifestRequest, maxPullBatch, pushRequest } from '../../core/sync';
import { authHeaders, isEd25519PublicKey, requestNoncePattern, verifyRequest } from '../../db/device-auth';
import { defaultRequestWindowMinutes, type HqRequestConfig } from '../config';
import type { HqDatabase } from '../db';
import { checkManifest, pullEvents } from './pull';
import { enrollDevice } from './enroll';
import { facilityState } from './facility';
import { tracingRequestsForDevice } from './tracing-requests';
import { transfersForDevice } from './transfers';
import { transfersRequest } from '../../core/sync-transfers';
import { deviceUsersRequest } from '../../core/sync-users';
import { keepDeviceUsers } from './device-users';
import { lockEventLog, pushEvents } from './push';
import { nationalCheck } from './national';
import { nationalCheckRequest } from '../../core/sync-national';
import { SyncRefusal } from './common';
import { incarnationHeader, ownEventsRequest, restoredRequest } from '../../core/sync-restore';
import { ownEvents, recordRestore, restoreLosses, supersededCopy } from './restore';

const deviceIdSchema = z.uuid();

/** Nonces past their expiry are deleted at most this often, as requests arrive: one delete, not one per request. */
const pruneEveryMs = 60_000;

export interface SyncRouteOptions {
  requests?: Partial<HqRequestConfig>;
  /** HQ's clock in milliseconds, for the request window (tests move it) */
  clock?: () => number;
}

/** The host a request was sent to, read with the audience's scheme so a default port (":443") compares equal to none. */
function hostMatches(audience: URL, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  try {
    return new URL(`${audience.protocol}//${hostHeader}`).host === audience.host;
  } catch {
    return false;
  }
}

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
  /** the device's tracing cursor: sent by a device that keeps HQ's tracing requests (docs/sync.md#tracing-requests-to-a-centre) */
  tracingAfter: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

/**
 * Sync over HTTP: enrollment with a one-time code, then push and pull, each request signed by the
 * device key registered at enrollment. docs/sync.md describes the protocol and its guarantees.
 */
export function registerSyncRoutes(app: FastifyInstance, hq: HqDatabase, options: SyncRouteOptions = {}): void {
  const clock = options.clock ?? Date.now;
  const windowMs = (options.requests?.windowMinutes ?? defaultRequestWindowMinutes) * 60_000;
  const audiences = options.requests?.audiences ?? null;
  let prunedAt = -Infinity;
  // Keep the exact bytes (the device signed them; re-serialised JSON would not verify), but parse them
  // with Fastify's own hardened parser: empty bodies and prototype poisoning are still refused.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    void parseJson(request, body as string, done);
  });

  /**
   * A request is the device's only if its signature verifies (over method, audience, path, time, nonce
   * and body), was made for this HQ, within the window of HQ's clock, and its nonce was never seen: the
   * nonce is stored before the route runs, so a replay is refused and changes nothing
   * (docs/sync.md#authentication).
   */
  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = (name: string) => {
      const v = request.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const deviceId = header(authHeaders.device);
    const time = header(authHeaders.time);
    const nonce = header(authHeaders.nonce);
    const audience = header(authHeaders.audience);
    const signature = header(authHeaders.signature);
    if (deviceId === undefined || time === undefined || signature === undefined) return send(reply, 401, 'unauthenticated', 'error.sync.bad_signature');
    // Only a device id can name a device; anything else is not looked up (a NUL would fail in PostgreSQL).
    if (!deviceIdSchema.safeParse(deviceId).success) return send(reply, 401, 'unauthenticated', 'error.sync.unknown_device');
    const device = await hq.db.selectFrom('devices').select(['public_key', 'revoked_at', 'revoked_reason']).where('device_id', '=', deviceId).executeTakeFirst();
    if (!device) return send(reply, 401, 'unauthenticated', 'error.sync.unknown_device');
    const signed =
      nonce !== undefined &&
      audience !== undefined &&
      requestNoncePattern.test(nonce) &&
      verifyRequest(device.public_key, { method: request.method, audience, path: request.url, time, nonce, body: request.rawBody ?? '' }, signature);
    if (device.revoked_at) {
      // Every route, whatever it asks. When and why are told only to the device itself (its signature
      // verified), so that its sync screen can say it; anyone else who names the device learns no more.
      return signed ? send(reply, 403, 'forbidden', 'error.sync.revoked', { revokedAt: device.revoked_at, reason: device.revoked_reason ?? '' }) : send(reply, 403, 'forbidden', 'error.sync.revoked');
    }
    // A device from before signed requests carried these (qeyd-request-v1) is told to update, not that its key is wrong.
    if (nonce === undefined || audience === undefined) return send(reply, 401, 'unauthenticated', 'error.sync.outdated_device');
    if (!signed) return send(reply, 401, 'unauthenticated', 'error.sync.bad_signature');
    const addressed = URL.canParse(audience) ? new URL(audience) : null;
    const forUs = addressed !== null && addressed.origin === audience && (audiences ? audiences.includes(audience) : hostMatches(addressed, request.headers.host));
    if (!forUs) return send(reply, 401, 'unauthenticated', 'error.sync.wrong_audience');
    const hqNow = clock();
    const at = Date.parse(time);
    if (!Number.isFinite(at)) return send(reply, 401, 'unauthenticated', 'error.sync.bad_signature');
    if (Math.abs(hqNow - at) > windowMs) {
      // The offset as HQ measured it from the signed time: the device's sync screen shows it ("N minutes ahead/behind", main/sync/runner.ts).
      const minutes = Math.max(1, Math.round(Math.abs(at - hqNow) / 60_000));
      return send(reply, 401, 'unauthenticated', 'error.sync.clock_skew', { minutes, direction: at > hqNow ? 'ahead' : 'behind', offsetSeconds: Math.round((at - hqNow) / 1000) });
    }
    if (hqNow - prunedAt >= pruneEveryMs) {
      prunedAt = hqNow;
      await hq.db.deleteFrom('request_nonces').where('expires_at', '<', new Date(hqNow).toISOString()).execute();
    }
    // Kept until the request's time leaves the window: no copy of it could be accepted after that.
    const stored = await hq.db
      .insertInto('request_nonces')
      .values({ device_id: deviceId, nonce, expires_at: new Date(at + windowMs).toISOString() })
      .onConflict((oc) => oc.columns(['device_id', 'nonce']).doNothing())
      .executeTakeFirst();
    if (Number(stored.numInsertedOrUpdatedRows ?? 0n) !== 1) return send(reply, 401, 'unauthenticated', 'error.sync.replayed');
    // An older copy of an identity restored from a backup elsewhere (docs/backup.md#two-copies-of-one-device).
    const superseded = request.url === '/api/sync/restored' ? null : await supersededCopy(hq, deviceId, header(incarnationHeader));
    if (superseded) return send(reply, 409, 'conflict', 'error.sync.superseded_copy', { device: superseded.device, deviceId });
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
      // With the restores HQ recorded for the device and the events each lost (docs/backup.md).
      return { ok: true, result: { ...(await checkManifest(hq, request.deviceId!, parsed.data)), restores: await restoreLosses(hq, request.deviceId!) } };
    } catch (e) {
      if (e instanceof SyncRefusal) return refusal(reply, e);
      throw e;
    }
  });

  // A device restored from a backup (docs/backup.md): its report, then its own events HQ holds.
  app.post('/api/sync/restored', { preHandler: authenticate }, async (request, reply) => {
    const parsed = restoredRequest.safeParse(request.body);
    if (!parsed.success) return send(reply, 400, 'validation', 'error.validation');
    try {
      return { ok: true, result: await recordRestore(hq, request.deviceId!, parsed.data) };
    } catch (e) {
      if (e instanceof SyncRefusal) return refusal(reply, e);
      throw e;
    }
  });

  app.post('/api/sync/own-events', { preHandler: authenticate }, async (request, reply) => {
    const parsed = ownEventsRequest.safeParse(request.body);
    if (!parsed.success) return send(reply, 400, 'validation', 'error.validation');
    return { ok: true, result: await ownEvents(hq, request.deviceId!, parsed.data) };
  });

  // The national duplicate check (docs/sync.md#national-duplicate-check): audited and rate-limited per device.
  app.post('/api/sync/national-check', { preHandler: authenticate }, async (request, reply) => {
    const parsed = nationalCheckRequest.safeParse(request.body);
    if (!parsed.success) return send(reply, 400, 'validation', 'error.validation');
    try {
      return { ok: true, result: await nationalCheck(hq, (trx) => lockEventLog(trx, hq), request.deviceId!, parsed.data, clock) };
    } catch (e) {
      if (e instanceof SyncRefusal) return refusal(reply, e);
      throw e;
    }
  });

  // Transfers between centres (docs/sync.md#transfers-between-centres): audited and rate-limited per device.
  app.post('/api/sync/transfers', { preHandler: authenticate }, async (request, reply) => {
    const parsed = transfersRequest.safeParse(request.body);
    if (!parsed.success) return send(reply, 400, 'validation', 'error.validation');
    try {
      return { ok: true, result: await transfersForDevice(hq, request.deviceId!, parsed.data, clock) };
    } catch (e) {
      if (e instanceof SyncRefusal) return refusal(reply, e);
      throw e;
    }
  });

  // The device's users' display names, for the console's timeline (issue #16 §6); bad input changes nothing.
  app.post('/api/sync/users', { preHandler: authenticate }, async (request, reply) => {
    const parsed = deviceUsersRequest.safeParse(request.body);
    if (!parsed.success) return send(reply, 400, 'validation', 'error.validation');
    return { ok: true, result: await keepDeviceUsers(hq, request.deviceId!, parsed.data, clock()) };
  });

  app.get('/api/sync/pull', { preHandler: authenticate }, async (request, reply) => {
    const parsed = pullQuery.safeParse(request.query);
    if (!parsed.success) return send(reply, 400, 'validation', 'error.validation');
    if (parsed.data.queued !== undefined) {
      const at = new Date().toISOString();
      await hq.db.updateTable('devices').set({ reported_pending: parsed.data.queued, reported_at: at, last_seen_at: at }).where('device_id', '=', request.deviceId!).execute();
    }
    const events = await pullEvents(hq, request.deviceId!, parsed.data.after, parsed.data.limit);
    const tracing = parsed.data.tracingAfter === undefined ? {} : await tracingRequestsForDevice(hq, request.deviceId!, parsed.data.tracingAfter);
    return { ok: true, result: { ...events, ...(await facilityState(hq, request.deviceId!)), ...tracing } };
  });
}
