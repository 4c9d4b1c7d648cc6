import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResponseEnvelope } from '../../../core/contract/client';
import type { CallContext } from '../../../main/api/call-context';
import { createBackendProxy, serveBackend, type BackendReply, type BackendRequest, type ServedBackend, type ToBackend } from '../../../main/electron/backend-proxy';

const internal = { ok: false, error: { code: 'internal', messageKey: 'error.internal' } };

function ctx(sessionToken: string | null = null): CallContext & { changes: Array<string | null> } {
  const c = {
    transport: 'ipc' as const,
    sessionToken,
    changes: [] as Array<string | null>,
    setSessionToken(token: string | null) {
      c.changes.push(token);
      c.sessionToken = token;
    },
  };
  return c;
}

/** The main-process end alone: what it posts is recorded, replies are injected by the test. */
function proxyWithFakeChild(timeoutMs?: number) {
  const sent: ToBackend[] = [];
  let deliver!: (message: unknown) => void;
  const proxy = createBackendProxy({ postMessage: (m) => void sent.push(m), onMessage: (l) => (deliver = l) }, timeoutMs === undefined ? {} : { timeoutMs });
  return { proxy, sent: sent as BackendRequest[], reply: (m: unknown) => deliver(m) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the backend proxy', () => {
  it('sends the method, input and session token to the backend process', async () => {
    const { proxy, sent, reply } = proxyWithFakeChild();
    const pending = proxy.handle('persons.get', { id: 'p1' }, ctx('tok'));
    expect(sent).toEqual([{ id: 1, method: 'persons.get', input: { id: 'p1' }, sessionToken: 'tok' }]);
    reply({ id: 1, envelope: { ok: true, result: { name: 'X' } } });
    expect(await pending).toEqual({ ok: true, result: { name: 'X' } });
  });

  it('matches concurrent replies to their calls whatever order they arrive in', async () => {
    const { proxy, sent, reply } = proxyWithFakeChild();
    const calls = ['a.one', 'a.two', 'a.three'].map((m) => proxy.handle(m, {}, ctx()));
    expect(proxy.pendingCount).toBe(3);
    const ids = sent.map((s) => s.id);
    expect(new Set(ids).size).toBe(3);
    for (const i of [2, 0, 1]) reply({ id: ids[i], envelope: { ok: true, result: sent[i]!.method } });
    expect(await Promise.all(calls)).toEqual([
      { ok: true, result: 'a.one' },
      { ok: true, result: 'a.two' },
      { ok: true, result: 'a.three' },
    ]);
    expect(proxy.pendingCount).toBe(0);
  });

  it('applies a session change to the caller that made it, and only when reported', async () => {
    const { proxy, sent, reply } = proxyWithFakeChild();
    const login = ctx();
    const other = ctx('keep');
    const a = proxy.handle('auth.login', {}, login);
    const b = proxy.handle('auth.session', {}, other);
    reply({ id: sent[1]!.id, envelope: { ok: true, result: {} } });
    reply({ id: sent[0]!.id, envelope: { ok: true, result: {} }, newSessionToken: 'fresh' });
    await Promise.all([a, b]);
    expect(login.changes).toEqual(['fresh']);
    expect(other.changes).toEqual([]);

    const logout = proxy.handle('auth.logout', {}, login);
    reply({ id: sent[2]!.id, envelope: { ok: true, result: {} }, newSessionToken: null });
    await logout;
    expect(login.changes).toEqual(['fresh', null]);
  });

  it('answers with an internal error when the backend does not reply in time', async () => {
    vi.useFakeTimers();
    const { proxy, sent, reply } = proxyWithFakeChild(1_000);
    const c = ctx();
    const pending = proxy.handle('reports.big', {}, c);
    await vi.advanceTimersByTimeAsync(999);
    expect(proxy.pendingCount).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual(internal);
    expect(proxy.pendingCount).toBe(0);
    // The late reply is dropped, including any session it carries.
    reply({ id: sent[0]!.id, envelope: { ok: true, result: 1 }, newSessionToken: 'late' });
    expect(c.changes).toEqual([]);
  });

  it('times out only the call that is late', async () => {
    vi.useFakeTimers();
    const { proxy, sent, reply } = proxyWithFakeChild(1_000);
    const slow = proxy.handle('a.slow', {}, ctx());
    await vi.advanceTimersByTimeAsync(600);
    const quick = proxy.handle('a.quick', {}, ctx());
    await vi.advanceTimersByTimeAsync(500);
    expect(await slow).toEqual(internal);
    reply({ id: sent[1]!.id, envelope: { ok: true, result: 'quick' } });
    expect(await quick).toEqual({ ok: true, result: 'quick' });
  });

  it('turns a reply that is not an envelope into an internal error', async () => {
    const { proxy, sent, reply } = proxyWithFakeChild();
    const pending = proxy.handle('a.b', {}, ctx());
    reply({ id: sent[0]!.id, envelope: { ok: 'maybe' } });
    expect(await pending).toEqual(internal);
  });

  it('ignores messages that answer no call', async () => {
    const { proxy, sent, reply } = proxyWithFakeChild();
    const pending = proxy.handle('a.b', {}, ctx());
    for (const junk of [null, 'hello', 42, { id: 'x' }, { id: 999, envelope: { ok: true, result: 0 } }]) reply(junk);
    expect(proxy.pendingCount).toBe(1);
    reply({ id: sent[0]!.id, envelope: { ok: true, result: 'real' } });
    expect(await pending).toEqual({ ok: true, result: 'real' });
  });

  it('fails every waiting call when the backend process dies', async () => {
    const { proxy } = proxyWithFakeChild();
    const calls = [proxy.handle('a.b', {}, ctx()), proxy.handle('a.c', {}, ctx())];
    proxy.failPending();
    expect(await Promise.all(calls)).toEqual([internal, internal]);
  });

  it('answers with an internal error when the message cannot be posted', async () => {
    const proxy = createBackendProxy({
      postMessage: () => {
        throw new Error('backend process is not running');
      },
      onMessage: () => {},
    });
    expect(await proxy.handle('a.b', {}, ctx())).toEqual(internal);
    expect(proxy.pendingCount).toBe(0);
  });
});

/** Both ends wired together through asynchronous, cloning "ports", like the real parent port. */
function connected(backend: Promise<ServedBackend>, options: { timeoutMs?: number } = {}) {
  const toChild: Array<(m: unknown) => void> = [];
  const toParent: Array<(m: unknown) => void> = [];
  const exits: number[] = [];
  const deliver = (listeners: Array<(m: unknown) => void>, message: unknown) => {
    const copy = structuredClone(message);
    setImmediate(() => listeners.forEach((l) => l(copy)));
  };
  serveBackend({ postMessage: (m: BackendReply) => deliver(toParent, m), onMessage: (l) => toChild.push(l) }, backend, { exit: (code) => exits.push(code), log: () => {} });
  const proxy = createBackendProxy({ postMessage: (m) => deliver(toChild, m), onMessage: (l) => toParent.push(l) }, options);
  return { proxy, exits, send: (m: ToBackend) => deliver(toChild, m) };
}

function fakeBackend(): ServedBackend & { closed: boolean; log: string[] } {
  const b = {
    closed: false,
    log: [] as string[],
    async handle(method: string, input: unknown, c: CallContext): Promise<ResponseEnvelope> {
      b.log.push(method);
      if (method === 'auth.login') {
        c.setSessionToken('s-1');
        return { ok: true, result: {} };
      }
      if (method === 'auth.logout') {
        c.setSessionToken(null);
        return { ok: true, result: {} };
      }
      if (method === 'slow.echo') {
        await new Promise((r) => setTimeout(r, 30));
        b.log.push(`done ${method}`);
      }
      return { ok: true, result: { method, input, token: c.sessionToken, transport: c.transport } };
    },
    async close() {
      b.log.push('close');
      b.closed = true;
    },
  };
  return b;
}

describe('the backend process end', () => {
  it('answers calls and carries session changes back to the window', async () => {
    const backend = fakeBackend();
    const { proxy } = connected(Promise.resolve(backend));
    const c = ctx();
    expect(await proxy.handle('auth.login', { username: 'a' }, c)).toEqual({ ok: true, result: {} });
    expect(c.sessionToken).toBe('s-1');
    expect(await proxy.handle('persons.get', { id: 1 }, c)).toEqual({
      ok: true,
      result: { method: 'persons.get', input: { id: 1 }, token: 's-1', transport: 'ipc' },
    });
    await proxy.handle('auth.logout', {}, c);
    expect(c.changes).toEqual(['s-1', null]);
  });

  it('does not report a session change for calls that made none', async () => {
    const { proxy } = connected(Promise.resolve(fakeBackend()));
    const c = ctx('already');
    await proxy.handle('persons.get', {}, c);
    expect(c.changes).toEqual([]);
  });

  it('answers with an internal error while the backend failed to start', async () => {
    const { proxy } = connected(Promise.reject(new Error('cannot open data dir')));
    expect(await proxy.handle('auth.session', {}, ctx())).toEqual(internal);
  });

  it('waits for calls in flight, then closes the store and exits', async () => {
    const backend = fakeBackend();
    const { proxy, exits, send } = connected(Promise.resolve(backend));
    const slow = proxy.handle('slow.echo', {}, ctx());
    await new Promise((r) => setTimeout(r, 5));
    send({ shutdown: true });
    expect((await slow).ok).toBe(true);
    await vi.waitFor(() => expect(exits).toEqual([0]));
    expect(backend.log).toEqual(['slow.echo', 'done slow.echo', 'close']);
  });

  it('refuses new calls once shutting down', async () => {
    const backend = fakeBackend();
    const { proxy, send, exits } = connected(Promise.resolve(backend));
    send({ shutdown: true });
    await vi.waitFor(() => expect(exits).toEqual([0]));
    expect(await proxy.handle('persons.get', {}, ctx())).toEqual(internal);
    expect(backend.log).toEqual(['close']);
  });
});
