import type { Migration } from './types';

/**
 * Ombudsman (NPM) visits on an office installation (OPCAT Arts 19–22). All projections of npm.* and
 * visit.* events. Interview content and reprisal-check notes are held only as sealed JSON (sealed to the
 * organisation key): nothing in these tables names or quotes an interviewee in the clear.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'npm',
  up: `
    -- Centres the office knows by their identity files; facility_id is the centre's installation id.
    CREATE TABLE npm_facilities (
      facility_id TEXT PRIMARY KEY,
      installation_id TEXT NOT NULL,
      name TEXT NOT NULL,
      added_at TEXT NOT NULL
    ) STRICT;

    -- Each device of a centre that signs its files (extracts, responses).
    CREATE TABLE npm_facility_keys (
      facility_id TEXT NOT NULL,
      device_id TEXT NOT NULL,
      device_name TEXT NOT NULL,
      public_key TEXT NOT NULL,
      added_at TEXT NOT NULL,
      PRIMARY KEY (facility_id, device_id)
    ) STRICT;

    CREATE TABLE visits (
      visit_id TEXT PRIMARY KEY,
      facility_id TEXT NOT NULL,
      type TEXT NOT NULL,
      announced INTEGER NOT NULL,
      planned_for TEXT NOT NULL,
      team TEXT NOT NULL,
      follows_visit_id TEXT,
      purpose TEXT,
      state TEXT NOT NULL,
      arrived_at TEXT,
      left_at TEXT,
      report_drafted_at TEXT,
      report_sent_at TEXT,
      follow_up_at TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    ) STRICT;
    CREATE INDEX visits_facility ON visits (facility_id, planned_for);

    CREATE TABLE visit_areas (
      event_id TEXT PRIMARY KEY,
      visit_id TEXT NOT NULL,
      area TEXT NOT NULL,
      rating TEXT NOT NULL,
      note TEXT,
      sources TEXT NOT NULL,
      at TEXT NOT NULL,
      local_seq INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX visit_areas_visit ON visit_areas (visit_id, local_seq);

    CREATE TABLE visit_register_checks (
      event_id TEXT PRIMARY KEY,
      visit_id TEXT NOT NULL,
      register TEXT NOT NULL,
      note TEXT,
      at TEXT NOT NULL,
      local_seq INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX visit_register_checks_visit ON visit_register_checks (visit_id, local_seq);

    CREATE TABLE visit_interviews (
      interview_id TEXT PRIMARY KEY,
      visit_id TEXT NOT NULL,
      facility_id TEXT NOT NULL,
      pseudonym TEXT NOT NULL,
      private INTEGER NOT NULL,
      kind TEXT NOT NULL,
      group_size INTEGER,
      at TEXT NOT NULL,
      consent_scope TEXT NOT NULL,
      reprisal_risk TEXT NOT NULL,
      language TEXT,
      interpreter_used INTEGER NOT NULL,
      -- sealed to the organisation key (core/npm/sealed.ts): notes, name, register number, allegations, claims
      sealed TEXT NOT NULL
    ) STRICT;
    CREATE INDEX visit_interviews_visit ON visit_interviews (visit_id, at);
    CREATE INDEX visit_interviews_facility ON visit_interviews (facility_id, at);

    CREATE TABLE visit_reprisal_checks (
      event_id TEXT PRIMARY KEY,
      interview_id TEXT NOT NULL,
      visit_id TEXT NOT NULL,
      at TEXT NOT NULL,
      outcome TEXT NOT NULL,
      sealed_note TEXT
    ) STRICT;
    CREATE INDEX visit_reprisal_checks_interview ON visit_reprisal_checks (interview_id);
    CREATE INDEX visit_reprisal_checks_visit ON visit_reprisal_checks (visit_id, at);

    -- The centre's signed register extracts as imported for a visit (body = the signed canonical JSON).
    CREATE TABLE visit_extracts (
      visit_id TEXT NOT NULL,
      extract_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      from_date TEXT NOT NULL,
      to_date TEXT NOT NULL,
      generated_at TEXT NOT NULL,
      persons INTEGER NOT NULL,
      body TEXT NOT NULL,
      local_seq INTEGER NOT NULL,
      PRIMARY KEY (visit_id, extract_id)
    ) STRICT;

    CREATE TABLE recommendations (
      recommendation_id TEXT PRIMARY KEY,
      visit_id TEXT NOT NULL,
      facility_id TEXT NOT NULL,
      title TEXT NOT NULL,
      standard TEXT NOT NULL,
      severity TEXT NOT NULL,
      area TEXT,
      finding TEXT NOT NULL,
      recommendation TEXT NOT NULL,
      addressee TEXT NOT NULL,
      due_date TEXT NOT NULL,
      created_at TEXT NOT NULL,
      local_seq INTEGER NOT NULL,
      issued_at TEXT,
      response TEXT,
      implementation TEXT,
      verified_at TEXT,
      verified_on_visit_id TEXT,
      verification_note TEXT
    ) STRICT;
    CREATE INDEX recommendations_visit ON recommendations (visit_id, local_seq);
    CREATE INDEX recommendations_facility ON recommendations (facility_id, local_seq);
  `,
};
