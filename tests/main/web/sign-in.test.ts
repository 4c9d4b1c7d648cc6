import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../main/backend';
import { startWebServer } from '../../../main/web/server';
import { adminPassword, clientFor, tempDir } from '../../helpers/backend';

const clock = { now: Date.parse('2026-11-23T02:00:00Z') };
let backend: Backend;
let web: Awaited<ReturnType<typeof startWebServer>>;
const data = tempDir();
const root = tempDir();

beforeAll(async () => {
  backend = await createBackend({ dataDir: data.path, now: () => clock.now, log: () => {} });
  web = await startWebServer({ backend, staticRoot: root.path, port: 0 });
  const admin = clientFor(backend);
  await admin.setup.initialize({ facilityName: 'Baku centre', facilityKind: 'detention_centre', deviceName: 'Desk', admin: { username: 'admin', displayName: 'Admin', password: adminPassword } });
  await admin.auth.login({ username: 'admin', password: adminPassword });
  await admin.auth.logout();
});
afterAll(async () => {
  await web.close();
  await backend.close();
  data.remove();
  root.remove();
});

async function login(username: string, password: string) {
  const res = await fetch(`${web.url}rpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { messageKey: string; params?: Record<string, unknown> } } };
}

describe('sign-in over the browser preview', () => {
  it('the browser is counted as a client: five wrong guesses at different names lock it, with a translated answer and no 500', async () => {
    for (const name of ['guest1', 'guest2', 'guest3', 'guest4', 'guest5']) {
      const r = await login(name, 'guess');
      expect(r.body.error?.messageKey).toBe('error.auth.badCredentials');
      clock.now += 20_000;
    }
    const locked = await login('admin', adminPassword);
    expect(locked.status).toBeGreaterThanOrEqual(400);
    expect(locked.status).toBeLessThan(500);
    expect(locked.body.error).toMatchObject({ messageKey: 'error.auth.locked', params: { minutes: 15 } });
    // The same password from the desktop window (another client) still opens the store.
    await clientFor(backend).auth.login({ username: 'admin', password: adminPassword });
    const admin = clientFor(backend);
    await admin.auth.login({ username: 'admin', password: adminPassword });
    const { lockouts } = await admin.signIn.lockouts({});
    expect(lockouts.map((l) => [l.subject, l.name])).toEqual([['client', 'http 127.0.0.1 1']]);
  });
});
