import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt } from './helpers';

describe('migration 0022: transfers between centres (issue #15 §6)', () => {
  it('adds the transfers, the inbox and an episode column a database at version 21 lacks, its episodes reading as not in transfer', () => {
    const db = databaseAt(21);
    const info = db.prepare('PRAGMA table_info(episodes)').all() as { name: string; type: string }[];
    const cols = info.map((c) => c.name);
    const row = Object.fromEntries(info.map((c) => [c.name, c.name === 'episode_id' ? 'e1' : c.name === 'person_id' ? 'p1' : c.type === 'INTEGER' ? 0 : 'x']));
    db.prepare(`INSERT INTO episodes (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
    migrate(
      db,
      migrations.filter((m) => m.version <= 22),
    );
    expect(db.prepare('SELECT episode_id, in_transfer FROM episodes').all()).toEqual([{ episode_id: 'e1', in_transfer: null }]);
    db.prepare("INSERT INTO transfer_inbox VALUES ('t1', 'p1', 'f1', 'Baku', '{}', 'file', '2026-12-01T10:00:00.000Z')").run();
    expect(db.prepare('SELECT transfer_id, source FROM transfer_inbox').all()).toEqual([{ transfer_id: 't1', source: 'file' }]);
    expect(() => db.prepare("INSERT INTO transfers (transfer_id) VALUES ('t2')").run()).toThrow();
  });
});
