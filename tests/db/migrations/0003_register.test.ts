import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { everyRow, fillEveryTable, migrateTo, withColumns } from './data';
import { databaseAt, tableNames } from './helpers';

describe('migration 0003: the detention register', () => {
  it('adds the register tables and keeps persons already recorded', () => {
    const db = databaseAt(2);
    db.prepare(
      `INSERT INTO persons (person_id, register_no, name_original, name_latin, aliases, sex, birth_estimated, nationalities, stateless, languages, created_at, updated_at, created_by, last_event_id)
       VALUES ('p1', 1, 'Ана', 'Ana', '[]', 'female', 0, '[]', 0, '[]', 't', 't', 'u', 'e')`,
    ).run();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
    for (const t of ['documents', 'episodes', 'screenings', 'referrals', 'asylum_claims', 'age_assessments', 'guardians', 'nr_checks', 'person_name_keys', 'person_events', 'drafts']) {
      expect(tableNames(db)).toContain(t);
    }
    expect(db.prepare('SELECT name_latin, flags, restricted, merged_into FROM persons').get()).toEqual({ name_latin: 'Ana', flags: '[]', restricted: 0, merged_into: null });
  });

  it('keeps one name key per person and key', () => {
    const db = databaseAt(3);
    db.prepare("INSERT INTO person_name_keys (key, person_id) VALUES ('mhmd', 'p1')").run();
    expect(() => db.prepare("INSERT INTO person_name_keys (key, person_id) VALUES ('mhmd', 'p1')").run()).toThrow(/UNIQUE|PRIMARY/);
  });

  it('keeps every row written at version 2; a person recorded before it is unmerged, unflagged and unrestricted', () => {
    const db = databaseAt(2);
    const before = fillEveryTable(db);
    migrateTo(db, 3);
    const empty = ['documents', 'episodes', 'screenings', 'referrals', 'asylum_claims', 'age_assessments', 'guardians', 'nr_checks', 'person_name_keys', 'person_events', 'drafts'];
    expect(everyRow(db)).toEqual({
      ...before,
      persons: withColumns(before.persons!, { merged_into: null, flags: '[]', restricted: 0 }),
      ...Object.fromEntries(empty.map((t) => [t, []])),
    });
  });
});
