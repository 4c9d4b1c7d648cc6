import type { ParentPort } from 'electron';
import { createBackend } from '../backend';
import { serveBackend } from './backend-proxy';

/**
 * Entry of the backend's utility process (forked by main.ts): the database, its key and every query
 * live here, off the main thread, and the only way in is the parent port.
 */
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const dataDir = process.env.QEYD_DATA_DIR;

if (!parentPort) {
  console.error('[qeyd backend] must be started by the Electron main process (utilityProcess.fork)');
  process.exit(1);
} else if (!dataDir) {
  console.error('[qeyd backend] QEYD_DATA_DIR is not set');
  process.exit(1);
} else {
  const port = parentPort;
  serveBackend(
    {
      postMessage: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (event) => listener(event.data)),
    },
    createBackend({ dataDir }),
    { exit: (code) => process.exit(code) },
  );
}
