import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../../core/contract/errors';
import { catalogs } from '../../../core/i18n';
import { createBackend, type Backend } from '../../../main/backend';
import { startWebServer } from '../../../main/web/server';
import { tempDir } from '../../helpers/backend';

let backend: Backend;
let web: Awaited<ReturnType<typeof startWebServer>>;
let port: number;
const dirs = [tempDir(), tempDir()];

beforeAll(async () => {
  const [data, root] = dirs as [ReturnType<typeof tempDir>, ReturnType<typeof tempDir>];
  mkdirSync(join(root.path, 'assets'));
  writeFileSync(join(root.path, 'index.html'), '<!doctype html><title>Qeyd</title>');
  backend = await createBackend({ dataDir: data.path, log: () => {} });
  web = await startWebServer({ backend, staticRoot: root.path, port: 0 });
  port = Number(new URL(web.url).port);
});
afterAll(async () => {
  await web.close();
  await backend.close();
  dirs.forEach((d) => d.remove());
});

function post(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'x-qeyd-client': '1', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

function expectTranslatedRefusal(r: { status: number; body: string }) {
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  const body = JSON.parse(r.body) as { ok: boolean; error: unknown };
  expect(body.ok).toBe(false);
  const error = apiErrorSchema.parse(body.error);
  for (const lang of ['az', 'en', 'ru'] as const) expect(catalogs[lang][error.messageKey], `${lang} ${error.messageKey}`).toBeTruthy();
  return error;
}

describe('percent-encoding the preview cannot decode', () => {
  it('a session cookie that is not valid percent-encoding is refused as unreadable, not a 500, and cleared', async () => {
    for (const cookie of ['qeyd_session=%ZZ', 'qeyd_session=%E0%A4%A', 'other=1; qeyd_session=%']) {
      const r = await post('/rpc/auth.session', { cookie });
      expect(expectTranslatedRefusal(r).code).toBe('malformed');
      expect(String(r.headers['set-cookie'])).toMatch(/^qeyd_session=;.*Max-Age=0/);
    }
  });

  it('a method name that is not valid percent-encoding is an unknown method, not a 500', async () => {
    for (const path of ['/rpc/%E0%A4%A', '/rpc/%ZZ', '/rpc/auth.%']) {
      expect(expectTranslatedRefusal(await post(path)).code).toBe('unknown_method');
    }
  });

  it('a well-formed cookie of another application beside ours changes nothing', async () => {
    const r = await post('/rpc/auth.session', { cookie: 'theirs=%ZZ; qeyd_session=abc' });
    expect(r.status).toBe(200);
  });
});
