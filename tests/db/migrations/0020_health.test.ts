import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt, tableNames } from './helpers';

describe('migration 0020: health during the stay (issue #15 §4)', () => {
  it('an episode held before the migration keeps its row, is not in hospital, and the health tables start empty', () => {
    const db = databaseAt(19);
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
      migrations.filter((m) => m.version <= 20),
    );
    expect(db.prepare('SELECT episode_id, state, in_hospital_since, exit_exam_not_done FROM episodes').all()).toEqual([
      { episode_id: 'x1', state: 'ACTIVE', in_hospital_since: null, exit_exam_not_done: null },
    ]);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['health_visits', 'hospital_stays', 'injuries', 'injury_reports']));
    for (const t of ['health_visits', 'hospital_stays', 'injuries', 'injury_reports']) expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
  });
});
