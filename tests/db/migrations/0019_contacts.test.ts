import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt } from './helpers';

describe('migration 0019: the contact log, with consular visits already recorded (issue #15 §1)', () => {
  it('turns every consular notice marked visited into a consul visit that took place, and leaves notices without a visit out', () => {
    const db = databaseAt(18);
    const notice = db.prepare(
      `INSERT INTO consular_notices (notice_id, person_id, episode_id, states, informed_at, wish, visited_at, created_at) VALUES (?, ?, ?, '["GEO","ARM"]', '2026-11-01T08:00:00.000Z', 'wants', ?, '2026-11-01T08:00:00.000Z')`,
    );
    notice.run('n1', 'p1', 'x1', '2026-11-03T10:30:00.000Z');
    notice.run('n2', 'p2', 'x2', null);
    migrate(
      db,
      migrations.filter((m) => m.version <= 19),
    );
    expect(db.prepare('SELECT contact_id, person_id, episode_id, kind, category, who_name, at, outcome, notice_id, source FROM contacts').all()).toEqual([
      {
        contact_id: 'consular:n1',
        person_id: 'p1',
        episode_id: 'x1',
        kind: 'visit',
        category: 'consul',
        who_name: 'GEO, ARM',
        at: '2026-11-03T10:30:00.000Z',
        outcome: 'took_place',
        notice_id: 'n1',
        source: 'consular',
      },
    ]);
    expect(db.prepare("SELECT visited_at FROM consular_notices WHERE notice_id = 'n1'").get()).toEqual({ visited_at: '2026-11-03T10:30:00.000Z' });
  });
});
