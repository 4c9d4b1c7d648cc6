import { describe, expect, it, vi } from 'vitest';
import { createClient } from '../../core/contract/client';
import { ApiError } from '../../core/contract/errors';
import { onSessionLost, watchSession } from '../../renderer/api';
import { bridgeTransport, httpTransport } from '../../renderer/transport';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('HTTP transport (browser preview)', () => {
  it('posts the input as JSON to /rpc/<method> with the anti-CSRF header and the same-origin cookie', async () => {
    const fetchImpl = vi.fn(async (..._a: Parameters<typeof fetch>) => jsonResponse(200, { ok: true, result: { initialized: false, facilityName: null, facilityKind: null } }));
    const api = createClient(httpTransport('./rpc/', fetchImpl));
    await expect(api.setup.status()).resolves.toEqual({ initialized: false, facilityName: null, facilityKind: null });
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe('./rpc/setup.status');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toMatchObject({ 'content-type': 'application/json', 'x-qeyd-client': '1' });
    expect(JSON.parse(String(init?.body))).toEqual({});
  });

  it('reads the envelope of a refusal even though its status is 4xx', async () => {
    const fetchImpl = async () => jsonResponse(422, { ok: false, error: { code: 'rule', messageKey: 'error.auth.badCredentials' } });
    const api = createClient(httpTransport('./rpc/', fetchImpl));
    const error = await api.auth.login({ username: 'admin', password: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'rule', messageKey: 'error.auth.badCredentials' });
  });

  it('turns a dead server or a body that is not JSON into a translatable transport error', async () => {
    const down = createClient(
      httpTransport('./rpc/', async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(down.setup.status()).rejects.toMatchObject({ messageKey: 'error.transport' });
    const html = createClient(httpTransport('./rpc/', async () => new Response('<html>', { status: 502 })));
    await expect(html.setup.status()).rejects.toMatchObject({ messageKey: 'error.transport' });
  });
});

describe('Electron bridge transport', () => {
  it('forwards the call and maps a thrown IPC error to a transport error', async () => {
    const ok = createClient(bridgeTransport({ call: async (method) => ({ ok: true, result: { session: null, method } }) }));
    await expect(ok.auth.session()).resolves.toMatchObject({ session: null });
    const broken = createClient(bridgeTransport({ call: async () => Promise.reject(new Error('ipc closed')) }));
    await expect(broken.auth.session()).rejects.toMatchObject({ messageKey: 'error.transport' });
  });
});

describe('session watch', () => {
  it('tells the app when any call finds the session gone or locked, and nothing otherwise', async () => {
    const seen: string[] = [];
    const stop = onSessionLost((e) => seen.push(`${e.code}:${e.messageKey}`));
    const answers = [
      { ok: true, result: { users: [] } },
      { ok: false, error: { code: 'forbidden', messageKey: 'error.forbidden' } },
      { ok: false, error: { code: 'session_locked', messageKey: 'error.sessionLocked' } },
      { ok: false, error: { code: 'unauthenticated', messageKey: 'error.unauthenticated' } },
    ];
    const api = createClient(watchSession(async () => answers.shift()));
    await api.users.list();
    await expect(api.users.list()).rejects.toMatchObject({ code: 'forbidden' });
    await expect(api.users.list()).rejects.toMatchObject({ code: 'session_locked' });
    await expect(api.audit.verify()).rejects.toMatchObject({ code: 'unauthenticated' });
    stop();
    expect(seen).toEqual(['session_locked:error.sessionLocked', 'unauthenticated:error.unauthenticated']);
  });
});
