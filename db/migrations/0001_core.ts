import type { Migration } from './types';

/** The installation's own tables: settings, the event log, chain heads, devices, users, the audit log. */
export const migration0001: Migration = {
  version: 1,
  name: 'core',
  up: `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

    CREATE TABLE events (
      local_seq INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id TEXT NOT NULL UNIQUE,
      device_id TEXT NOT NULL,
      device_seq INTEGER NOT NULL CHECK (device_seq >= 1),
      hlc TEXT NOT NULL,
      actor TEXT NOT NULL,
      type TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      payload TEXT NOT NULL,
      schema_version INTEGER NOT NULL,
      supersedes TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      server_seq INTEGER,
      UNIQUE (device_id, device_seq)
    ) STRICT;
    CREATE INDEX events_entity ON events (entity_id, local_seq);

    CREATE TABLE chain_heads (
      device_id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      hash TEXT NOT NULL,
      signature TEXT NOT NULL,
      signed_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE devices (
      device_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      public_key TEXT NOT NULL,
      is_self INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE users (
      user_id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      roles TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT,
      action TEXT NOT NULL,
      method TEXT NOT NULL,
      entity_type TEXT,
      entity_id TEXT,
      outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
      detail TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_entity ON audit_log (entity_id, seq);

    -- The log is append-only: corrections are new events, never edits.
    CREATE TRIGGER events_no_update BEFORE UPDATE OF event_id, device_id, device_seq, hlc, actor, type, entity_id, payload, schema_version, supersedes, prev_hash, hash ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
};
