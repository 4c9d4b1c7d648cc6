import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hardenSession, hardenWebContents, isAllowedRequest, type HardenableSession, type HardenableWebContents } from '../../../main/electron/security';
import { contentSecurityPolicy as previewPolicy } from '../../../main/web/server';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's listeners each take their own arguments
type Listener = (...args: any[]) => any;

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('the content security policy', () => {
  it('allows no inline code and no eval', () => {
    expect(contentSecurityPolicy).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy).not.toContain('unsafe-hashes');
    expect(contentSecurityPolicy).not.toContain('wasm-unsafe-eval');
  });

  it('names no remote origin and no wildcard anywhere', () => {
    for (const [name, sources] of directives(contentSecurityPolicy)) {
      for (const source of sources) {
        expect(["'self'", "'none'", 'data:'], `${name} ${source}`).toContain(source);
      }
    }
  });

  it('denies everything by default and locks down objects, base, forms and framing', () => {
    const d = directives(contentSecurityPolicy);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    // data: only for images (small inline icons), never for scripts or styles.
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('is the same policy the browser preview sends', () => {
    expect(contentSecurityPolicy).toBe(previewPolicy);
  });
});

describe('which requests the renderer may make', () => {
  it('allows the app origin, data: images and its own blobs', () => {
    expect(isAllowedRequest('app://qeyd/index.html')).toBe(true);
    expect(isAllowedRequest('app://qeyd/assets/app-1234.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('blob:app://qeyd/6b1f1a8e')).toBe(true);
  });

  it('refuses every remote, local-file and look-alike origin', () => {
    for (const url of [
      'https://example.org/',
      'http://127.0.0.1:4780/rpc/auth.session',
      'ws://10.0.0.1/',
      'wss://hq.example/',
      'ftp://example.org/x',
      'file:///etc/passwd',
      'app://qeyd.evil/index.html',
      'app://other/index.html',
      'blob:https://example.org/1',
    ]) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });
});

function fakeSession() {
  const recorded: {
    onHeadersReceived?: Listener;
    onBeforeRequest?: Listener;
    permissionRequest?: Listener;
    permissionCheck?: Listener;
    devicePermission?: Listener;
    events: Map<string, Listener>;
  } = { events: new Map() };
  const session = {
    webRequest: {
      onHeadersReceived: (l: Listener) => (recorded.onHeadersReceived = l),
      onBeforeRequest: (l: Listener) => (recorded.onBeforeRequest = l),
    },
    setPermissionRequestHandler: (h: Listener) => (recorded.permissionRequest = h),
    setPermissionCheckHandler: (h: Listener) => (recorded.permissionCheck = h),
    setDevicePermissionHandler: (h: Listener) => (recorded.devicePermission = h),
    on: (event: string, l: Listener) => recorded.events.set(event, l),
  };
  return { session: session as unknown as HardenableSession, recorded };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each caller reads its own reply shape
function decide(listener: Listener | undefined, details: object): Promise<any> {
  return new Promise((resolve) => listener!(details, resolve));
}

describe('hardening the session', () => {
  it('refuses every permission request and every permission check', async () => {
    const { session, recorded } = fakeSession();
    hardenSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const granted = await new Promise((resolve) => recorded.permissionRequest!({}, permission, resolve, {}));
      expect(granted, permission).toBe(false);
      expect(recorded.permissionCheck!({}, permission, 'app://qeyd', {}), permission).toBe(false);
    }
    expect(recorded.devicePermission!({ deviceType: 'usb', origin: 'app://qeyd' })).toBe(false);
  });

  it('cancels a request to a remote server', async () => {
    const { session, recorded } = fakeSession();
    hardenSession(session);
    expect(await decide(recorded.onBeforeRequest, { url: 'https://example.org/track.gif' })).toEqual({ cancel: true });
    expect(await decide(recorded.onBeforeRequest, { url: 'ws://192.168.1.5:8080/' })).toEqual({ cancel: true });
  });

  it("lets a request for the app's own files through", async () => {
    const { session, recorded } = fakeSession();
    hardenSession(session);
    expect(await decide(recorded.onBeforeRequest, { url: 'app://qeyd/assets/index.css' })).toEqual({ cancel: false });
  });

  it('puts the policy on every response and drops any other policy header', async () => {
    const { session, recorded } = fakeSession();
    hardenSession(session);
    const reply = await decide(recorded.onHeadersReceived, {
      url: 'app://qeyd/index.html',
      responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
    });
    expect(reply.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(reply.responseHeaders['content-security-policy']).toBeUndefined();
    expect(reply.responseHeaders['Content-Type']).toEqual(['text/html']);
  });

  it('adds the policy even when a response came with no headers', async () => {
    const { session, recorded } = fakeSession();
    hardenSession(session);
    const reply = await decide(recorded.onHeadersReceived, { url: 'app://qeyd/' });
    expect(reply.responseHeaders).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy] });
  });

  it('stops downloads the page starts', () => {
    const { session, recorded } = fakeSession();
    hardenSession(session);
    let prevented = false;
    recorded.events.get('will-download')!({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

function fakeContents() {
  const events = new Map<string, Listener>();
  let openHandler: Listener | undefined;
  const contents = {
    on: (event: string, l: Listener) => events.set(event, l),
    setWindowOpenHandler: (h: Listener) => (openHandler = h),
  };
  return { contents: contents as unknown as HardenableWebContents, events, open: (details: object) => openHandler!(details) };
}

function fire(listener: Listener | undefined, ...args: unknown[]): boolean {
  let prevented = false;
  listener!({ preventDefault: () => (prevented = true) }, ...args);
  return prevented;
}

describe('hardening a web contents', () => {
  it('prevents navigation anywhere, even within the app', () => {
    const { contents, events } = fakeContents();
    hardenWebContents(contents);
    expect(fire(events.get('will-navigate'), 'https://example.org/')).toBe(true);
    expect(fire(events.get('will-navigate'), 'file:///etc/passwd')).toBe(true);
    expect(fire(events.get('will-navigate'), 'app://qeyd/index.html')).toBe(true);
  });

  it('denies opening a new window', () => {
    const { contents, open } = fakeContents();
    hardenWebContents(contents);
    expect(open({ url: 'https://example.org/', disposition: 'new-window' })).toEqual({ action: 'deny' });
    expect(open({ url: 'app://qeyd/index.html', disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    const { contents, events } = fakeContents();
    hardenWebContents(contents);
    expect(fire(events.get('will-attach-webview'), {}, { src: 'https://example.org/' })).toBe(true);
  });
});
