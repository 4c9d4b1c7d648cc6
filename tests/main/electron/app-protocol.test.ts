import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appEntryUrl, appOrigin, appSchemePrivileges } from '../../../main/electron/app-origin';
import { createAppProtocolHandler } from '../../../main/electron/app-protocol';
import { contentSecurityPolicy } from '../../../main/electron/security';

let base: string;
let serve: (request: Request) => Promise<Response>;
const indexHtml = '<!doctype html><title>Qeyd</title><script type="module" src="/assets/app.js"></script>';

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'qeyd-protocol-'));
  const root = join(base, 'dist', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), indexHtml);
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log("qeyd")');
  writeFileSync(join(root, 'assets', 'app.css'), 'body{margin:0}');
  writeFileSync(join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  // Beside the renderer, where a climbing path would land.
  writeFileSync(join(base, 'dist', 'secret.txt'), 'the database key');
  writeFileSync(join(base, 'secret.txt'), 'the database key');
  serve = createAppProtocolHandler(root);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) => serve(new Request(url, init));

describe('the app:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    expect(appSchemePrivileges.scheme).toBe('app');
    expect(appSchemePrivileges.privileges.standard).toBe(true);
    expect(appSchemePrivileges.privileges.secure).toBe(true);
    expect(appSchemePrivileges.privileges).not.toHaveProperty('bypassCSP');
    expect(appEntryUrl).toBe(`${appOrigin}/index.html`);
  });

  it('serves the renderer entry with the content security policy', async () => {
    const res = await get(appEntryUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(indexHtml);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('gives each asset its MIME type', async () => {
    expect((await get('app://qeyd/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://qeyd/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://qeyd/assets/font.woff2')).headers.get('content-type')).toBe('font/woff2');
  });

  it('serves the entry for the bare origin and for screens the router knows', async () => {
    expect(await (await get('app://qeyd/')).text()).toBe(indexHtml);
    expect(await (await get('app://qeyd/persons/123')).text()).toBe(indexHtml);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of [
      'app://qeyd/../secret.txt',
      'app://qeyd/%2e%2e/secret.txt',
      'app://qeyd/assets/..%2f..%2fsecret.txt',
      'app://qeyd/assets/..%2f..%2f..%2fsecret.txt',
      'app://qeyd/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://qeyd/assets%2f..%2f..%2fsecret.txt',
      'app://qeyd/..%5c..%5csecret.txt',
      'app://qeyd/%00',
    ]) {
      const res = await get(url);
      const body = await res.text();
      expect(body, url).not.toContain('the database key');
    }
  });

  it('answers another host of the scheme with not found', async () => {
    const res = await get('app://other/index.html');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('Qeyd');
  });

  it('refuses anything but GET and HEAD', async () => {
    expect((await get(appEntryUrl, { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await get(appEntryUrl, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('says the renderer is missing rather than serving nothing silently', async () => {
    const empty = createAppProtocolHandler(join(base, 'not-built'));
    const res = await empty(new Request(appEntryUrl));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });
});
