import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import type { ApiErrorShape, ErrorCode } from '../core/contract/errors';
import { maxSyncBodyBytes } from '../core/sync';
import { illFormedPath } from '../core/well-formed';
import type { HqDatabase } from './db';
import { readHqSchemaVersion } from './migrate';
import { registerSyncRoutes, type SyncRouteOptions } from './sync/routes';
import type { CallHandler } from '../main/api/call-context';
import { registerConsoleRoutes } from './console/routes';

/** A day-end push of a busy centre fits comfortably; anything bigger is split into batches by the device (by count and by bytes). */
export const hqBodyLimit = maxSyncBodyBytes;

/**
 * The same strict policy the desktop window enforces. Every HQ response today is JSON, which a browser
 * never executes, but HQ staff views will be served from here later and must not start out permissive.
 */
export const hqContentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const hqHealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  service: z.literal('qeyd-hq'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  schemaVersion: z.number().int().nonnegative().optional(),
});
export type HqHealth = z.infer<typeof hqHealthSchema>;

export interface HqServerOptions {
  db: HqDatabase;
  /** the application version reported by /health (package.json's) */
  version: string;
  /** off unless asked: request logs would put device ids and addresses in files nobody rotates */
  logger?: FastifyServerOptions['logger'];
  /** HQ staff's console (hq/console): its backend and the built renderer it serves */
  console?: { backend: CallHandler; staticRoot: string };
  /** the audiences and window of signed device requests (config.ts); defaults: the Host header, 5 minutes */
  requests?: SyncRouteOptions['requests'];
  /** whom to believe about the client's protocol and address (config.ts QEYD_HQ_TRUST_PROXY); default: nobody */
  trustProxy?: boolean | string[];
  /** HQ's clock for the request window; tests move it */
  clock?: SyncRouteOptions['clock'];
}

function securityHeaders(reply: FastifyReply): void {
  // Records must never linger in a proxy or browser cache; a future static asset may opt in explicitly.
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  reply.header('content-security-policy', hqContentSecurityPolicy);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
}

/** The error envelope the whole system uses (core/contract/errors.ts), so clients handle HQ failures alike. */
function refuse(reply: FastifyReply, status: number, code: ErrorCode, messageKey: string, params?: ApiErrorShape['params']) {
  const error: ApiErrorShape = params ? { code, messageKey, params } : { code, messageKey };
  return reply.code(status).type('application/json; charset=utf-8').send({ ok: false, error });
}

/**
 * The HQ HTTP server, not yet listening: tests use `inject`, and start.ts calls `listen`. It serves
 * device enrollment and sync, and, when given one, HQ staff's console.
 */
export function buildHqServer({ db, version, logger = false, console: hqConsole, requests, clock, trustProxy = false }: HqServerOptions): FastifyInstance {
  const app = Fastify({
    // Behind the TLS proxy (docs/hq-console.md) request.protocol is then https, and the console's cookie Secure.
    trustProxy,
    logger,
    bodyLimit: hqBodyLimit,
    // Prototype-pollution payloads are refused outright rather than silently stripped.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A path Fastify cannot even route (`/rpc/%ZZ`, an over-long parameter) gets our envelope, not
    // Fastify's own body; these replies skip the hooks, so the headers are set here (issue #10).
    frameworkErrors: (_err, _request, reply) => {
      securityHeaders(reply);
      void refuse(reply, 400, 'malformed', 'error.malformed');
    },
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    securityHeaders(reply);
    return payload;
  });

  // Text with a lone surrogate or a NUL has no faithful stored form (core/well-formed.ts): SQLite would
  // keep it altered, so a hashed event would no longer match its hash; PostgreSQL refuses it outright.
  // Refused here for every route, before anything is looked up or stored (issue #10).
  app.addHook('preValidation', async (request, reply) => {
    if (illFormedPath([request.body, request.query, request.params]) !== null) return refuse(reply, 400, 'validation', 'error.sync.ill_formed');
  });

  app.setNotFoundHandler((_request, reply) => refuse(reply, 404, 'not_found', 'error.notFound'));

  app.setErrorHandler((err: FastifyError, request, reply) => {
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return refuse(reply, 413, 'payload_too_large', 'error.payloadTooLarge', { max: hqBodyLimit });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return refuse(reply, 415, 'malformed', 'error.malformed');
    }
    if (err.validation) return refuse(reply, 400, 'validation', 'error.validation');
    // Every other client-side failure Fastify detects while reading a request (bad JSON, empty JSON
    // body, wrong content-length, poisoned keys) is "we could not read what you sent".
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return refuse(reply, 400, 'malformed', 'error.malformed');
    request.log.error(err);
    return refuse(reply, 500, 'internal', 'error.internal');
  });

  registerSyncRoutes(app, db, { requests, clock });
  if (hqConsole) registerConsoleRoutes(app, hqConsole.backend, hqConsole.staticRoot);

  app.get('/health', async (request, reply): Promise<HqHealth> => {
    const base = { service: 'qeyd-hq', version, database: db.dialect } as const;
    try {
      return { status: 'ok', ...base, schemaVersion: await readHqSchemaVersion(db.db) };
    } catch (e) {
      // A load balancer or monitor needs a clear "not ready" rather than a generic 500.
      request.log.error(e);
      reply.code(503);
      return { status: 'unavailable', ...base };
    }
  });

  return app;
}
