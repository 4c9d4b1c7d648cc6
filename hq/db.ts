import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { HqConfig } from './config';
import type { HqSchema } from './schema';
import { attachHqKey, type HqKeySource } from './vault';

export type HqDialect = 'sqlite' | 'postgres';

export interface HqDatabase {
  readonly db: Kysely<HqSchema>;
  readonly dialect: HqDialect;
  /** Closes the SQLite file or ends the PostgreSQL pool. Safe to call twice. */
  close(): Promise<void>;
}

export class HqDatabaseUnavailableError extends Error {
  constructor(where: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot reach the HQ database at ${where}: ${reason}`, { cause });
    this.name = 'HqDatabaseUnavailableError';
  }
}

/** The URL with its password masked, for messages that may end up in logs. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

const PG_INT8_OID = 20;

/**
 * pg returns int8 (bigint, count(*)) as strings because they may exceed 2^53. server_seq and counts will
 * not in this system's lifetime, and numbers keep both dialects returning the same types; if one ever
 * does, failing loudly beats silently losing precision in a sync cursor.
 */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`64-bit integer ${text} does not fit a JS number`);
  return n;
}

const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PG_INT8_OID && format !== 'binary' ? parseInt8 : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

function openSqlite(file: string): HqDatabase {
  // Owner-only: the file holds every facility's records.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new BetterSqlite3(file);
  try {
    // WAL lets health checks and pulls read while a push writes; FULL makes an acknowledged push survive
    // a power cut, which "acknowledge after commit" depends on.
    const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite refused WAL mode for ${file} (got "${String(mode)}")`);
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // A payload sealed in place of the clear one an older HQ stored (vault.ts sealClearPayloads) must not
    // leave the clear bytes in a free page of the file.
    sqlite.pragma('secure_delete = ON');
  } catch (e) {
    sqlite.close();
    throw e;
  }
  return wrap(new Kysely<HqSchema>({ dialect: new SqliteDialect({ database: sqlite }) }), 'sqlite');
}

async function openPostgres(url: string): Promise<HqDatabase> {
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 });
  // An idle client losing its connection (server restart, network blip) emits 'error' on the pool; left
  // unhandled it would kill the process. The pool replaces the client; the next query reports the failure.
  pool.on('error', (err) => console.error(`Qeyd HQ: PostgreSQL connection lost: ${err.message}`));
  const db = new Kysely<HqSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    // Fail at start-up with a clear message rather than on the first request.
    await sql`select 1`.execute(db);
  } catch (e) {
    await db.destroy();
    throw new HqDatabaseUnavailableError(redactDatabaseUrl(url), e);
  }
  return wrap(db, 'postgres');
}

function wrap(db: Kysely<HqSchema>, dialect: HqDialect): HqDatabase {
  let closing: Promise<void> | null = null;
  return {
    db,
    dialect,
    close: () => (closing ??= db.destroy()),
  };
}

/**
 * Opens HQ's database with the HQ key given at start (vault.ts): the key, or how to get it when first
 * needed (the admin command line asks for a passphrase only for commands that read what it seals).
 */
export async function openHqDatabase(config: Pick<HqConfig, 'database'>, key: HqKeySource | (() => Promise<HqKeySource>)): Promise<HqDatabase> {
  const d = config.database;
  const hq = d.kind === 'postgres' ? await openPostgres(d.url) : openSqlite(d.file);
  attachHqKey(hq, key);
  return hq;
}
