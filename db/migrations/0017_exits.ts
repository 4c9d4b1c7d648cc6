import type { Migration } from './types';

/**
 * Every way out (issue #15 §6, docs/exits.md): the steps of an episode's exit pathway, one row per recorded
 * step (the latest exit.stepRecorded for that step wins), and a death in custody with its notifications and
 * the unclaimed-body record. Projections of exit.* and death.* events; no backfill, the events are new —
 * episodes closed before this migration keep their outcome on `episodes` and read as they did.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'exits',
  up: `
    CREATE TABLE exit_steps (
      episode_id TEXT NOT NULL,
      person_id TEXT NOT NULL,
      pathway TEXT NOT NULL,
      step TEXT NOT NULL,
      details TEXT NOT NULL,
      done_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (episode_id, step)
    ) STRICT;
    CREATE INDEX exit_steps_person ON exit_steps (person_id);
    CREATE TABLE deaths (
      episode_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      died_at TEXT NOT NULL,
      place TEXT NOT NULL,
      circumstances TEXT NOT NULL,
      found_by TEXT NOT NULL,
      certificate TEXT NOT NULL,
      found_at TEXT NOT NULL,
      family_known INTEGER NOT NULL,
      body TEXT,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX deaths_person ON deaths (person_id);
    CREATE INDEX deaths_died ON deaths (died_at);
    CREATE TABLE death_notifications (
      episode_id TEXT NOT NULL,
      person_id TEXT NOT NULL,
      recipient TEXT NOT NULL,
      notified_at TEXT NOT NULL,
      to_whom TEXT NOT NULL,
      channel TEXT NOT NULL,
      reference TEXT,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (episode_id, recipient)
    ) STRICT;
  `,
};
