import { join } from 'node:path';
import type { ResponseEnvelope } from '../../core/contract/client';
import type { CallContext } from '../../main/api/call-context';
import { composeBackend, type Backend } from '../../main/backend';
import type { HqDatabase } from '../db';
import { ConsoleFeed } from './feed';
import { lockConsoleDir } from './lock';
import { fleetSource } from './fleet-source';
import { tracingCentreSource } from './tracing-source';
import { catchesUp, hqConsolePolicy } from './policy';

/** How often the console reads new pushes while someone is signed in; views also catch up on demand. */
const feedIntervalMs = 5_000;

export interface HqConsole {
  backend: Backend;
  feed: ConsoleFeed;
  close(): Promise<void>;
}

export function consoleDataDir(hqDataDir: string): string {
  return join(hqDataDir, 'console');
}

/**
 * HQ staff's console: a Qeyd installation of kind `headquarters` beside the HQ event store, with its own
 * accounts, encrypted store and audit log, fed with every facility's events. It reads and never records
 * about a person: it has no device of its own that could sync.
 */
export async function createHqConsole(opts: { hq: HqDatabase; dataDir: string; log?: (m: string, e: unknown) => void; now?: () => number }): Promise<HqConsole> {
  const log = opts.log ?? ((m, e) => console.error(`[qeyd-hq] ${m}:`, e));
  // Before anything is opened: a second HQ process on the same directory must not write the store too.
  const unlock = lockConsoleDir(consoleDataDir(opts.dataDir));
  let backend: Backend;
  try {
    backend = await composeBackend(hqConsolePolicy, { dataDir: consoleDataDir(opts.dataDir), now: opts.now, log, hq: { source: fleetSource(opts.hq), tracing: tracingCentreSource(opts.hq) } });
  } catch (e) {
    unlock();
    throw e;
  }
  const feed = new ConsoleFeed(opts.hq, backend.installation, (e) => log('console feed failed', e));
  const timer = setInterval(() => feed.tick(), feedIntervalMs);
  timer.unref();
  const handle = async (method: string, input: unknown, ctx: CallContext): Promise<ResponseEnvelope> => {
    if (catchesUp(method)) await feed.catchUp().catch((e: unknown) => log('console feed failed', e));
    const result = await backend.handle(method, input, ctx);
    // Signing in is what opens the store: start reading at once rather than at the next tick.
    if (method === 'auth.login' && result.ok) feed.tick();
    return result;
  };
  return {
    backend: { ...backend, handle },
    feed,
    close: async () => {
      clearInterval(timer);
      await feed.catchUp().catch(() => undefined);
      try {
        await backend.close();
      } finally {
        unlock();
      }
    },
  };
}
