import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';

export class StoreTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`database schema version ${found} is newer than this application knows (${known}); refusing to open it`);
    this.name = 'StoreTooNewError';
  }
}

/**
 * Brings the schema to the latest version, tracked by SQLite's `user_version`. Each migration and its
 * version bump commit together, so a crash leaves the database at a whole version. A database written
 * by a newer release is refused untouched: an old binary must never "repair" a newer schema.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[] = allMigrations): number {
  const known = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > known) throw new StoreTooNewError(current, known);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${Number(m.version)}`);
    })();
  }
  return known;
}
