import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt, tableNames } from './helpers';

describe('migration 0015: HQ tracing inquiries (issue #14 §3)', () => {
  it('adds the inquiry tables beside what a database at version 14 holds, which it leaves as it was', () => {
    const db = databaseAt(14);
    db.prepare("INSERT INTO national_checks (person_id, status, asked_at, asked_by) VALUES ('p1', 'pending', 't', 'u1')").run();
    migrate(
      db,
      migrations.filter((m) => m.version <= 15),
    );
    expect(tableNames(db)).toEqual(expect.arrayContaining(['tracing_inquiries', 'tracing_reviews', 'tracing_inquiry_answers', 'tracing_records']));
    expect(db.prepare('SELECT person_id, status FROM national_checks').all()).toEqual([{ person_id: 'p1', status: 'pending' }]);
    // One decision stands per candidate of an inquiry.
    const review = db.prepare("INSERT INTO tracing_reviews VALUES ('i1', 'person', 'p1', 'confirmed', 'same passport', 't', 'u1', 'e1')");
    review.run();
    expect(() => review.run()).toThrow(/UNIQUE/);
  });
});
