import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveStatic } from '../web/static-files';
import { appHost, appScheme } from './app-origin';
import { contentSecurityPolicy } from './security';

const responseHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...responseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The `protocol.handle('app', ...)` handler: files under the built renderer only (the traversal
 * checks are the loopback server's, so both transports refuse the same paths), unknown paths fall
 * back to index.html like the preview server, and every response carries the CSP itself because
 * webRequest hooks are not guaranteed to see custom-protocol responses.
 */
export function createAppProtocolHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererRoot);
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'bad request');
    }
    if (url.protocol !== `${appScheme}:` || url.host.toLowerCase() !== appHost) return plain(404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    try {
      const file = (await resolveStatic(root, url.pathname)) ?? (await resolveStatic(root, '/index.html'));
      if (!file) return plain(404, 'renderer not built: run `vite build`');
      const body = request.method === 'HEAD' ? null : await readFile(file.path);
      return new Response(body, {
        status: 200,
        headers: {
          ...responseHeaders,
          'Content-Type': file.type,
          'Cache-Control': file.type.startsWith('text/html') ? 'no-store' : 'no-cache',
        },
      });
    } catch {
      return plain(500, 'internal error');
    }
  };
}
