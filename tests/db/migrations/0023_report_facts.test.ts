import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt } from './helpers';

describe('migration 0023: HQ per-episode facts for the national reports (issue #16 §5)', () => {
  it('adds an empty facts table to a database at version 22, keeping its episodes, and the table refuses a row without its facts', () => {
    const db = databaseAt(22);
    const info = db.prepare('PRAGMA table_info(episodes)').all() as { name: string; type: string }[];
    const cols = info.map((c) => c.name);
    const row = Object.fromEntries(info.map((c) => [c.name, c.name === 'episode_id' ? 'e1' : c.name === 'person_id' ? 'p1' : c.type === 'INTEGER' ? 0 : 'x']));
    db.prepare(`INSERT INTO episodes (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
    migrate(
      db,
      migrations.filter((m) => m.version <= 23),
    );
    expect(db.prepare('SELECT episode_id FROM episodes').all()).toEqual([{ episode_id: 'e1' }]);
    // Filled by HQ's console feed, never by the migration: a centre's device keeps it empty.
    expect(db.prepare('SELECT count(*) AS n FROM report_facts').get()).toEqual({ n: 0 });
    expect(() => db.prepare("INSERT INTO report_facts (episode_id, person_id) VALUES ('e1', 'p1')").run()).toThrow();
  });
});
