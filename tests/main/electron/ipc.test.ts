import { describe, expect, it } from 'vitest';
import type { ResponseEnvelope } from '../../../core/contract/client';
import { maxPayloadBytes, type CallContext, type CallHandler } from '../../../main/api/call-context';
import { ipcChannel, registerIpc } from '../../../main/electron/ipc';

// `any` event: the fakes stand in for Electron's IpcMainInvokeEvent, of which the transport reads only a little.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type InvokeListener = (event: any, ...args: unknown[]) => Promise<ResponseEnvelope>;

/** Records `ipcMain.handle` registrations, as Electron's ipcMain would hold them. */
function fakeIpcMain() {
  const handlers = new Map<string, InvokeListener>();
  return {
    ipcMain: { handle: (channel: string, listener: InvokeListener) => void handlers.set(channel, listener) },
    handlers,
  };
}

/** A window: a webContents with an id that can be destroyed, showing a page at `url`. */
function fakeSender(id: number, url = 'app://qeyd/index.html') {
  const destroyedListeners: Array<() => void> = [];
  let destroyed = false;
  const sender = {
    id,
    once: (event: string, l: () => void) => {
      if (event === 'destroyed') destroyedListeners.push(l);
      return sender;
    },
    isDestroyed: () => destroyed,
  };
  return {
    event: { sender, senderFrame: { url } },
    destroy() {
      destroyed = true;
      destroyedListeners.splice(0).forEach((l) => l());
    },
  };
}

interface Call {
  method: string;
  input: unknown;
  ctx: CallContext;
}

/** A backend that signs in whoever calls auth.login and reports the token it was given. */
function fakeBackend(behaviour: (call: Call) => Promise<ResponseEnvelope> | ResponseEnvelope = () => ({ ok: true, result: null })) {
  const calls: Call[] = [];
  let issued = 0;
  const handler: CallHandler = {
    async handle(method, input, ctx) {
      calls.push({ method, input, ctx });
      if (method === 'auth.login') {
        ctx.setSessionToken(`token-${++issued}`);
        return { ok: true, result: {} };
      }
      if (method === 'auth.logout') {
        ctx.setSessionToken(null);
        return { ok: true, result: {} };
      }
      if (method === 'auth.whoami') return { ok: true, result: { token: ctx.sessionToken } };
      return behaviour({ method, input, ctx });
    },
  };
  return { handler, calls };
}

function setUp(handler: CallHandler, options: Parameters<typeof registerIpc>[2] = {}) {
  const { ipcMain, handlers } = fakeIpcMain();
  registerIpc(ipcMain, handler, options);
  const invoke = handlers.get(options.channel ?? ipcChannel)!;
  return (window: ReturnType<typeof fakeSender>, method: unknown, input?: unknown) => invoke(window.event, method, input);
}

describe('the IPC transport', () => {
  it('registers one handler on the qeyd:call channel', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, fakeBackend().handler);
    expect([...handlers.keys()]).toEqual(['qeyd:call']);
  });

  it('forwards the method and input to the backend, marked as an IPC call', async () => {
    const backend = fakeBackend(() => ({ ok: true, result: 'done' }));
    const call = setUp(backend.handler);
    const reply = await call(fakeSender(1), 'persons.search', { query: 'Əliyev', limit: 20 });
    expect(reply).toEqual({ ok: true, result: 'done' });
    expect(backend.calls).toHaveLength(1);
    expect(backend.calls[0]!.method).toBe('persons.search');
    expect(backend.calls[0]!.input).toEqual({ query: 'Əliyev', limit: 20 });
    expect(backend.calls[0]!.ctx.transport).toBe('ipc');
    expect(backend.calls[0]!.ctx.sessionToken).toBeNull();
  });

  it('hands the backend the same JSON values the HTTP transport would', async () => {
    const backend = fakeBackend();
    const call = setUp(backend.handler);
    await call(fakeSender(1), 'persons.search', { at: new Date('2026-01-02T03:04:05.000Z'), gone: undefined });
    await call(fakeSender(1), 'auth.session');
    expect(backend.calls[0]!.input).toEqual({ at: '2026-01-02T03:04:05.000Z' });
    expect(backend.calls[1]!.input).toEqual({});
  });

  it('keeps the session of a window for its next calls', async () => {
    const call = setUp(fakeBackend().handler);
    const window = fakeSender(7);
    await call(window, 'auth.login', { username: 'a', password: 'b' });
    expect(await call(window, 'auth.whoami')).toEqual({ ok: true, result: { token: 'token-1' } });
    await call(window, 'auth.logout');
    expect(await call(window, 'auth.whoami')).toEqual({ ok: true, result: { token: null } });
  });

  it('gives two windows separate sessions', async () => {
    const call = setUp(fakeBackend().handler);
    const first = fakeSender(1);
    const second = fakeSender(2);
    await call(first, 'auth.login', {});
    expect(await call(second, 'auth.whoami')).toEqual({ ok: true, result: { token: null } });
    await call(second, 'auth.login', {});
    expect(await call(first, 'auth.whoami')).toEqual({ ok: true, result: { token: 'token-1' } });
    expect(await call(second, 'auth.whoami')).toEqual({ ok: true, result: { token: 'token-2' } });
  });

  it('names each window as its own client, so sign-in throttling counts windows apart', async () => {
    const backend = fakeBackend();
    const call = setUp(backend.handler);
    await call(fakeSender(1), 'auth.session');
    await call(fakeSender(2), 'auth.session');
    expect(backend.calls.map((c) => c.ctx.client)).toEqual(['window 1', 'window 2']);
  });

  it('forgets a window’s session when the window is destroyed, and reports it for logout', async () => {
    const orphaned: string[] = [];
    const call = setUp(fakeBackend().handler, { onSessionOrphaned: (t) => orphaned.push(t) });
    const window = fakeSender(3);
    await call(window, 'auth.login', {});
    window.destroy();
    expect(orphaned).toEqual(['token-1']);
    // Electron may reuse the id for a new window: it must start signed out.
    expect(await call(fakeSender(3), 'auth.whoami')).toEqual({ ok: true, result: { token: null } });
  });

  it('does not hand a session to a window that closed while signing in', async () => {
    const orphaned: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const handler: CallHandler = {
      async handle(method, _input, ctx) {
        if (method === 'auth.login') {
          await gate;
          ctx.setSessionToken('late-token');
        }
        return { ok: true, result: { token: ctx.sessionToken } };
      },
    };
    const call = setUp(handler, { onSessionOrphaned: (t) => orphaned.push(t) });
    const window = fakeSender(4);
    const login = call(window, 'auth.login', {});
    window.destroy();
    release();
    await login;
    expect(orphaned).toEqual(['late-token']);
    expect(await call(fakeSender(4), 'auth.whoami')).toEqual({ ok: true, result: { token: null } });
  });

  it('refuses an oversized payload without calling the backend', async () => {
    const backend = fakeBackend();
    const call = setUp(backend.handler);
    const reply = await call(fakeSender(1), 'persons.register', { note: 'x'.repeat(maxPayloadBytes) });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'payload_too_large', messageKey: 'error.payloadTooLarge', params: { max: maxPayloadBytes } },
    });
    expect(backend.calls).toHaveLength(0);
  });

  it('counts the payload in bytes, not characters', async () => {
    const backend = fakeBackend();
    const call = setUp(backend.handler);
    // Two bytes per "ə" in UTF-8: fewer characters than the limit, more bytes.
    const reply = await call(fakeSender(1), 'persons.register', { name: 'ə'.repeat(maxPayloadBytes / 2 + 10) });
    expect(reply.ok).toBe(false);
    expect(backend.calls).toHaveLength(0);
  });

  it('refuses input that JSON cannot carry', async () => {
    const backend = fakeBackend();
    const call = setUp(backend.handler);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await call(fakeSender(1), 'persons.register', cyclic)).toEqual({ ok: false, error: { code: 'malformed', messageKey: 'error.malformed' } });
    expect(await call(fakeSender(1), 'persons.register', { n: 10n })).toEqual({ ok: false, error: { code: 'malformed', messageKey: 'error.malformed' } });
    expect(backend.calls).toHaveLength(0);
  });

  it('refuses a method name that is not a short string', async () => {
    const backend = fakeBackend();
    const call = setUp(backend.handler);
    for (const method of [42, null, { toString: () => 'auth.login' }, '', 'a'.repeat(201)]) {
      expect(await call(fakeSender(1), method, {})).toEqual({ ok: false, error: { code: 'unknown_method', messageKey: 'error.unknownMethod' } });
    }
    expect(backend.calls).toHaveLength(0);
  });

  it('a renderer from another origin is refused', async () => {
    const backend = fakeBackend();
    const call = setUp(backend.handler);
    const forbidden = { ok: false, error: { code: 'forbidden', messageKey: 'error.forbidden' } };
    for (const url of ['https://example.org/', 'file:///tmp/evil.html', 'app://qeyd.evil/index.html', 'about:blank', '']) {
      expect(await call(fakeSender(1, url), 'auth.session', {}), url).toEqual(forbidden);
    }
    expect(backend.calls).toHaveLength(0);
  });

  it('refuses a call whose frame is already gone', async () => {
    const backend = fakeBackend();
    const call = setUp(backend.handler);
    const window = fakeSender(1);
    const gone = { event: { ...window.event, senderFrame: null }, destroy: window.destroy };
    const throwing = {
      event: {
        ...window.event,
        get senderFrame(): never {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      },
      destroy: window.destroy,
    };
    expect((await call(gone as never, 'auth.session')).ok).toBe(false);
    expect((await call(throwing as never, 'auth.session')).ok).toBe(false);
    expect(backend.calls).toHaveLength(0);
  });

  it('accepts calls from the origin it was given', async () => {
    const backend = fakeBackend(() => ({ ok: true, result: 1 }));
    const call = setUp(backend.handler, { appOrigin: 'app://other' });
    expect(await call(fakeSender(1, 'app://other/index.html'), 'auth.session')).toEqual({ ok: true, result: 1 });
    expect((await call(fakeSender(1, 'app://qeyd/index.html'), 'auth.session')).ok).toBe(false);
  });

  it('turns a thrown backend error into an internal error envelope', async () => {
    const call = setUp(
      fakeBackend(() => {
        throw new Error('disk on fire at /home/clerk/.config/Qeyd/qeyd.db');
      }).handler,
    );
    const reply = await call(fakeSender(1), 'persons.register', {});
    expect(reply).toEqual({ ok: false, error: { code: 'internal', messageKey: 'error.internal' } });
    expect(JSON.stringify(reply)).not.toContain('disk on fire');
  });

  it('turns a rejected backend promise into an internal error envelope', async () => {
    const call = setUp(fakeBackend(() => Promise.reject(new Error('nope'))).handler);
    expect(await call(fakeSender(1), 'persons.register', {})).toEqual({ ok: false, error: { code: 'internal', messageKey: 'error.internal' } });
  });
});
