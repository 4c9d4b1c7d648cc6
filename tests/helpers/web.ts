import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import { startWebServer } from '../../main/web/server';
import { tempDir } from './backend';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export const rpcHeaders = { 'content-type': 'application/json', 'x-qeyd-client': '1' };

/**
 * The loopback web server over a real backend, for the whole file: a static root holding an index.html
 * and an empty assets folder, to which `prepare` may add files (as it may to the data directory).
 * `call` sends one raw HTTP request, so tests can send what a browser would not.
 */
export function useWebServer(prepare?: (dirs: { data: string; root: string }) => void) {
  let backend: Backend;
  let web: Awaited<ReturnType<typeof startWebServer>>;
  let port = 0;
  const dirs = [tempDir(), tempDir()] as const;

  beforeAll(async () => {
    const [data, root] = dirs;
    mkdirSync(join(root.path, 'assets'));
    writeFileSync(join(root.path, 'index.html'), '<!doctype html><title>Qeyd</title>');
    prepare?.({ data: data.path, root: root.path });
    backend = await createBackend({ dataDir: data.path, log: () => {} });
    web = await startWebServer({ backend, staticRoot: root.path, port: 0 });
    port = Number(new URL(web.url).port);
  });
  afterAll(async () => {
    await web.close();
    await backend.close();
    dirs.forEach((d) => d.remove());
  });

  function call(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      if (opts.body !== undefined) req.end(opts.body);
      else req.end();
    });
  }

  return {
    get web() {
      return web;
    },
    call,
  };
}
