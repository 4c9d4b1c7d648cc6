import type { Migration } from './types';

/**
 * Health during the stay (issue #15 §4, docs/health.md): medical examinations (at leaving, children's
 * periodic ones) and visits with their treatment, hospital stays while still detained, injuries and the
 * reports an injury not seen at admission calls for. All projections of `health.*` events. Medical content
 * lives only in these tables; `episodes.in_hospital_since` is the one safety fact every role may see (the
 * register's "in hospital" badge), never the reason.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'health',
  up: `
    ALTER TABLE episodes ADD COLUMN in_hospital_since TEXT;
    -- Why the person left without the examination before leaving (JSON: at, reason, by), when recorded.
    ALTER TABLE episodes ADD COLUMN exit_exam_not_done TEXT;

    CREATE TABLE health_visits (
      visit_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      at TEXT NOT NULL,
      clinician TEXT NOT NULL,
      complaint TEXT,
      finding TEXT NOT NULL,
      treatment TEXT,
      follow_up_on TEXT,
      recorded_by TEXT NOT NULL,
      event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX health_visits_episode ON health_visits (episode_id, at);

    CREATE TABLE hospital_stays (
      stay_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      admitted_at TEXT NOT NULL,
      hospital TEXT NOT NULL,
      reason TEXT NOT NULL,
      escort TEXT NOT NULL,
      returned_at TEXT,
      recorded_by TEXT NOT NULL,
      event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX hospital_stays_episode ON hospital_stays (episode_id, admitted_at);

    CREATE TABLE injuries (
      injury_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      episode_id TEXT NOT NULL,
      examined_at TEXT NOT NULL,
      examiner TEXT NOT NULL,
      region TEXT NOT NULL,
      location_note TEXT,
      account TEXT NOT NULL,
      finding TEXT NOT NULL,
      seen_at_admission INTEGER NOT NULL,
      recorded_by TEXT NOT NULL,
      event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX injuries_episode ON injuries (episode_id, examined_at);

    CREATE TABLE injury_reports (
      injury_id TEXT NOT NULL,
      addressee TEXT NOT NULL,
      sent_to TEXT NOT NULL,
      sent_at TEXT NOT NULL,
      reference TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (injury_id, addressee)
    ) STRICT;
  `,
};
