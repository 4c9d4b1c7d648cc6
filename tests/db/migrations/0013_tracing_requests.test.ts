import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt, tableNames } from './helpers';

describe('migration 0013: tracing requests from HQ and the answers (issue #14 §3)', () => {
  it('adds the two tables beside what a database at version 12 holds, which it leaves as it was', () => {
    const db = databaseAt(12);
    db.prepare("INSERT INTO meta (key, value) VALUES ('facility_name', 'Baku centre')").run();
    migrate(
      db,
      migrations.filter((m) => m.version <= 13),
    );
    expect(tableNames(db)).toEqual(expect.arrayContaining(['tracing_requests', 'tracing_answers']));
    expect(db.prepare("SELECT value FROM meta WHERE key = 'facility_name'").get()).toEqual({ value: 'Baku centre' });
    db.prepare("INSERT INTO tracing_requests VALUES ('r1', 'p1', '[\"contact_notice\"]', 'family', '2026-12-01T10:00:00.000Z', '2026-12-01T11:00:00.000Z')").run();
    expect(() => db.prepare("INSERT INTO tracing_requests VALUES ('r1', 'p1', '[]', 'family', 't', 't')").run()).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT person_id, requester_category FROM tracing_requests').all()).toEqual([{ person_id: 'p1', requester_category: 'family' }]);
  });
});
