import { describe, expect, it } from 'vitest';
import { everyRow, fillEveryTable, migrateTo } from './data';
import { databaseAt, tableNames } from './helpers';

describe('migration 0005: sync quarantine', () => {
  it('adds the quarantine list, one row per event', () => {
    const db = databaseAt(5);
    expect(tableNames(db)).toContain('sync_quarantine');
    db.prepare("INSERT INTO sync_quarantine (event_id, reason, received_at) VALUES ('e1', 'unknown_type', 't')").run();
    expect(() => db.prepare("INSERT INTO sync_quarantine (event_id, reason, received_at) VALUES ('e1', 'x', 't')").run()).toThrow(/UNIQUE|PRIMARY/);
  });

  it('keeps every row written at version 4 and quarantines nothing already held', () => {
    const db = databaseAt(4);
    const before = fillEveryTable(db);
    migrateTo(db, 5);
    expect(everyRow(db)).toEqual({ ...before, sync_quarantine: [] });
  });
});
