import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt } from './helpers';

describe('migration 0016: a tracing request the centre could not ask (issue #14 §3)', () => {
  it('adds the reason to the answers a database at version 15 holds, which keep their answers and read as asked', () => {
    const db = databaseAt(15);
    db.prepare("INSERT INTO tracing_answers VALUES ('r1', 'p1', NULL, 'refused', 'asked in private', '2026-12-01T10:00:00.000Z', 'u1', 'd1', 'h1', 'e1')").run();
    migrate(
      db,
      migrations.filter((m) => m.version <= 16),
    );
    expect(db.prepare('SELECT request_id, contact, note, could_not_ask FROM tracing_answers').all()).toEqual([{ request_id: 'r1', contact: 'refused', note: 'asked in private', could_not_ask: null }]);
    db.prepare("INSERT INTO tracing_answers VALUES ('r2', 'p2', NULL, NULL, 'released on 1 December', '2026-12-02T10:00:00.000Z', 'u1', 'd1', 'h2', 'e2', 'left_the_centre')").run();
    expect(db.prepare("SELECT could_not_ask FROM tracing_answers WHERE request_id = 'r2'").get()).toEqual({ could_not_ask: 'left_the_centre' });
  });
});
