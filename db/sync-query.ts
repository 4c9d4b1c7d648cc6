import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Compilable } from 'kysely';

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
