import type { Session, WebContents } from 'electron';
import { appOrigin as defaultAppOrigin } from './app-origin';

/**
 * Nothing but the app's own files: no inline code, no eval, no remote origin of any kind. The loopback
 * preview server sends the same policy, so a screen that works in e2e tests works in the desktop app.
 */
export const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Whether the renderer may load this URL. Everything lives inside the app; a request anywhere else is
 * either a bug or an injected payload trying to send records off the machine, so it is cancelled.
 */
export function isAllowedRequest(url: string, appOrigin: string = defaultAppOrigin): boolean {
  const base = appOrigin.endsWith('/') ? appOrigin : `${appOrigin}/`;
  if (url === base.slice(0, -1) || url.startsWith(base)) return true;
  // data: images are allowed by the CSP; blob: only when minted by our own origin.
  if (url.startsWith('data:')) return true;
  if (url.startsWith(`blob:${base}`)) return true;
  // DevTools is only enabled in unpackaged builds (see window-options) and loads its own UI this way.
  if (url.startsWith('devtools:')) return true;
  return false;
}

export type HardenableSession = Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'>;

/**
 * Applies the session-wide rules: CSP on every response, every permission prompt refused (the app needs
 * no camera, location, notifications or clipboard-read), no request off the app's origin, no downloads.
 */
export function hardenSession(session: HardenableSession, options: { appOrigin?: string } = {}): void {
  const appOrigin = options.appOrigin ?? defaultAppOrigin;

  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // A weaker policy from elsewhere must not sit beside ours and confuse whoever reads the headers.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [contentSecurityPolicy];
    callback({ responseHeaders: headers });
  });

  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, appOrigin) });
  });

  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  // Exports and printouts go through the backend and a save dialog, never a renderer-initiated download.
  session.on('will-download', (event) => event.preventDefault());
}

export type HardenableWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Every web contents the app creates is pinned to the page it was given: it cannot navigate, open
 * windows or embed a <webview>. The screens route inside the page, so none of this is needed.
 */
export function hardenWebContents(contents: HardenableWebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
