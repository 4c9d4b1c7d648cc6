import { resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResponseEnvelope } from '../../core/contract/client';
import { httpStatusFor } from '../../main/api/http-status';
import type { ErrorCode } from '../../core/contract/errors';
import type { CallHandler } from '../../main/api/call-context';
import { isWellFormedText } from '../../core/well-formed';
import { readStatic, resolveStatic } from '../../main/web/static-files';

const sessionCookie = 'qeyd_hq_session';

/**
 * The console is set up from the server's shell (`npm run hq:admin -- setup-console`), never over the
 * network: otherwise whoever reached a fresh HQ first would become its administrator.
 */
const refusedOverNetwork = new Set(['setup.initialize']);

/** Our cookie's value, null when absent, or `malformed` when it is no percent-encoded text (`%ZZ`, `%00`). */
function readCookie(request: FastifyRequest, name: string): string | null | { malformed: true } {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      const value = decodeURIComponent(v.join('='));
      return isWellFormedText(value) ? value : { malformed: true };
    } catch {
      return { malformed: true };
    }
  }
  return null;
}

function envelope(reply: FastifyReply, body: ResponseEnvelope, cookie?: string) {
  if (cookie) reply.header('set-cookie', cookie);
  return reply
    .code(body.ok ? 200 : httpStatusFor[body.error.code])
    .type('application/json; charset=utf-8')
    .send(body);
}

function refuse(reply: FastifyReply, code: ErrorCode, messageKey: string) {
  return envelope(reply, { ok: false, error: { code, messageKey } });
}

/**
 * HQ staff's console over the HQ server's own port: the same renderer as on a device, calling the
 * console backend through the same router. The session is an HttpOnly, SameSite=Strict cookie (Secure
 * behind TLS); a call must carry the client header (which a cross-site form cannot send without a CORS
 * preflight HQ never grants) and, when the browser names one, this server's own origin.
 */
export function registerConsoleRoutes(app: FastifyInstance, backend: CallHandler, staticRoot: string): void {
  const root = resolve(staticRoot);

  app.post<{ Params: { method: string } }>('/rpc/:method', async (request, reply) => {
    const method = request.params.method;
    const origin = request.headers.origin;
    const host = request.headers.host ?? '';
    if (request.headers['x-qeyd-client'] !== '1' || (origin !== undefined && origin.replace(/^https?:\/\//, '') !== host)) {
      return refuse(reply, 'forbidden', 'error.forbidden');
    }
    if (refusedOverNetwork.has(method)) return refuse(reply, 'forbidden', 'error.hq.setupFromShell');
    const cookie = readCookie(request, sessionCookie);
    // What the browser sent wrongly is never our failure (issue #10): the unreadable cookie is cleared,
    // so the next sign-in starts clean.
    if (cookie !== null && typeof cookie === 'object') {
      const secure = request.protocol === 'https' ? '; Secure' : '';
      return envelope(reply, { ok: false, error: { code: 'malformed', messageKey: 'error.malformed' } }, `${sessionCookie}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure}`);
    }
    let token = cookie;
    let changed = false;
    const result = await backend.handle(method, request.body ?? {}, {
      transport: 'http',
      // Sign-in throttling counts this client (issue #10 §3): the remote address and its client header.
      client: `http ${request.ip} ${String(request.headers['x-qeyd-client'])}`,
      sessionToken: token,
      setSessionToken: (t) => {
        token = t;
        changed = true;
      },
    });
    if (!changed) return envelope(reply, result);
    const secure = request.protocol === 'https' ? '; Secure' : '';
    return envelope(
      reply,
      result,
      token ? `${sessionCookie}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${secure}` : `${sessionCookie}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure}`,
    );
  });

  const serveApp = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    // Unknown paths fall back to the app (its screens are hash routes), never to a directory listing.
    const file = (await resolveStatic(root, path)) ?? (await resolveStatic(root, '/index.html'));
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('console not built: run `npm run build:renderer`');
    reply.header('cache-control', file.type.startsWith('text/html') ? 'no-store' : 'no-cache');
    return reply.type(file.type).send(await readStatic(file.path));
  };
  app.get('/', serveApp);
  app.get('/index.html', serveApp);
  app.get('/assets/*', serveApp);
  app.get('/favicon.svg', serveApp);
  app.get('/fonts/*', serveApp);
}
