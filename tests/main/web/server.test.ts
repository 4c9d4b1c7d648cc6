import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  writeFileSync(join(root.path, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(data.path, 'secret.txt'), 'do not serve');
  backend = await createBackend({ dataDir: data.path, log: () => {} });
  web = await startWebServer({ backend, staticRoot: root.path, port: 0 });
  port = Number(new URL(web.url).port);
});
afterAll(async () => {
  await web.close();
  await backend.close();
  dirs.forEach((d) => d.remove());
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

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

const rpcHeaders = { 'content-type': 'application/json', 'x-qeyd-client': '1' };
const rpc = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`/rpc/${method}`, { method: 'POST', headers: { ...rpcHeaders, ...headers }, body: JSON.stringify(body) });

describe('the loopback HTTP transport', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((web.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('serves the app with the strict content security policy', async () => {
    const r = await call('/');
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['content-security-policy']).not.toContain('unsafe');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/..%2f..%2fsecret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../secret.txt']) {
      const r = await call(path);
      expect(r.body).not.toContain('do not serve');
      expect(r.body).not.toContain('root:');
    }
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const r = await call('/rpc/setup.status', { method: 'POST', headers: { ...rpcHeaders, host: 'attacker.example:80' }, body: '{}' });
    expect(r.status).toBe(421);
  });

  it('refuses calls without the client header or from another origin', async () => {
    expect((await call('/rpc/setup.status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(403);
    const foreign = await rpc('setup.status', {}, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'error.forbidden' } });
  });

  it('answers malformed JSON with a structured error', async () => {
    const r = await call('/rpc/setup.status', { method: 'POST', headers: rpcHeaders, body: '{"not json' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'malformed', messageKey: 'error.malformed' } });
  });

  it('refuses an oversized body before reading it all', async () => {
    const r = await call('/rpc/setup.status', { method: 'POST', headers: rpcHeaders, body: Buffer.alloc(2 * 1024 * 1024, 0x20) });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('payload_too_large');
  });

  it('answers an unknown method with a structured error', async () => {
    const r = await rpc('persons.dropAll', {});
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error.code).toBe('unknown_method');
  });

  it('keeps the session in an HttpOnly, SameSite=Strict cookie and clears it on logout', async () => {
    const init = await rpc('setup.initialize', {
      facilityName: 'Centre',
      facilityKind: 'detention_centre',
      deviceName: 'Desk',
      admin: { username: 'admin', displayName: 'Admin', password: 'long enough password' },
    });
    expect(init.status).toBe(200);
    const login = await rpc('auth.login', { username: 'admin', password: 'long enough password' });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/qeyd_session=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
    const session = cookie.split(';')[0]!;
    const users = await rpc('users.list', {}, { cookie: session });
    expect(JSON.parse(users.body)).toMatchObject({ ok: true, result: { users: [{ username: 'admin' }] } });
    const out = await rpc('auth.logout', {}, { cookie: session });
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await rpc('users.list', {}, { cookie: session })).status).toBe(401);
  });
});
