import type { z } from 'zod';
import { apiErrorSchema, ApiError } from '../../core/contract/errors';
import { enrollResponse, manifestResponse, pullResponse, pushResponse } from '../../core/sync';
import { requestAudience, signedRequestHeaders } from '../../db/device-auth';
import { nationalCheckResponse, type NationalCheckRequest } from '../../core/sync-national';
import { incarnationHeader, manifestLosses, ownEventsResponse, restoredResponse } from '../../core/sync-restore';
import { transfersResponse, type transfersRequest } from '../../core/sync-transfers';
import { deviceUsersResponse, type DeviceUsersRequest } from '../../core/sync-users';

/** A timeout keeps a dead link from hanging the duty desk. */
const requestTimeoutMs = 30_000;

export interface DeviceCredentials {
  deviceId: string;
  privateKey: string;
  /** which copy of this identity HQ accepted last (raised by a restore from backup, docs/backup.md) */
  incarnation?: number;
}

export class HqUnreachable extends Error {
  constructor(cause: unknown) {
    super(`HQ is not reachable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'HqUnreachable';
  }
}

async function request<T extends z.ZodType>(url: string, init: RequestInit, schema: T, timeoutMs = requestTimeoutMs): Promise<z.output<T>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new HqUnreachable(e);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch (e) {
    throw new HqUnreachable(e);
  }
  const envelope = body as { ok?: boolean; result?: unknown; error?: unknown };
  if (envelope.ok === true) return schema.parse(envelope.result);
  const error = apiErrorSchema.safeParse(envelope.error);
  throw error.success ? new ApiError(error.data) : new HqUnreachable(`HTTP ${res.status}`);
}

/** The HQ API as a device sees it: enrollment, then signed push and pull. */
export class HqClient {
  constructor(
    readonly baseUrl: string,
    private readonly credentials: DeviceCredentials,
  ) {}

  private signed(method: 'GET' | 'POST', path: string, body: string): RequestInit {
    // Signed for this HQ only, with a fresh nonce and the current time (db/device-auth.ts).
    const auth = signedRequestHeaders(this.credentials.privateKey, this.credentials.deviceId, { method, audience: requestAudience(this.baseUrl), path, body });
    return {
      method,
      headers: { ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...auth, [incarnationHeader]: String(this.credentials.incarnation ?? 0) },
      ...(method === 'POST' ? { body } : {}),
    };
  }

  static enroll(baseUrl: string, input: { code: string; deviceId: string; deviceName: string; publicKey: string; facilityName: string }) {
    return request(new URL('/api/enroll', baseUrl).toString(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) }, enrollResponse);
  }

  push(body: unknown) {
    const text = JSON.stringify(body);
    return request(new URL('/api/sync/push', this.baseUrl).toString(), this.signed('POST', '/api/sync/push', text), pushResponse);
  }

  manifest(body: unknown) {
    const text = JSON.stringify(body);
    return request(new URL('/api/sync/manifest', this.baseUrl).toString(), this.signed('POST', '/api/sync/manifest', text), manifestResponse.extend(manifestLosses.shape));
  }

  /** A restored copy's report (main/sync/restore.ts); from its answer on, requests carry the new incarnation. */
  async restored(body: unknown) {
    const text = JSON.stringify(body);
    const res = await request(new URL('/api/sync/restored', this.baseUrl).toString(), this.signed('POST', '/api/sync/restored', text), restoredResponse);
    this.credentials.incarnation = res.incarnation;
    return res;
  }

  ownEvents(body: unknown) {
    const text = JSON.stringify(body);
    return request(new URL('/api/sync/own-events', this.baseUrl).toString(), this.signed('POST', '/api/sync/own-events', text), ownEventsResponse);
  }

  /** The national duplicate check (docs/sync.md#national-duplicate-check); the intake waits only `timeoutMs` for it. */
  nationalCheck(body: NationalCheckRequest, timeoutMs: number) {
    const text = JSON.stringify(body);
    return request(new URL('/api/sync/national-check', this.baseUrl).toString(), this.signed('POST', '/api/sync/national-check', text), nationalCheckResponse, timeoutMs);
  }

  /** Transfers between centres (docs/sync.md#transfers-between-centres): the facility list, packages for this facility, outcomes of its dispatches. */
  transfers(body: z.input<typeof transfersRequest>) {
    const text = JSON.stringify(body);
    return request(new URL('/api/sync/transfers', this.baseUrl).toString(), this.signed('POST', '/api/sync/transfers', text), transfersResponse);
  }

  /** This device's users' ids and display names, for HQ's console (main/sync/users.ts). */
  users(body: DeviceUsersRequest) {
    const text = JSON.stringify(body);
    return request(new URL('/api/sync/users', this.baseUrl).toString(), this.signed('POST', '/api/sync/users', text), deviceUsersResponse);
  }

  pull(after: number, limit: number, queued?: number, tracingAfter?: number) {
    const path = `/api/sync/pull?after=${after}&limit=${limit}${queued === undefined ? '' : `&queued=${queued}`}${tracingAfter === undefined ? '' : `&tracingAfter=${tracingAfter}`}`;
    return request(new URL(path, this.baseUrl).toString(), this.signed('GET', path, ''), pullResponse);
  }
}
