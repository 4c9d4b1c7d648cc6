import { app, BrowserWindow, dialog, ipcMain, protocol, session, utilityProcess, type UtilityProcess } from 'electron';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MethodName } from '../../core/contract';
import { appEntryUrl, appOrigin, appScheme, appSchemePrivileges } from './app-origin';
import { createAppProtocolHandler } from './app-protocol';
import { createBackendProxy, type BackendProxy, type ToBackend } from './backend-proxy';
import { registerIpc } from './ipc';
import { registerPrint } from './print';
import { pickPathDialogOptions, registerPathPicker } from './pick-path';
import { hardenSession, hardenWebContents } from './security';
import { mainWindowOptions } from './window-options';

const here = dirname(fileURLToPath(import.meta.url));
const logoutMethod: MethodName = 'auth.logout';
const maxBackendRestarts = 3;
const shutdownGraceMs = 5_000;

// Both must happen before `ready`: a scheme registered late silently loses its privileges.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();

/** The backend's utility process, restarted if it dies, behind one CallHandler for the IPC transport. */
function superviseBackend(dataDir: string): { proxy: BackendProxy; shutdown(): Promise<void> } {
  let child: UtilityProcess | null = null;
  let spawned = false;
  let queued: ToBackend[] = [];
  let listener: ((message: unknown) => void) | null = null;
  let quitting = false;
  let restarts = 0;

  const send = (message: ToBackend): void => {
    if (!child) throw new Error('backend process is not running');
    if (spawned) child.postMessage(message);
    else queued.push(message);
  };

  const proxy = createBackendProxy({
    postMessage: send,
    onMessage: (l) => {
      listener = l;
    },
  });

  const spawn = (): void => {
    const current = utilityProcess.fork(join(here, 'backend-host.js'), [], {
      serviceName: 'Qeyd backend',
      env: { ...process.env, QEYD_DATA_DIR: dataDir },
      stdio: 'inherit',
    });
    child = current;
    spawned = false;
    current.once('spawn', () => {
      spawned = true;
      for (const message of queued) current.postMessage(message);
      queued = [];
    });
    current.on('message', (message) => listener?.(message));
    current.once('exit', (code) => {
      if (child !== current) return;
      child = null;
      queued = [];
      proxy.failPending();
      if (quitting) return;
      // The store is locked again after a restart; the window sees "unauthenticated" and asks for a
      // login, which beats a window whose every click fails.
      console.error(`[qeyd] backend process exited with code ${code}`);
      if (restarts < maxBackendRestarts) {
        restarts += 1;
        spawn();
      }
    });
  };
  spawn();

  const shutdown = async (): Promise<void> => {
    quitting = true;
    const current = child;
    if (!current) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        current.kill();
        resolve();
      }, shutdownGraceMs);
      current.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        send({ shutdown: true });
      } catch {
        clearTimeout(timer);
        resolve();
      }
    });
  };

  return { proxy, shutdown };
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions({ preload: join(here, 'preload.cjs'), devTools: !app.isPackaged }));
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[qeyd] renderer gone: ${details.reason}`);
  });
  void window.loadURL(appEntryUrl);
  return window;
}

function start(): void {
  const dataDir = process.env.QEYD_DATA_DIR || app.getPath('userData');
  let mainWindow: BrowserWindow | null = null;
  let backend: ReturnType<typeof superviseBackend> | null = null;
  let backendClosed = false;
  let closingBackend: Promise<void> | null = null;

  // Hardening is attached to every web contents as it is created, so none can slip through unguarded.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', (event) => {
    if (backendClosed || !backend) return;
    // Let in-flight writes finish and the store close cleanly before the process goes.
    event.preventDefault();
    // A second quit request while closing just waits for the first.
    closingBackend ??= backend.shutdown().finally(() => {
      backendClosed = true;
      app.quit();
    });
  });

  void app.whenReady().then(() => {
    if (process.platform === 'win32') app.setAppUserModelId('az.qeyd.app');
    hardenSession(session.defaultSession, { appOrigin });
    protocol.handle(appScheme, createAppProtocolHandler(join(app.getAppPath(), 'dist', 'renderer')));

    backend = superviseBackend(dataDir);
    const proxy = backend.proxy;
    registerIpc(ipcMain, proxy, {
      appOrigin,
      onSessionOrphaned: (sessionToken) => {
        void proxy.handle(logoutMethod, {}, { transport: 'ipc', sessionToken, setSessionToken: () => {} });
      },
    });

    registerPrint(ipcMain, {
      appOrigin,
      askWhereToSave: (defaultPath) => (mainWindow ? dialog.showSaveDialog(mainWindow, { defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] }) : Promise.resolve({ canceled: true })),
      writeFile: (path, data) => writeFile(path, data),
    });

    registerPathPicker(ipcMain, {
      appOrigin,
      ask: (kind) => (mainWindow ? dialog.showOpenDialog(mainWindow, pickPathDialogOptions(kind)) : Promise.resolve({ canceled: true, filePaths: [] })),
    });

    const openWindow = (): void => {
      const window = createMainWindow();
      mainWindow = window;
      window.on('closed', () => {
        if (mainWindow === window) mainWindow = null;
      });
    };
    openWindow();
    app.on('activate', () => {
      if (!mainWindow) openWindow();
    });
  });
}

if (app.requestSingleInstanceLock()) start();
else app.quit();
