import { describe, expect, it } from 'vitest';
import { databaseAt, tableNames } from './helpers';

describe('migration 0001: core tables', () => {
  it('creates the log, chain heads, devices, users, audit log and settings', () => {
    const db = databaseAt(1);
    expect(tableNames(db)).toEqual(['audit_log', 'chain_heads', 'devices', 'events', 'meta', 'users']);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });

  it('refuses two events with the same device and sequence number', () => {
    const db = databaseAt(1);
    const insert = db.prepare(
      `INSERT INTO events (event_id, device_id, device_seq, hlc, actor, type, entity_id, payload, schema_version, supersedes, prev_hash, hash)
       VALUES (?, 'dev', 1, 'h', 'a', 't', 'e', '{}', 1, '[]', '', 'x')`,
    );
    insert.run('e1');
    expect(() => insert.run('e2')).toThrow(/UNIQUE/);
  });

  it('makes the event log and the audit log append-only', () => {
    const db = databaseAt(1);
    db.prepare(
      `INSERT INTO events (event_id, device_id, device_seq, hlc, actor, type, entity_id, payload, schema_version, supersedes, prev_hash, hash)
       VALUES ('e1', 'dev', 1, 'h', 'a', 't', 'e', '{}', 1, '[]', '', 'x')`,
    ).run();
    db.prepare(`INSERT INTO audit_log (at, actor, action, method, outcome, prev_hash, hash) VALUES ('t', 'a', 'x', 'm', 'ok', '', 'h')`).run();
    expect(() => db.prepare('UPDATE events SET payload = \'{"x":1}\'').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    // The one column sync may fill in later is the server sequence.
    expect(() => db.prepare('UPDATE events SET server_seq = 7').run()).not.toThrow();
  });
});
