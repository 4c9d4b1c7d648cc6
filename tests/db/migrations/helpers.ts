import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { migrations } from '../../../db/migrations';
import { migrate } from '../../../db/migrate';

/** A plain in-memory database migrated up to (and including) `version`. */
export function databaseAt(version: number): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version <= version),
  );
  return db;
}

export function tableNames(db: BetterSqlite3.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}
