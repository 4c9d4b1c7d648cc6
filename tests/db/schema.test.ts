import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { databaseAt, tableNames } from './migrations/helpers';

/**
 * db/schema.ts is what Kysely believes the tables are; only the compiler reads it, so nothing else
 * notices when a migration adds a table or a column it does not name. Read as text, it must name every
 * table and every column the migrations make, and nothing they do not.
 */
const source = readFileSync(join(__dirname, '../../db/schema.ts'), 'utf8');

/** Each field of one interface with its type, as written. */
function interfaceFields(name: string): Map<string, string> {
  const body = new RegExp(`export interface ${name} \\{([^}]*)\\}`).exec(source)?.[1];
  if (body === undefined) throw new Error(`db/schema.ts has no interface ${name}`);
  return new Map([...body.matchAll(/^\s+([a-z_]+)\??: ([^;]+);/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('the Kysely table types (db/schema.ts)', () => {
  it('name every table and column of the latest migration', () => {
    const db = databaseAt(Math.max(...migrations.map((m) => m.version)));
    const typed = interfaceFields('Database');
    const tables = tableNames(db);
    expect([...typed.keys()].sort()).toEqual(tables);
    for (const table of tables) {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name).sort();
      expect({ table, columns: [...interfaceFields(typed.get(table)!).keys()].sort() }).toEqual({ table, columns });
    }
  });
});
