import type { Transport } from '../core/contract/client';
import type { MethodName } from '../core/contract';

/** What the Electron preload exposes through contextBridge (main/electron/preload). */
export interface QeydBridge {
  call(method: string, input: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    qeyd?: QeydBridge;
  }
}

/**
 * A failure of the pipe itself (server gone, body not JSON) becomes an ordinary error envelope, so
 * screens handle it like any other translated error instead of a raw TypeError.
 */
const transportFailure = { ok: false, error: { code: 'internal', messageKey: 'error.transport' } } as const;

/** Browser preview and e2e: the same router over loopback HTTP (main/web). */
export function httpTransport(base = './rpc/', fetchImpl: typeof fetch = (...a) => fetch(...a)): Transport {
  return async (method: MethodName, input: unknown) => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${encodeURIComponent(method)}`, {
        method: 'POST',
        // The custom header cannot be sent cross-site without a CORS preflight the server never grants.
        headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      return transportFailure;
    }
    // Refusals come as 4xx/5xx with an envelope body: the body, not the status, says what happened.
    try {
      return (await response.json()) as unknown;
    } catch {
      return transportFailure;
    }
  };
}

/** Electron: one IPC call through the preload; the renderer never sees Node. */
export function bridgeTransport(bridge: QeydBridge): Transport {
  return async (method, input) => {
    try {
      return await bridge.call(method, input ?? {});
    } catch {
      return transportFailure;
    }
  };
}

export function defaultTransport(): Transport {
  return typeof window !== 'undefined' && window.qeyd ? bridgeTransport(window.qeyd) : httpTransport();
}
