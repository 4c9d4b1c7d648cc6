import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { HqDatabaseConfig } from '../../hq/config';
import { openHqDatabase, redactDatabaseUrl, type HqDatabase, type HqDialect } from '../../hq/db';
import { newHqKeyFileText, readHqKeyFile, type HqKeySource } from '../../hq/vault';

/** Every HQ suite runs on both: production uses PostgreSQL, the zero-set-up default is SQLite. */
export const dialects: readonly HqDialect[] = ['sqlite', 'postgres'];

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const testPgUrl = process.env.QEYD_TEST_PG_URL || 'postgres://qeyd:qeyd@127.0.0.1:5432/qeyd_test';

const howToStartPostgres = [
  'The HQ tests need PostgreSQL as well as SQLite (set QEYD_TEST_PG_URL to use another server). On Debian:',
  '  pg_ctlcluster 15 main start',
  `  su postgres -c "psql -c \\"CREATE ROLE qeyd LOGIN PASSWORD 'qeyd' CREATEDB\\""`,
  '  su postgres -c "createdb -O qeyd qeyd_test"',
].join('\n');

/** A place for one test's database: a temp directory for SQLite, a fresh schema for PostgreSQL. */
export interface TestDatabase {
  dialect: HqDialect;
  /** what QEYD_HQ_DATABASE_URL / QEYD_HQ_DATA_DIR must be for hq/start.ts to use the same database */
  env: { QEYD_HQ_DATA_DIR: string; QEYD_HQ_DATABASE_URL: string; QEYD_HQ_KEY_FILE: string };
  /** the HQ key this database is opened with: a key file beside the data directory, as an operator keeps it apart */
  key: HqKeySource;
  config: { database: HqDatabaseConfig };
  open(): Promise<HqDatabase>;
  /** the schema (PostgreSQL) whose tables belong to this test; undefined for SQLite */
  schema: string | undefined;
  dispose(): Promise<void>;
}

async function adminPool(): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: testPgUrl, max: 1, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  try {
    await pool.query('select 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    const ci = process.env.CI ? ' (CI is set: PostgreSQL must be provided by the pipeline, see .ci/run)' : '';
    throw new Error(`PostgreSQL is not reachable at ${redactDatabaseUrl(testPgUrl)}${ci}: ${e instanceof Error ? e.message : String(e)}\n${howToStartPostgres}`, { cause: e });
  }
  return pool;
}

/**
 * A fresh, isolated database. PostgreSQL: a random schema made the only entry of the connection's
 * search_path (through the URL's `options`, exactly as an operator could), so parallel test files
 * and leftovers of earlier runs never see each other's tables; it is dropped afterwards.
 */
export async function createTestDatabase(dialect: HqDialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qeyd-hq-test-'));
  const keyFile = writeTestKeyFile(dataDir);
  const removeDir = () => {
    rmSync(dataDir, { recursive: true, force: true });
    keyFile.remove();
  };
  const opened: HqDatabase[] = [];
  const open = async (config: { database: HqDatabaseConfig }) => {
    const hq = await openHqDatabase(config, keyFile.key);
    opened.push(hq);
    return hq;
  };
  const closeAll = () => Promise.all(opened.map((hq) => hq.close()));

  if (dialect === 'sqlite') {
    const config = { database: { kind: 'sqlite', file: join(dataDir, 'hq.sqlite') } as const };
    return {
      dialect,
      env: { QEYD_HQ_DATA_DIR: dataDir, QEYD_HQ_DATABASE_URL: '', QEYD_HQ_KEY_FILE: keyFile.path },
      key: keyFile.key,
      config,
      schema: undefined,
      open: () => open(config),
      dispose: async () => {
        await closeAll();
        removeDir();
      },
    };
  }

  let admin: pg.Pool;
  try {
    admin = await adminPool();
  } catch (e) {
    removeDir();
    throw e;
  }
  const schema = `hq_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`create schema ${schema}`);
  const url = new URL(testPgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const config = { database: { kind: 'postgres', url: url.toString() } as const };
  return {
    dialect,
    env: { QEYD_HQ_DATA_DIR: dataDir, QEYD_HQ_DATABASE_URL: url.toString(), QEYD_HQ_KEY_FILE: keyFile.path },
    key: keyFile.key,
    config,
    schema,
    open: () => open(config),
    dispose: async () => {
      await closeAll();
      try {
        await admin.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await admin.end();
        removeDir();
      }
    },
  };
}

/**
 * A new HQ key file beside `dataDir` (not inside it: an operator keeps the key off the data's disk),
 * mode 0600 as `hq:admin create-key-file` writes it; removed with the directory's sibling cleanup.
 */
export function writeTestKeyFile(dataDir: string): { path: string; key: HqKeySource; remove(): void } {
  const path = `${dataDir}.key`;
  writeFileSync(path, newHqKeyFileText(), { mode: 0o600 });
  return { path, key: { kind: 'file', key: readHqKeyFile(path) }, remove: () => rmSync(path, { force: true }) };
}

/** Table names and their columns, for comparing a schema before and after something. */
export async function describeSchema(hq: HqDatabase, schema: string | undefined): Promise<string[]> {
  const tables = await allTables(hq);
  return tables
    .filter((t) => t.schema === schema || (schema === undefined && t.schema === undefined))
    .map((t) => `${t.name}(${t.columns.map((c) => `${c.name}:${c.dataType}${c.isNullable ? '?' : ''}`).join(',')})`)
    .sort();
}

/**
 * Kysely lists the tables of every schema, then reads their columns: on PostgreSQL another test file's
 * schema dropped in between fails the listing ("relation ... does not exist"). Listed again, it is gone.
 */
async function allTables(hq: HqDatabase) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await hq.db.introspection.getTables();
    } catch (e) {
      if (attempt >= 5 || !/does not exist/.test(String(e))) throw e;
    }
  }
}

export async function tableExists(hq: HqDatabase, schema: string | undefined, name: string): Promise<boolean> {
  return (await describeSchema(hq, schema)).some((t) => t.startsWith(`${name}(`));
}

// ---- a real hq/start.ts process -------------------------------------------------------------------

export interface HqProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** resolves with the exit code (null when killed by a signal) */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal to the whole process group, as a terminal's Ctrl+C or systemd's stop does. */
  signal(sig: NodeJS.Signals): void;
}

/**
 * Starts `npx tsx hq/start.ts` exactly as `npm run hq` would, in its own process group: npm does not
 * forward signals through its shell, so only a group signal reaches HQ, as it does in real use.
 */
export function spawnHq(env: Record<string, string>): HqProcess {
  const child = spawn('npx', ['tsx', 'hq/start.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    signal: (sig) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        // the group is already gone
      }
    },
  };
}

/** Waits until stdout matches, failing with everything the process said if it exits or takes too long. */
export async function waitForOutput(p: HqProcess, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = p.stdout().match(pattern);
    if (m) return m;
    if (p.child.exitCode !== null || p.child.signalCode !== null || Date.now() > deadline) {
      throw new Error(`hq/start.ts did not print ${pattern} (exit ${p.child.exitCode})\nstdout:\n${p.stdout()}\nstderr:\n${p.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits for a process that is expected to exit by itself, killing its group if it does not. */
export async function waitForExit(p: HqProcess, timeoutMs = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const timer = setTimeout(() => p.signal('SIGKILL'), timeoutMs);
  try {
    return await p.exited;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits until every process of the group has ended. npm itself dies at once on SIGTERM, while HQ beneath
 * it is still closing, so the npx process's exit says nothing about whether HQ has finished.
 */
export async function waitForGroupExit(p: HqProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(p)) {
    if (Date.now() > deadline) throw new Error(`hq/start.ts was still running ${timeoutMs} ms after being told to stop\nstdout:\n${p.stdout()}\nstderr:\n${p.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether any process of the group is still alive (signal 0 probes without delivering anything). */
export function groupAlive(p: HqProcess): boolean {
  try {
    process.kill(-p.child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

/** A plain loopback GET, bypassing any HTTP proxy the environment may configure. */
export function httpGet(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolveGet, reject) => {
    const req = request(url, { method: 'GET', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The line hq/start.ts prints once it listens. */
export const hqUrlLine = /^Qeyd HQ: http:\/\/127\.0\.0\.1:(\d+)\/ \(database: (sqlite|postgres)\)$/m;

/**
 * One HQ node on a test database, on a free loopback port, as an operator runs each node of several
 * (docs/hq-deploy.md): `extra` adds or overrides settings (QEYD_HQ_CONSOLE, QEYD_HQ_PUBLIC_URL …).
 * Everything a node needs to start goes through spawnHq, so a setting every HQ needs is added there once.
 */
export async function startHqNode(t: TestDatabase, extra: Record<string, string> = {}): Promise<{ process: HqProcess; url: string }> {
  const p = spawnHq({ ...t.env, QEYD_HQ_PORT: '0', QEYD_HQ_HOST: '', ...extra });
  try {
    const [, port] = await waitForOutput(p, hqUrlLine, 60_000);
    return { process: p, url: `http://127.0.0.1:${port}` };
  } catch (e) {
    p.signal('SIGKILL');
    throw e;
  }
}
