import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { tableNames } from './helpers';

type Row = Record<string, unknown>;

interface Column {
  name: string;
  type: string;
  pk: number;
}

function columnsOf(db: BetterSqlite3.Database, table: string): Column[] {
  return db.prepare('SELECT name, type, pk FROM pragma_table_info(?)').all(table) as Column[];
}

/** Columns whose CHECK admits only some words. */
const checked: Record<string, readonly string[]> = { 'audit_log.outcome': ['ok', 'denied'], 'register_counters.series': ['person', 'book'] };

/** A value of the column's declared type, different for each row and each column (so a swapped column shows). */
function valueFor(table: string, c: Column, i: number): unknown {
  const words = checked[`${table}.${c.name}`];
  if (words) return words[i % words.length];
  if (c.type === 'INTEGER') return i + 1;
  if (c.type === 'REAL') return i + 0.5;
  if (c.type === 'BLOB') return Buffer.from(`${table}.${c.name}.${i}`);
  return `${table}.${c.name}.${i}`;
}

/**
 * Signal's way of testing a migration: every table the previous version has gets `rows` rows with a
 * value in every column (nullable ones too), so the test can tell whether the migration kept them.
 * Returns what was written, per table, in key order.
 */
export function fillEveryTable(db: BetterSqlite3.Database, rows = 2): Record<string, Row[]> {
  for (const table of tableNames(db)) {
    if (table === 'sqlite_sequence') continue;
    const columns = columnsOf(db, table);
    const insert = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (let i = 0; i < rows; i++) insert.run(...columns.map((c) => valueFor(table, c, i)));
  }
  return everyRow(db);
}

/** Every row of every table, in primary-key order (all columns when a table has no declared key). */
export function everyRow(db: BetterSqlite3.Database): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  for (const table of tableNames(db)) {
    if (table === 'sqlite_sequence') continue;
    const columns = columnsOf(db, table);
    const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const order = (key.length ? key : columns).map((c) => `"${c.name}"`).join(', ');
    out[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).all() as Row[];
  }
  return out;
}

/** Runs the migrations after the database's version, up to and including `version`. */
export function migrateTo(db: BetterSqlite3.Database, version: number): void {
  migrate(
    db,
    migrations.filter((m) => m.version <= version),
  );
}

/** `rows` with `added` columns set on each (what a migration that adds columns should leave). */
export function withColumns(rows: Row[], added: Row): Row[] {
  return rows.map((r) => ({ ...r, ...added }));
}
