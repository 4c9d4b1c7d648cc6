import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ResponseEnvelope } from '../../core/contract/client';
import { maxPayloadBytes, type CallHandler } from '../api/call-context';
import { appOrigin as defaultAppOrigin } from './app-origin';

export const ipcChannel = 'qeyd:call';

const maxMethodLength = 200;

export interface IpcOptions {
  /** The origin the app's own pages are served from; any other sender is refused. */
  appOrigin?: string;
  channel?: string;
  /**
   * Called with a window's session token when that window is gone, so the backend can end the
   * session instead of leaving it alive until the idle lock.
   */
  onSessionOrphaned?: (sessionToken: string) => void;
}

type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & {
  sender: Pick<IpcMainInvokeEvent['sender'], 'id' | 'once'> & { isDestroyed?(): boolean };
};

function refusal(error: Extract<ResponseEnvelope, { ok: false }>['error']): ResponseEnvelope {
  return { ok: false, error };
}

const internalError = (): ResponseEnvelope => refusal({ code: 'internal', messageKey: 'error.internal' });

function isOwnPage(url: string, appOrigin: string): boolean {
  const base = appOrigin.endsWith('/') ? appOrigin : `${appOrigin}/`;
  // A bare prefix test would let "app://qeyd.evil/" through; the path separator closes that.
  return url === base.slice(0, -1) || url.startsWith(base);
}

/**
 * The Electron transport: one `invoke` channel carrying `(method, input)`. It does what the HTTP
 * transport does before the router sees a call (sender check, size limit, JSON-shaped input) and keeps
 * the session token in the main process, one per window, so the renderer never holds it.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, handler: CallHandler, options: IpcOptions = {}): void {
  const appOrigin = options.appOrigin ?? defaultAppOrigin;
  const channel = options.channel ?? ipcChannel;
  // Keyed by webContents id; an entry exists (possibly null) once the window has called at least once.
  const tokens = new Map<number, string | null>();
  const orphaned = (token: string): void => {
    try {
      options.onSessionOrphaned?.(token);
    } catch {
      // Best effort: the backend's idle lock ends the session anyway.
    }
  };

  ipcMain.handle(channel, async (rawEvent, method: unknown, input: unknown): Promise<ResponseEnvelope> => {
    try {
      const event = rawEvent as InvokeEvent;
      let senderUrl: string | undefined;
      try {
        senderUrl = event.senderFrame?.url;
      } catch {
        // Electron throws when the frame has already navigated away or been destroyed.
        senderUrl = undefined;
      }
      if (typeof senderUrl !== 'string' || !isOwnPage(senderUrl, appOrigin)) {
        return refusal({ code: 'forbidden', messageKey: 'error.forbidden' });
      }
      if (typeof method !== 'string' || method.length === 0 || method.length > maxMethodLength) {
        return refusal({ code: 'unknown_method', messageKey: 'error.unknownMethod' });
      }

      // Structured clone carries Dates, Maps and cycles that HTTP cannot; passing on exactly what JSON
      // keeps makes both transports feed the router the same values.
      let serialized: string | undefined;
      try {
        serialized = JSON.stringify(input);
      } catch {
        return refusal({ code: 'malformed', messageKey: 'error.malformed' });
      }
      if (serialized !== undefined && Buffer.byteLength(serialized, 'utf8') > maxPayloadBytes) {
        return refusal({ code: 'payload_too_large', messageKey: 'error.payloadTooLarge', params: { max: maxPayloadBytes } });
      }
      const jsonInput: unknown = serialized === undefined ? {} : JSON.parse(serialized);

      const sender = event.sender;
      const id = sender.id;
      if (!tokens.has(id)) {
        tokens.set(id, null);
        sender.once('destroyed', () => {
          const orphan = tokens.get(id);
          tokens.delete(id);
          if (orphan) orphaned(orphan);
        });
      }

      return await handler.handle(method, jsonInput, {
        transport: 'ipc',
        // Sign-in throttling counts each window as a client (issue #10 §3).
        client: `window ${id}`,
        sessionToken: tokens.get(id) ?? null,
        setSessionToken: (token) => {
          // A login that completes after its window closed must not resurrect the entry, nor leave
          // a live session nobody holds.
          if (tokens.has(id) && !sender.isDestroyed?.()) tokens.set(id, token);
          else if (token) orphaned(token);
        },
      });
    } catch {
      return internalError();
    }
  });
}
