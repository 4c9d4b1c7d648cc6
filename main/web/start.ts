import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { lowerKdfCostIfTesting } from '../../db/kdf-cost';
import { createBackend } from '../backend';
import { defaultDataDir } from '../data-dir';
import { startWebServer } from './server';

/** `npm run preview`: the whole app for a browser on this machine only. */
export const defaultPreviewPort = 4780;

async function main(): Promise<void> {
  const port = process.env.QEYD_PORT ? Number(process.env.QEYD_PORT) : defaultPreviewPort;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`QEYD_PORT must be a port number (0-65535), not "${process.env.QEYD_PORT}"`);
    process.exit(2);
  }
  lowerKdfCostIfTesting(process.env);
  const dataDir = process.env.QEYD_DATA_DIR || defaultDataDir();
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const backend = await createBackend({ dataDir });
  const web = await startWebServer({ backend, staticRoot: join(root, 'dist', 'renderer'), port });
  console.log(`Qeyd preview: ${web.url}`);
  console.log(`data: ${dataDir}`);
  const stop = async () => {
    await web.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
