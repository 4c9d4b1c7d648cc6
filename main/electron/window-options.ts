import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the built preload script (dist/main/electron/preload.cjs). */
  preload: string;
  /** Only unpackaged (development) builds get DevTools; a clerk's laptop never should. */
  devTools?: boolean;
}

/**
 * The main window. Kept free of runtime Electron imports so the security settings are checked by plain
 * unit tests: the renderer is an untrusted web page that only gets `window.qeyd.call` from the preload.
 */
export function mainWindowOptions({ preload, devTools = false }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Qeyd',
    // The duty-desk laptop is 1366x768; below ~1024 wide the person page no longer fits side by side.
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 600,
    // Shown on ready-to-show, painted with the app background, so the officer never sees a white flash.
    show: false,
    backgroundColor: '#f4f5f7',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Spellcheck would download dictionaries from Google and leak typed names to the OS spellchecker.
      spellcheck: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools,
    },
  };
}
