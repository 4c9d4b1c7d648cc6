import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt } from './helpers';

describe('migration 0017: exit steps and deaths in custody (issue #15 §6)', () => {
  it('an episode closed before the migration keeps its outcome, has no exit steps and no death on record', () => {
    const db = databaseAt(16);
    db.prepare(
      `INSERT INTO persons (person_id, register_no, register_device, name_original, name_latin, aliases, sex, birth_estimated, nationalities, stateless, languages, created_at, updated_at, created_by, last_event_id)
       VALUES ('p1', 1, 'dev', 'A', 'A', '[]', 'male', 0, '[]', 0, '[]', 't', 't', 'u', 'e')`,
    ).run();
    db.prepare(
      `INSERT INTO episodes (episode_id, person_id, facility_id, facility_name, state, apprehension, apprehended_at, outcome, created_at, updated_at, last_event_id)
       VALUES ('x1', 'p1', 'f', 'Baku', 'CLOSED', '{}', 't', 'transferred_hospital', 't', 't', 'e')`,
    ).run();
    migrate(
      db,
      migrations.filter((m) => m.version <= 17),
    );
    expect(db.prepare('SELECT episode_id, state, outcome FROM episodes').all()).toEqual([{ episode_id: 'x1', state: 'CLOSED', outcome: 'transferred_hospital' }]);
    expect(db.prepare('SELECT count(*) AS n FROM exit_steps').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM deaths').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM death_notifications').get()).toEqual({ n: 0 });
  });
});
