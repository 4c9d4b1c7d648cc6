import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt, tableNames } from './helpers';

describe('migration 0014: the national duplicate check on a device (issue #14 §2)', () => {
  it('adds the links and the pending checks beside what a database at version 13 holds, which it leaves as it was', () => {
    const db = databaseAt(13);
    db.prepare("INSERT INTO meta (key, value) VALUES ('facility_name', 'Baku centre')").run();
    db.prepare("INSERT INTO tracing_requests VALUES ('r1', 'p1', '[\"contact_notice\"]', 'family', '2026-12-01T10:00:00.000Z', '2026-12-01T11:00:00.000Z')").run();
    migrate(
      db,
      migrations.filter((m) => m.version <= 14),
    );
    expect(tableNames(db)).toEqual(expect.arrayContaining(['national_links', 'national_checks']));
    expect(db.prepare("SELECT value FROM meta WHERE key = 'facility_name'").get()).toEqual({ value: 'Baku centre' });
    expect(db.prepare('SELECT request_id, person_id FROM tracing_requests').all()).toEqual([{ request_id: 'r1', person_id: 'p1' }]);

    // An intake not yet checked nationally waits with no candidates; a person is linked to one record once.
    db.prepare("INSERT INTO national_checks (person_id, status, asked_at, asked_by) VALUES ('p1', 'pending', 't', 'u1')").run();
    expect(db.prepare('SELECT status, candidates, checked_at FROM national_checks').get()).toEqual({ status: 'pending', candidates: '[]', checked_at: null });
    const link = db.prepare("INSERT INTO national_links VALUES ('p1', 'f2', 'p9', 'Sumqayit', 'B-7', 'same passport', 't', 'u1', 'e1')");
    link.run();
    expect(() => link.run()).toThrow(/UNIQUE/);
  });
});
