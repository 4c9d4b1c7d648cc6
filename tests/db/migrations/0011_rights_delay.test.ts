import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt } from './helpers';

describe('migration 11: the recorded reason for a rights delay (issue #11 §3)', () => {
  it('an episode held before the migration keeps its row and has no delay on record', () => {
    const db = databaseAt(10);
    db.prepare(
      `INSERT INTO persons (person_id, register_no, register_device, name_original, name_latin, aliases, sex, birth_estimated, nationalities, stateless, languages, created_at, updated_at, created_by, last_event_id)
       VALUES ('p1', 1, 'dev', 'A', 'A', '[]', 'male', 0, '[]', 0, '[]', 't', 't', 'u', 'e')`,
    ).run();
    db.prepare(
      `INSERT INTO episodes (episode_id, person_id, facility_id, facility_name, state, apprehension, apprehended_at, created_at, updated_at, last_event_id)
       VALUES ('x1', 'p1', 'f', 'Baku', 'ACTIVE', '{}', 't', 't', 't', 'e')`,
    ).run();
    migrate(
      db,
      migrations.filter((m) => m.version <= 11),
    );
    expect(db.prepare('SELECT episode_id, state, rights_delay FROM episodes').all()).toEqual([{ episode_id: 'x1', state: 'ACTIVE', rights_delay: null }]);
  });
});
