import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rpcHeaders, useWebServer } from '../../helpers/web';

const server = useWebServer(({ data, root }) => {
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(data, 'secret.txt'), 'do not serve');
});
const call = server.call;

const rpc = (method: string, body: unknown, headers: Record<string, string> = {}) => call(`/rpc/${method}`, { method: 'POST', headers: { ...rpcHeaders, ...headers }, body: JSON.stringify(body) });

describe('the loopback HTTP transport', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((server.web.server.address() as { address: string }).address).toBe('127.0.0.1');
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
