import { describe, expect, it } from 'vitest';
import { everyRow, fillEveryTable, migrateTo } from './data';
import { databaseAt, tableNames } from './helpers';

describe('migration 0009: ombudsman visits', () => {
  it('adds facilities and their keys, visits with their fieldwork, extracts and recommendations', () => {
    const db = databaseAt(9);
    for (const t of ['npm_facilities', 'npm_facility_keys', 'visits', 'visit_areas', 'visit_register_checks', 'visit_interviews', 'visit_reprisal_checks', 'visit_extracts', 'recommendations']) {
      expect(tableNames(db)).toContain(t);
    }
  });

  it('keeps interviews only as sealed text: there is no column for a name, notes or allegations', () => {
    const db = databaseAt(9);
    const columns = (db.prepare('PRAGMA table_info(visit_interviews)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('sealed');
    for (const c of columns) expect(c).not.toMatch(/name|note|allegation|register_no/);
  });

  it('holds one key per device of a facility', () => {
    const db = databaseAt(9);
    const insert = db.prepare("INSERT INTO npm_facility_keys (facility_id, device_id, device_name, public_key, added_at) VALUES ('f', ?, 'd', 'k', 't')");
    insert.run('d1');
    insert.run('d2');
    expect(() => insert.run('d1')).toThrow(/UNIQUE|PRIMARY/);
  });

  it('keeps every row written at version 8 and starts with no facility, visit or recommendation', () => {
    const db = databaseAt(8);
    const before = fillEveryTable(db);
    migrateTo(db, 9);
    const added = ['npm_facilities', 'npm_facility_keys', 'visits', 'visit_areas', 'visit_register_checks', 'visit_interviews', 'visit_reprisal_checks', 'visit_extracts', 'recommendations'];
    expect(everyRow(db)).toEqual({ ...before, ...Object.fromEntries(added.map((t) => [t, []])) });
  });
});
