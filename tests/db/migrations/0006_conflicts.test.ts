import { describe, expect, it } from 'vitest';
import { everyRow, fillEveryTable, migrateTo } from './data';
import { databaseAt, tableNames } from './helpers';

describe('migration 0006: field heads for concurrent corrections', () => {
  it('adds the field heads and the superseded events on top of version 5', () => {
    expect(tableNames(databaseAt(6))).toEqual([...tableNames(databaseAt(5)), 'field_heads', 'superseded_events'].sort());
  });

  it('keeps every row written at version 5, and finds no field conflicted until the log is replayed into the new tables', () => {
    const db = databaseAt(5);
    const before = fillEveryTable(db);
    migrateTo(db, 6);
    expect(everyRow(db)).toEqual({ ...before, field_heads: [], superseded_events: [] });
  });

  it('holds several heads of one field, one per event, and marks an event superseded once', () => {
    const db = databaseAt(6);
    const head = db.prepare("INSERT INTO field_heads (entity_id, field, event_id, entity_type, value, hlc, actor) VALUES ('p1', 'names.latin', ?, 'person', ?, 'h', 'u')");
    head.run('e1', '"Mohammad Rahimi"');
    head.run('e2', '"Muhammad Rahimi"');
    expect(() => head.run('e1', '"Other"')).toThrow(/UNIQUE|PRIMARY/);
    expect(db.prepare("SELECT event_id, value FROM field_heads WHERE entity_id = 'p1' AND field = 'names.latin' ORDER BY event_id").all()).toEqual([
      { event_id: 'e1', value: '"Mohammad Rahimi"' },
      { event_id: 'e2', value: '"Muhammad Rahimi"' },
    ]);
    const superseded = db.prepare('INSERT INTO superseded_events (event_id) VALUES (?)');
    superseded.run('e0');
    expect(() => superseded.run('e0')).toThrow(/UNIQUE|PRIMARY/);
  });
});
