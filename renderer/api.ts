import { createClient, type Transport } from '../core/contract/client';
import { ApiError } from '../core/contract/errors';
import { defaultTransport } from './transport';

type SessionLostListener = (error: ApiError) => void;
const listeners = new Set<SessionLostListener>();

/** Codes after which nothing works until the person signs in again. */
export function isSessionLost(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === 'unauthenticated' || error.code === 'session_locked');
}

/**
 * Watches every answer on its way to the typed client, so that any screen's call that finds the session
 * gone or locked sends the app back to sign-in, without each screen handling it.
 */
export function watchSession(inner: Transport): Transport {
  return async (method, input) => {
    const envelope = await inner(method, input);
    if (envelope && typeof envelope === 'object' && (envelope as { ok?: unknown }).ok === false) {
      const error = (envelope as { error?: { code?: unknown; messageKey?: unknown } }).error;
      if (error && (error.code === 'unauthenticated' || error.code === 'session_locked')) {
        const e = new ApiError({ code: error.code, messageKey: String(error.messageKey ?? 'error.unauthenticated') });
        for (const l of listeners) l(e);
      }
    }
    return envelope;
  };
}

export function onSessionLost(listener: SessionLostListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const api = createClient(watchSession(defaultTransport()));
