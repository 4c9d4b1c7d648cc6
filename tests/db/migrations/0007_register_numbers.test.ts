import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt, tableNames } from './helpers';

/** Runs migration 7 alone on a version-6 database. */
const to7 = (db: BetterSqlite3.Database) =>
  migrate(
    db,
    migrations.filter((m) => m.version <= 7),
  );

const A = 'aaaa1111-0000-4000-8000-000000000001';
const B = 'bbbb2222-0000-4000-8000-000000000002';

/** An event row as the log holds it; only the columns the backfill reads carry meaning here. */
function event(db: BetterSqlite3.Database, e: { id: string; device: string; seq: number; hlc: string; type: string; entity: string }) {
  db.prepare(
    `INSERT INTO events (event_id, device_id, device_seq, hlc, actor, type, entity_id, payload, schema_version, supersedes, prev_hash, hash)
     VALUES (?, ?, ?, ?, 'u', ?, ?, '{}', 1, '[]', '', 'h')`,
  ).run(e.id, e.device, e.seq, e.hlc, e.type, e.entity);
}

function person(db: BetterSqlite3.Database, id: string, registerNo: number) {
  db.prepare(
    `INSERT INTO persons (person_id, register_no, name_original, name_latin, aliases, sex, birth_estimated, nationalities, stateless, languages, created_at, updated_at, created_by, last_event_id)
     VALUES (?, ?, ?, ?, '[]', 'male', 0, '[]', 0, '[]', 't', 't', 'u', 'e')`,
  ).run(id, registerNo, id, id);
}

function episode(db: BetterSqlite3.Database, id: string, personId: string, bookNo: number | null) {
  db.prepare(
    `INSERT INTO episodes (episode_id, person_id, facility_id, facility_name, state, apprehension, apprehended_at, book_no, created_at, updated_at, last_event_id)
     VALUES (?, ?, 'f', 'Baku', 'ACTIVE', '{}', 't', ?, 't', 't', 'e')`,
  ).run(id, personId, bookNo);
}

/**
 * A version-6 store of device A that received device B's events interleaved with its own, numbered
 * the old way (one count in arrival order), with one episode admitted on both devices at once.
 */
function version6Store() {
  const db = databaseAt(6);
  const hlc = (n: number) => `2026-11-23T06:00:0${n}.000Z-0000-x`;
  // Arrival order on this replica: A's p1, B's p2, A's p3 (global numbers 1, 2, 3).
  event(db, { id: 'e1', device: A, seq: 1, hlc: hlc(1), type: 'person.registered', entity: 'p1' });
  event(db, { id: 'e2', device: B, seq: 1, hlc: hlc(2), type: 'person.registered', entity: 'p2' });
  event(db, { id: 'e3', device: A, seq: 2, hlc: hlc(3), type: 'person.registered', entity: 'p3' });
  for (const [id, no] of [
    ['p1', 1],
    ['p2', 2],
    ['p3', 3],
  ] as const)
    person(db, id, no);
  // Book lines: A admits x1; B admits x2; then both admit x3 (B's admission has the earlier clock).
  event(db, { id: 'e4', device: A, seq: 3, hlc: hlc(4), type: 'episode.admitted', entity: 'x1' });
  event(db, { id: 'e5', device: B, seq: 2, hlc: hlc(5), type: 'episode.admitted', entity: 'x2' });
  event(db, { id: 'e7', device: A, seq: 4, hlc: hlc(7), type: 'episode.admitted', entity: 'x3' });
  event(db, { id: 'e6', device: B, seq: 3, hlc: hlc(6), type: 'episode.admitted', entity: 'x3' });
  // A quarantined event is never projected, so it takes no number.
  event(db, { id: 'e8', device: B, seq: 4, hlc: hlc(8), type: 'person.registered', entity: 'q1' });
  db.prepare("INSERT INTO sync_quarantine (event_id, reason, received_at) VALUES ('e8', 'invalid_payload', 't')").run();
  episode(db, 'x1', 'p1', 1);
  episode(db, 'x2', 'p2', 2);
  episode(db, 'x3', 'p3', 4);
  episode(db, 'x4', 'p3', null);
  return db;
}

describe('migration 0007: register and book numbers per device', () => {
  it('renumbers each device’s registrations and admissions in its own chain order, as a rebuild would', () => {
    const db = version6Store();
    to7(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(7);
    expect(db.prepare('SELECT person_id, register_device, register_no FROM persons ORDER BY person_id').all()).toEqual([
      { person_id: 'p1', register_device: A, register_no: 1 },
      { person_id: 'p2', register_device: B, register_no: 1 },
      { person_id: 'p3', register_device: A, register_no: 2 },
    ]);
    // x3 keeps B's line (the earlier admission); A's line 2 stays unused, as it is on every replica.
    expect(db.prepare('SELECT episode_id, book_device, book_no, book_event FROM episodes ORDER BY episode_id').all()).toEqual([
      { episode_id: 'x1', book_device: A, book_no: 1, book_event: 'e4' },
      { episode_id: 'x2', book_device: B, book_no: 1, book_event: 'e5' },
      { episode_id: 'x3', book_device: B, book_no: 2, book_event: 'e6' },
      { episode_id: 'x4', book_device: null, book_no: null, book_event: null },
    ]);
    expect(db.prepare('SELECT device_id, series, last_no FROM register_counters ORDER BY device_id, series').all()).toEqual([
      { device_id: A, series: 'book', last_no: 2 },
      { device_id: A, series: 'person', last_no: 2 },
      { device_id: B, series: 'book', last_no: 2 },
      { device_id: B, series: 'person', last_no: 1 },
    ]);
  });

  it('keeps every person column and index, and leaves no working table behind', () => {
    const db = version6Store();
    const before = db.prepare('SELECT person_id, name_latin, flags, restricted, merged_into FROM persons ORDER BY person_id').all();
    const tables = tableNames(db);
    to7(db);
    expect(db.prepare('SELECT person_id, name_latin, flags, restricted, merged_into FROM persons ORDER BY person_id').all()).toEqual(before);
    expect(tableNames(db)).toEqual([...tables, 'register_counters'].sort());
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'persons' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name).sort();
    expect(indexes).toEqual(['persons_created', 'persons_latin', 'persons_merged', 'persons_register_no']);
  });

  it('a row with no event behind it keeps its old number with an unknown device', () => {
    const db = databaseAt(6);
    person(db, 'legacy', 7);
    episode(db, 'ep', 'legacy', 5);
    to7(db);
    expect(db.prepare('SELECT register_device, register_no FROM persons').get()).toEqual({ register_device: '', register_no: 7 });
    expect(db.prepare('SELECT book_device, book_no FROM episodes').get()).toEqual({ book_device: '', book_no: 5 });
  });

  it('a number is unique per device; two devices may both have line 1', () => {
    const db = databaseAt(7);
    const insert = db.prepare(
      `INSERT INTO persons (person_id, register_device, register_no, name_original, name_latin, aliases, sex, birth_estimated, nationalities, stateless, languages, created_at, updated_at, created_by, last_event_id)
       VALUES (?, ?, 1, 'n', 'n', '[]', 'male', 0, '[]', 0, '[]', 't', 't', 'u', 'e')`,
    );
    insert.run('p1', A);
    insert.run('p2', B);
    expect(() => insert.run('p3', A)).toThrow(/UNIQUE/);
    episode(db, 'x1', 'p1', null);
    episode(db, 'x2', 'p2', null);
    const line = db.prepare('UPDATE episodes SET book_device = ?, book_no = 1 WHERE episode_id = ?');
    line.run(A, 'x1');
    line.run(B, 'x2');
    expect(() => line.run(A, 'x2')).toThrow(/UNIQUE/);
  });
});
