import { responseEnvelope, type ResponseEnvelope } from '../../core/contract/client';
import type { CallContext, CallHandler } from '../api/call-context';

/**
 * The wire between the Electron main process and the backend's utility process. The database lives in
 * the child so a long query or a sync never freezes the window; both ends are here, free of Electron,
 * so the protocol is tested under plain Node.
 */
export interface BackendRequest {
  id: number;
  method: string;
  input: unknown;
  sessionToken: string | null;
}

/** `newSessionToken` is present only when the call changed the session (null: signed out). */
export interface BackendReply {
  id: number;
  envelope: ResponseEnvelope;
  newSessionToken?: string | null;
}

export interface BackendShutdown {
  shutdown: true;
}

export type ToBackend = BackendRequest | BackendShutdown;

export interface MessagePort<Out> {
  postMessage(message: Out): void;
  onMessage(listener: (message: unknown) => void): void;
}

export const defaultCallTimeoutMs = 60_000;

const internal = (): ResponseEnvelope => ({ ok: false, error: { code: 'internal', messageKey: 'error.internal' } });

export interface BackendProxy extends CallHandler {
  /** Answers every waiting call with an internal error, e.g. when the backend process died. */
  failPending(): void;
  readonly pendingCount: number;
}

/**
 * A CallHandler that forwards each call to the backend process and matches replies by id, so calls
 * from several windows (or one impatient window) may be in flight at once. A call that gets no reply
 * in time resolves to an internal error rather than hanging the screen; its late reply is dropped.
 */
export function createBackendProxy(port: MessagePort<ToBackend>, options: { timeoutMs?: number } = {}): BackendProxy {
  const timeoutMs = options.timeoutMs ?? defaultCallTimeoutMs;
  let nextId = 1;
  const pending = new Map<number, { ctx: CallContext; resolve(envelope: ResponseEnvelope): void; timer: ReturnType<typeof setTimeout> }>();

  const settle = (id: number, envelope: ResponseEnvelope): void => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(envelope);
  };

  port.onMessage((message) => {
    if (typeof message !== 'object' || message === null) return;
    const reply = message as Partial<BackendReply>;
    if (typeof reply.id !== 'number') return;
    const entry = pending.get(reply.id);
    if (!entry) return;
    const parsed = responseEnvelope.safeParse(reply.envelope);
    if (!parsed.success) {
      settle(reply.id, internal());
      return;
    }
    if ('newSessionToken' in reply) {
      const token = reply.newSessionToken;
      entry.ctx.setSessionToken(typeof token === 'string' ? token : null);
    }
    settle(reply.id, parsed.data);
  });

  return {
    handle(method, input, ctx) {
      const id = nextId++;
      return new Promise<ResponseEnvelope>((resolve) => {
        const timer = setTimeout(() => settle(id, internal()), timeoutMs);
        // A pending call must not be what keeps a quitting app alive.
        timer.unref?.();
        pending.set(id, { ctx, resolve, timer });
        try {
          port.postMessage({ id, method, input, sessionToken: ctx.sessionToken });
        } catch {
          settle(id, internal());
        }
      });
    },
    failPending() {
      for (const id of [...pending.keys()]) settle(id, internal());
    },
    get pendingCount() {
      return pending.size;
    },
  };
}

export interface ServedBackend extends CallHandler {
  close(): Promise<void>;
}

export interface ServeHooks {
  /** Ends the process once the backend is closed (process.exit in the utility process). */
  exit(code: number): void;
  log?(message: string, error: unknown): void;
}

/**
 * The backend process's side: answers requests in any order as they finish, reports session changes,
 * and on shutdown lets in-flight calls finish before closing the store, so no write is cut off.
 */
export function serveBackend(port: MessagePort<BackendReply>, backend: Promise<ServedBackend>, hooks: ServeHooks): void {
  const log = hooks.log ?? ((message, error) => console.error(`[qeyd backend] ${message}:`, error));
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  // Logged once here; each call made while the backend is down just answers with an internal error.
  backend.catch((error: unknown) => log('the backend did not start', error));

  const answer = async (request: BackendRequest): Promise<void> => {
    let newSessionToken: string | null | undefined;
    let changed = false;
    let envelope: ResponseEnvelope;
    try {
      const ready = await backend;
      envelope = await ready.handle(request.method, request.input, {
        transport: 'ipc',
        sessionToken: request.sessionToken,
        setSessionToken: (token) => {
          changed = true;
          newSessionToken = token;
        },
      });
    } catch {
      envelope = internal();
    }
    const reply: BackendReply = { id: request.id, envelope };
    if (changed) reply.newSessionToken = newSessionToken ?? null;
    port.postMessage(reply);
  };

  port.onMessage((message) => {
    if (typeof message !== 'object' || message === null) return;
    if ((message as Partial<BackendShutdown>).shutdown === true) {
      if (closing) return;
      closing = true;
      void (async () => {
        await Promise.allSettled([...inFlight]);
        try {
          await (await backend).close();
        } catch (error) {
          log('closing the backend failed', error);
        }
        hooks.exit(0);
      })();
      return;
    }
    const request = message as Partial<BackendRequest>;
    if (typeof request.id !== 'number') return;
    if (closing || typeof request.method !== 'string') {
      port.postMessage({ id: request.id, envelope: internal() });
      return;
    }
    const work = answer({
      id: request.id,
      method: request.method,
      input: request.input,
      sessionToken: typeof request.sessionToken === 'string' ? request.sessionToken : null,
    }).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
}
