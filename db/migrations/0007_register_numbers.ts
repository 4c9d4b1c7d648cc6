import type { Migration } from './types';

/**
 * Register and book numbers counted per authoring device (core/register-number.ts). One count over
 * the whole log made the numbers depend on the order other devices' events arrived in, so replicas
 * disagreed and two devices recording offline could take the same number.
 *
 * A device's n-th `person.registered` event is its register number n; its n-th `episode.admitted` is
 * its book line n. `register_counters` holds each device's last number so a projection takes the next
 * without counting. An episode admitted concurrently on two devices keeps the line of the earlier
 * admission (by clock, then event id); the other line stays unused, on every replica alike.
 *
 * The backfill numbers the existing log exactly as a rebuild would. Rows with no event behind them
 * (never written by this application) keep their old number with an unknown device ('').
 * `persons` is rebuilt because its old register_no carried a table-wide UNIQUE that SQLite cannot drop.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'register_numbers',
  up: `
    CREATE TABLE register_counters (
      device_id TEXT NOT NULL,
      series TEXT NOT NULL CHECK (series IN ('person', 'book')),
      last_no INTEGER NOT NULL,
      PRIMARY KEY (device_id, series)
    ) STRICT, WITHOUT ROWID;

    CREATE TEMP TABLE numbered AS
      SELECT event_id, entity_id, device_id, hlc, type,
             row_number() OVER (PARTITION BY device_id, type ORDER BY device_seq) AS n
      FROM events
      WHERE type IN ('person.registered', 'episode.admitted')
        AND event_id NOT IN (SELECT event_id FROM sync_quarantine);

    INSERT INTO register_counters (device_id, series, last_no)
      SELECT device_id, CASE type WHEN 'person.registered' THEN 'person' ELSE 'book' END, max(n)
      FROM numbered GROUP BY device_id, type;

    CREATE TABLE persons_next (
      person_id TEXT PRIMARY KEY,
      register_device TEXT NOT NULL,
      register_no INTEGER NOT NULL,
      name_original TEXT NOT NULL,
      name_latin TEXT NOT NULL,
      patronymic TEXT,
      aliases TEXT NOT NULL,
      sex TEXT NOT NULL,
      birth_date TEXT,
      birth_estimated INTEGER NOT NULL,
      birth_basis TEXT,
      nationalities TEXT NOT NULL,
      stateless INTEGER NOT NULL,
      languages TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      last_event_id TEXT NOT NULL,
      merged_into TEXT,
      flags TEXT NOT NULL DEFAULT '[]',
      restricted INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    INSERT INTO persons_next
      SELECT p.person_id, coalesce(r.device_id, ''), coalesce(r.n, p.register_no),
             p.name_original, p.name_latin, p.patronymic, p.aliases, p.sex, p.birth_date, p.birth_estimated, p.birth_basis,
             p.nationalities, p.stateless, p.languages, p.created_at, p.updated_at, p.created_by, p.last_event_id,
             p.merged_into, p.flags, p.restricted
      FROM persons p
      LEFT JOIN numbered r ON r.entity_id = p.person_id AND r.type = 'person.registered';

    DROP TABLE persons;
    ALTER TABLE persons_next RENAME TO persons;
    CREATE INDEX persons_latin ON persons (name_latin COLLATE NOCASE);
    CREATE INDEX persons_merged ON persons (merged_into) WHERE merged_into IS NOT NULL;
    CREATE UNIQUE INDEX persons_register_no ON persons (register_device, register_no);
    -- The persons list, newest first, read off an index as it was off the old table-wide number.
    CREATE INDEX persons_created ON persons (created_at, person_id);

    DROP INDEX episodes_book_no;
    ALTER TABLE episodes ADD COLUMN book_device TEXT;
    ALTER TABLE episodes ADD COLUMN book_event TEXT;
    UPDATE episodes SET book_device = '' WHERE book_no IS NOT NULL;
    UPDATE episodes
      SET (book_device, book_no, book_event) = (
        SELECT device_id, n, event_id FROM numbered
        WHERE entity_id = episodes.episode_id AND type = 'episode.admitted'
        ORDER BY hlc, event_id LIMIT 1)
      WHERE book_no IS NOT NULL
        AND EXISTS (SELECT 1 FROM numbered WHERE entity_id = episodes.episode_id AND type = 'episode.admitted');
    CREATE UNIQUE INDEX episodes_book_no ON episodes (book_device, book_no);

    DROP TABLE numbered;
  `,
};
