import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt, tableNames } from './helpers';

describe('migration 0018: requests, complaints and appeals (issue #15 §2)', () => {
  it('adds the two tables beside what a database at version 17 holds, which it leaves as it was', () => {
    const db = databaseAt(17);
    db.prepare("INSERT INTO meta (key, value) VALUES ('facility_name', 'Baku centre')").run();
    migrate(
      db,
      migrations.filter((m) => m.version <= 18),
    );
    expect(tableNames(db)).toEqual(expect.arrayContaining(['complaints', 'appeals']));
    expect(db.prepare("SELECT value FROM meta WHERE key = 'facility_name'").get()).toEqual({ value: 'Baku centre' });
    db.prepare(
      `INSERT INTO complaints (complaint_id, person_id, episode_id, kind, category, subject, lodged_by, received_at, addressee, recorded_at, recorded_by, updated_at, last_event_id)
       VALUES ('c1', 'p1', 'x1', 'complaint', 'conditions', 'Cold cell', 'person', '2026-12-01', 'centre_head', 't', 'u', 't', 'e')`,
    ).run();
    expect(db.prepare('SELECT about_staff, staff_user_ids, answered_at FROM complaints').all()).toEqual([{ about_staff: 0, staff_user_ids: '[]', answered_at: null }]);
  });
});
