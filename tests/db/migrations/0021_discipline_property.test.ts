import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt, tableNames } from './helpers';

function personAndEpisode(db: ReturnType<typeof databaseAt>, episodeId: string, state: string, property: string): void {
  db.prepare(
    `INSERT OR IGNORE INTO persons (person_id, register_no, register_device, name_original, name_latin, aliases, sex, birth_estimated, nationalities, stateless, languages, created_at, updated_at, created_by, last_event_id)
     VALUES ('p1', 1, 'dev', 'A', 'A', '[]', 'male', 0, '[]', 0, '[]', 't', 't', 'u', 'e')`,
  ).run();
  db.prepare(
    `INSERT INTO episodes (episode_id, person_id, facility_id, facility_name, state, apprehension, apprehended_at, admitted_at, property, created_at, updated_at, last_event_id)
     VALUES (?, 'p1', 'f', 'Baku', ?, '{}', '2026-01-01T08:00:00.000Z', '2026-01-01T10:00:00.000Z', ?, 't0', 't1', 'e1')`,
  ).run(episodeId, state, property);
}

describe('migration 21: discipline cases and the property register (issue #15 §3, §5)', () => {
  it('an admission recorded before the migration keeps its inventory: held while the episode is open, unrecorded when it had closed', () => {
    const db = databaseAt(20);
    personAndEpisode(
      db,
      'open',
      'ACTIVE',
      JSON.stringify([
        { item: 'Phone', quantity: 1 },
        { item: 'Belt', quantity: 2, notes: 'leather' },
      ]),
    );
    personAndEpisode(db, 'closed', 'CLOSED', JSON.stringify([{ item: 'Watch', quantity: 1 }]));
    personAndEpisode(db, 'none', 'ACTIVE', '[]');
    migrate(
      db,
      migrations.filter((m) => m.version <= 21),
    );
    expect(tableNames(db)).toEqual(expect.arrayContaining(['discipline_cases', 'property_items', 'property_acknowledgements']));
    expect(db.prepare('SELECT item_id, episode_id, source, kind, description, quantity, notes, taken_at, state FROM property_items ORDER BY item_id').all()).toEqual([
      { item_id: 'closed:0', episode_id: 'closed', source: 'admission', kind: 'item', description: 'Watch', quantity: 1, notes: null, taken_at: '2026-01-01T10:00:00.000Z', state: 'unrecorded' },
      { item_id: 'open:0', episode_id: 'open', source: 'admission', kind: 'item', description: 'Phone', quantity: 1, notes: null, taken_at: '2026-01-01T10:00:00.000Z', state: 'held' },
      { item_id: 'open:1', episode_id: 'open', source: 'admission', kind: 'item', description: 'Belt', quantity: 2, notes: 'leather', taken_at: '2026-01-01T10:00:00.000Z', state: 'held' },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM discipline_cases').get()).toEqual({ n: 0 });
  });
});
