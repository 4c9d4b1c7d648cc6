import { describe, expect, it } from 'vitest';
import { everyRow, fillEveryTable, migrateTo, withColumns } from './data';
import { databaseAt, tableNames } from './helpers';

describe('migration 0004: safeguards', () => {
  it('adds rights notifications, interpreters, consular notices and legal aid, and the status-change column', () => {
    const db = databaseAt(4);
    for (const t of ['rights_notifications', 'interpreter_uses', 'consular_notices', 'legal_aid_requests', 'legal_aid_waivers']) expect(tableNames(db)).toContain(t);
    const columns = (db.prepare('PRAGMA table_info(episodes)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('status_changed_at');
  });

  it('gives every printed letter a unique verification code', () => {
    const db = databaseAt(4);
    const insert = db.prepare(
      `INSERT INTO rights_notifications (notification_id, person_id, episode_id, at, mode, language, items, acknowledgement, copy_handed, recorded_by, verify_code)
       VALUES (?, 'p', 'e', 't', 'written', 'ru', '[]', '{}', 1, 'u', 'ABCD-EFGH')`,
    );
    insert.run('n1');
    expect(() => insert.run('n2')).toThrow(/UNIQUE/);
  });

  it('keeps every row written at version 3; an episode held before it has no status change on record, and no safeguard is invented', () => {
    const db = databaseAt(3);
    const before = fillEveryTable(db);
    migrateTo(db, 4);
    expect(everyRow(db)).toEqual({
      ...before,
      episodes: withColumns(before.episodes!, { status_changed_at: null }),
      rights_notifications: [],
      interpreter_uses: [],
      consular_notices: [],
      legal_aid_requests: [],
      legal_aid_waivers: [],
    });
  });
});
