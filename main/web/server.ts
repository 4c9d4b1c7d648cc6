import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { ResponseEnvelope } from '../../core/contract/client';
import { httpStatusFor } from '../api/http-status';
import type { ErrorCode } from '../../core/contract/errors';
import { maxPayloadBytes, type CallHandler } from '../api/call-context';
import { readStatic, resolveStatic } from './static-files';

/** The same CSP the Electron window enforces: nothing but the app's own files, no inline code. */
export const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const sessionCookie = 'qeyd_session';

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), usb=(), serial=()');
}

function sendEnvelope(res: ServerResponse, envelope: ResponseEnvelope, extraHeaders: Record<string, string> = {}): void {
  const status = envelope.ok ? 200 : httpStatusFor[envelope.error.code];
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extraHeaders });
  res.end(JSON.stringify(envelope));
}

function refuse(res: ServerResponse, code: ErrorCode, messageKey: string, params?: Record<string, number>): void {
  sendEnvelope(res, { ok: false, error: params ? { code, messageKey, params } : { code, messageKey } });
}

/** Percent-decoding that answers null where the text is not valid percent-encoded UTF-8 (`%ZZ`). */
function decodeOrNull(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** Our cookie's value, null when absent, or `malformed` when it cannot be decoded. */
function readCookie(req: IncomingMessage, name: string): string | null | { malformed: true } {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeOrNull(v.join('=')) ?? { malformed: true };
  }
  return null;
}

const clearSessionCookie = `${sessionCookie}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;

/** Reads a body up to the limit; past it, stops reading and reports the size as too large. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolveBody('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else if (!over) chunks.push(c);
    });
    req.on('end', () => resolveBody(over ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface WebServerOptions {
  backend: CallHandler;
  /** The built renderer (dist/renderer). */
  staticRoot: string;
  port: number;
}

/**
 * The backend's router over HTTP, for the browser preview and end-to-end tests. Bound to 127.0.0.1
 * only; requests must name this host (against DNS rebinding) and carry the client header and, when the
 * browser sends one, our own Origin (against cross-site requests). The session is an HttpOnly cookie.
 */
export async function startWebServer(opts: WebServerOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const root = resolve(opts.staticRoot);
  let port = opts.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  // Node does not look at the handler's promise; the handler answers or catches every path itself.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  const server = createServer(async (req, res) => {
    securityHeaders(res);
    try {
      if (!allowedHosts().has(req.headers.host ?? '')) {
        res.writeHead(421, { 'Content-Type': 'text/plain' }).end('misdirected request');
        return;
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/rpc/')) {
        await handleRpc(req, res, url.pathname.slice('/rpc/'.length));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      // Unknown paths fall back to the app (client-side screens), never to a directory listing.
      const file = (await resolveStatic(root, url.pathname)) ?? (await resolveStatic(root, '/index.html'));
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('renderer not built: run `vite build`');
        return;
      }
      const body = await readStatic(file.path);
      res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': file.type.startsWith('text/html') ? 'no-store' : 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      if (!res.headersSent) refuse(res, 'internal', 'error.internal');
      else res.end();
    }
  });

  async function handleRpc(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return refuse(res, 'malformed', 'error.malformed');
    }
    const origin = req.headers.origin;
    if (req.headers['x-qeyd-client'] !== '1' || (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, '')))) {
      return refuse(res, 'forbidden', 'error.forbidden');
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 'malformed', 'error.malformed');
    const body = await readBody(req, maxPayloadBytes);
    if (body === 'too_large') return refuse(res, 'payload_too_large', 'error.payloadTooLarge', { max: maxPayloadBytes });
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return refuse(res, 'malformed', 'error.malformed');
    }
    // Undecodable text is what the client sent wrongly, never our failure: no 500 (issue #10). A cookie
    // we cannot read is cleared so the browser can sign in again; a method we cannot read names none.
    const cookie = readCookie(req, sessionCookie);
    if (cookie !== null && typeof cookie === 'object') {
      return sendEnvelope(res, { ok: false, error: { code: 'malformed', messageKey: 'error.malformed' } }, { 'Set-Cookie': clearSessionCookie });
    }
    const methodName = decodeOrNull(method);
    if (methodName === null) return refuse(res, 'unknown_method', 'error.unknownMethod');
    let token = cookie;
    let cookieChanged = false;
    const envelope = await opts.backend.handle(methodName, input, {
      transport: 'http',
      // Sign-in throttling counts this client (issue #10 §3): the remote address and its client header.
      client: `http ${req.socket.remoteAddress ?? '?'} ${String(req.headers['x-qeyd-client'])}`,
      sessionToken: token,
      setSessionToken: (t) => {
        token = t;
        cookieChanged = true;
      },
    });
    const headers: Record<string, string> = {};
    if (cookieChanged) {
      headers['Set-Cookie'] = token ? `${sessionCookie}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/` : clearSessionCookie;
    }
    sendEnvelope(res, envelope, headers);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
