import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../main/electron/window-options';

describe('the main window', () => {
  const options = mainWindowOptions({ preload: '/app/dist/main/electron/preload.cjs' });
  const web = options.webPreferences!;

  it('isolates the page from Node and sandboxes the renderer', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure content, webviews and spellcheck', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.spellcheck).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
  });

  it('loads the given preload and nothing else', () => {
    expect(web.preload).toBe('/app/dist/main/electron/preload.cjs');
  });

  it('has no DevTools unless asked for', () => {
    expect(web.devTools).toBe(false);
    expect(mainWindowOptions({ preload: '/p.cjs', devTools: true }).webPreferences!.devTools).toBe(true);
  });

  it('fits the duty-desk laptop and stays hidden until its first paint', () => {
    expect(options.width).toBe(1366);
    expect(options.height).toBe(768);
    expect(options.minWidth).toBeGreaterThanOrEqual(1000);
    expect(options.minWidth).toBeLessThanOrEqual(1024);
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
