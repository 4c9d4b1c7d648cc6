import type { Migration } from './types';

/**
 * Tracing requests from HQ to the centre (issue #14 §3, docs/sync.md#tracing-requests-to-a-centre): HQ asks
 * the centre to ask a held person's consent to disclose their whereabouts and/or to tell them who is looking
 * for them. `tracing_requests` holds what HQ sent with a pull (not an event: HQ records nothing in a
 * device's log), `tracing_answers` the person's answer, a projection of person.tracingAnswered. Only the
 * requester's category reaches a centre, never their name or contact.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'tracing_requests',
  up: `
    CREATE TABLE tracing_requests (
      request_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      kinds TEXT NOT NULL,
      requester_category TEXT NOT NULL,
      asked_at TEXT NOT NULL,
      received_at TEXT NOT NULL
    );
    CREATE INDEX tracing_requests_person ON tracing_requests (person_id);
    CREATE TABLE tracing_answers (
      request_id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      consent_to_disclose TEXT,
      contact TEXT,
      note TEXT,
      answered_at TEXT NOT NULL,
      answered_by TEXT NOT NULL,
      device_id TEXT NOT NULL,
      hlc TEXT NOT NULL,
      event_id TEXT NOT NULL
    );
    CREATE INDEX tracing_answers_person ON tracing_answers (person_id);
  `,
};
