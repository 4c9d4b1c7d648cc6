import type { ResponseEnvelope } from '../../core/contract/client';

/**
 * What a transport (Electron IPC, loopback HTTP) hands the router with each call. The transport owns
 * where the session token lives (per window in Electron, an HttpOnly cookie over HTTP); the router
 * only reads and replaces it.
 */
export interface CallContext {
  transport: 'ipc' | 'http' | 'internal';
  /**
   * Who is calling, as sign-in throttling counts clients (issue #10 §3): the window over IPC, the remote
   * address and client header over HTTP. Absent for in-process callers, which count as their transport.
   */
  client?: string;
  sessionToken: string | null;
  setSessionToken(token: string | null): void;
}

/** The whole backend as a transport sees it: one entry point, never throws, always an envelope. */
export interface CallHandler {
  handle(method: string, input: unknown, ctx: CallContext): Promise<ResponseEnvelope>;
}

/** The largest serialized input any method accepts; transports refuse bigger bodies before parsing. */
export const maxPayloadBytes = 1024 * 1024;
