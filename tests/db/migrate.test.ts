import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, StoreTooNewError } from '../../db/migrate';
import { latestVersion, migrations } from '../../db/migrations';

describe('the migration runner', () => {
  it('brings an empty database to the latest version and is a no-op the second time', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db)).toBe(latestVersion);
    const schema = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    migrate(db);
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
  });

  it('numbers migrations 1..n with no gaps or repeats', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('refuses a database written by a newer version, without touching it', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma(`user_version = ${latestVersion + 1}`);
    expect(() => migrate(db)).toThrow(StoreTooNewError);
    expect(db.prepare('SELECT count(*) AS n FROM sqlite_master').get()).toEqual({ n: 0 });
  });

  it('rolls back a failing migration whole, leaving the version where it was', () => {
    const db = new BetterSqlite3(':memory:');
    const broken = [...migrations, { version: latestVersion + 1, name: 'broken', up: 'CREATE TABLE ok_table (x); THIS IS NOT SQL;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok_table'").get()).toEqual({ n: 0 });
  });
});
