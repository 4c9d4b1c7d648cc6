import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { createHqConsole, type HqConsole } from '../../hq/console';
import type { HqDatabase, HqDialect } from '../../hq/db';
import { migrateHq } from '../../hq/migrate';
import { buildHqServer } from '../../hq/server';
import { createEnrollmentCode } from '../../hq/sync/enroll';
import { createTestDatabase, repoRoot, type TestDatabase } from '../hq/harness';
import { tempDir } from './backend';

export interface RunningHq {
  readonly url: string;
  hq: HqDatabase;
  tdb: TestDatabase;
  /** The server now listening; a new one after `up()`. */
  readonly app: FastifyInstance;
  /** A fresh enrollment code for a facility (created on first use). */
  code(facility?: string, kind?: string): Promise<string>;
  /** Takes the server down, keeping the database (the link to HQ going). */
  down(): Promise<void>;
  /** Brings a new server up on the same address (the link coming back). */
  up(): Promise<void>;
}

export interface RunningHqWithConsole extends RunningHq {
  hqConsole: HqConsole;
  /** HQ's data directory, where the console keeps its own installation. */
  dataDir: string;
}

export interface HqOptions {
  /** Called on every server built, before it listens: e.g. hooks that watch the requests. */
  configure?(app: FastifyInstance): void;
  /** whom HQ believes about the client's protocol (QEYD_HQ_TRUST_PROXY), for a test behind a TLS proxy */
  trustProxy?: boolean | string[];
  /** HQ's clock for the window of signed requests, when a test puts it apart from the device's */
  clock?: () => number;
}

/** A migrated HQ database with the real server over it, which can be taken down and brought back. */
function serve(tdb: TestDatabase, hq: HqDatabase, opts: HqOptions, hqConsole?: HqConsole): RunningHq {
  let app: FastifyInstance | null = null;
  let port = 0;
  const up = async () => {
    const a = buildHqServer({
      db: hq,
      version: 'test',
      clock: opts.clock,
      trustProxy: opts.trustProxy,
      ...(hqConsole ? { console: { backend: hqConsole.backend, staticRoot: `${repoRoot}/dist/renderer` } } : {}),
    });
    opts.configure?.(a);
    await a.listen({ host: '127.0.0.1', port });
    port = (a.server.address() as AddressInfo).port;
    app = a;
  };
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    hq,
    tdb,
    get app() {
      if (!app) throw new Error('HQ is down');
      return app;
    },
    code: async (facility = 'Baku centre', kind = 'detention_centre') => (await createEnrollmentCode(hq, { name: facility, kind })).code,
    up,
    async down() {
      await app?.close();
      app = null;
    },
  };
}

async function migratedDatabase(dialect: HqDialect): Promise<{ tdb: TestDatabase; hq: HqDatabase }> {
  const tdb = await createTestDatabase(dialect);
  const hq = await tdb.open();
  await migrateHq(hq);
  return { tdb, hq };
}

/**
 * A real HQ on loopback per test: a fresh database of the dialect, migrated, served by the real server
 * on an ephemeral port, and all of it closed and removed after each test.
 */
export function useHq() {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  return {
    async start(dialect: HqDialect = 'sqlite', opts: HqOptions = {}): Promise<RunningHq> {
      const { tdb, hq } = await migratedDatabase(dialect);
      const running = serve(tdb, hq, opts);
      await running.up();
      cleanups.push(async () => {
        await running.down();
        await hq.close();
        await tdb.dispose();
      });
      return running;
    },

    /** HQ serving its console as well, as `npm run hq` does (the console's renderer from dist/). */
    async startWithConsole(dialect: HqDialect = 'sqlite', opts: HqOptions = {}): Promise<RunningHqWithConsole> {
      const { tdb, hq } = await migratedDatabase(dialect);
      const dir = tempDir('qeyd-hq-console-');
      const hqConsole = await createHqConsole({ hq, dataDir: dir.path, log: () => undefined });
      const running = serve(tdb, hq, opts, hqConsole);
      await running.up();
      cleanups.push(async () => {
        await running.down();
        await hqConsole.close();
        await hq.close();
        await tdb.dispose();
        dir.remove();
      });
      return Object.assign(running, { hqConsole, dataDir: dir.path });
    },
  };
}
