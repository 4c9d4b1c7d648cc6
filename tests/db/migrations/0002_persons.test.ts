import { describe, expect, it } from 'vitest';
import { everyRow, fillEveryTable, migrateTo } from './data';
import { databaseAt, tableNames } from './helpers';

describe('migration 0002: persons projection', () => {
  it('adds the persons table on top of the core schema', () => {
    const before = databaseAt(1);
    const after = databaseAt(2);
    expect(tableNames(after)).toEqual([...tableNames(before), 'persons'].sort());
    expect(after.pragma('user_version', { simple: true })).toBe(2);
  });

  it('gives every person a unique register number', () => {
    const db = databaseAt(2);
    const insert = db.prepare(
      `INSERT INTO persons (person_id, register_no, name_original, name_latin, aliases, sex, birth_estimated, nationalities, stateless, languages, created_at, updated_at, created_by, last_event_id)
       VALUES (?, 1, 'n', 'n', '[]', 'male', 0, '[]', 0, '[]', 't', 't', 'u', 'e')`,
    );
    insert.run('p1');
    expect(() => insert.run('p2')).toThrow(/UNIQUE/);
  });

  it('keeps every row written at version 1 (log, audit, meta, devices, users) as it was, and starts with no persons', () => {
    const db = databaseAt(1);
    const before = fillEveryTable(db);
    migrateTo(db, 2);
    expect(everyRow(db)).toEqual({ ...before, persons: [] });
  });
});
