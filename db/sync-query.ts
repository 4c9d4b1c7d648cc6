import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Compilable, Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Runs Kysely-built queries synchronously on the better-sqlite3 handle. Commands run inside one
 * synchronous SQLite transaction (append + projection + audit), which Kysely's async driver cannot share;
 * compiling with Kysely keeps the queries typed while the statement cache keeps them fast.
 */
export class SyncQuery {
  private readonly cache = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly sqlite: BetterSqlite3.Database) {}

  private statement(sql: string): BetterSqlite3.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  run(query: Compilable): BetterSqlite3.RunResult {
    const c = query.compile();
    return this.statement(c.sql).run(...(c.parameters as unknown[]));
  }

  all<R>(query: Compilable<R>): R[] {
    const c = query.compile();
    return this.statement(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  first<R>(query: Compilable<R>): R | undefined {
    const c = query.compile();
    return this.statement(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }

  /** A raw statement for the hot paths where even compiling is measurable (event append). */
  prepared(sql: string): BetterSqlite3.Statement {
    return this.statement(sql);
  }
}

/** A raw statement that only reads: better-sqlite3 refuses `get`, `all` and `iterate` on one that returns no rows. */
export type ReadStatement = Pick<BetterSqlite3.Statement, 'get' | 'all' | 'iterate'>;

/** SyncQuery as a read sees it: no `run`, and raw statements that only read. */
export interface ReadQuery {
  all: SyncQuery['all'];
  first: SyncQuery['first'];
  prepared(sql: string): ReadStatement;
}

/** Kysely as a read sees it: it builds selects only (no insert, update or delete to hand to a query). */
export type ReadBuilder = Pick<Kysely<Database>, 'selectFrom'>;
