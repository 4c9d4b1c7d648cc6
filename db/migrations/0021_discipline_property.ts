import type { Migration } from './types';

/**
 * Discipline and property over the whole stay (issue #15 §3 and §5, docs/discipline-property.md).
 * `discipline_cases`: one row per breach of the internal rules and the one measure it may lead to (MC
 * Art. 90.4: one measure per violation, so the breach is the measure's identity). `property_items`: each
 * item or sum of money the centre holds for a person, from the admission or added later, and what became of
 * it; `property_acknowledgements`: the person's acknowledgements of the inventory. Projections of the
 * discipline.* and property.* events, and of episode.admitted's property list.
 *
 * Backfill: admissions recorded before this migration keep their inventory. Each entry of an episode's
 * `property` becomes an item (id `<episode>:<index>`, as the projection of episode.admitted names it); held
 * while the episode is open, `unrecorded` when it closed before the register existed (nothing says
 * whether it was returned).
 */
export const migration0021: Migration = {
  version: 21,
  name: 'discipline_property',
  up: `
    CREATE TABLE discipline_cases (
      case_id TEXT PRIMARY KEY,
      episode_id TEXT NOT NULL,
      person_id TEXT NOT NULL,
      facility_id TEXT NOT NULL,
      breach TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      inquiry INTEGER NOT NULL,
      inquiry_done_at TEXT,
      hearing TEXT,
      measure_type TEXT,
      decision TEXT,
      decision_no TEXT,
      decided_at TEXT,
      starts_on TEXT,
      ends_on TEXT,
      notice TEXT,
      copy_handed_at TEXT,
      appeal_notice_at TEXT,
      appeal TEXT,
      appeal_outcome TEXT,
      status TEXT NOT NULL,
      dropped TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      last_event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX discipline_cases_episode ON discipline_cases (episode_id);
    CREATE INDEX discipline_cases_decision_no ON discipline_cases (facility_id, decision_no);

    CREATE TABLE property_items (
      item_id TEXT PRIMARY KEY,
      episode_id TEXT NOT NULL,
      person_id TEXT NOT NULL,
      facility_id TEXT NOT NULL,
      source TEXT NOT NULL,
      kind TEXT NOT NULL,
      description TEXT NOT NULL,
      quantity INTEGER NOT NULL,
      amount TEXT,
      currency TEXT,
      condition TEXT,
      storage TEXT,
      notes TEXT,
      taken_at TEXT NOT NULL,
      state TEXT NOT NULL,
      disposition TEXT,
      disposed_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      last_event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX property_items_episode ON property_items (episode_id);

    CREATE TABLE property_acknowledgements (
      ack_id TEXT PRIMARY KEY,
      episode_id TEXT NOT NULL,
      person_id TEXT NOT NULL,
      acknowledgement TEXT NOT NULL,
      item_ids TEXT NOT NULL,
      at TEXT NOT NULL,
      last_event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX property_acknowledgements_episode ON property_acknowledgements (episode_id);

    INSERT INTO property_items (item_id, episode_id, person_id, facility_id, source, kind, description, quantity, notes, taken_at, state, created_at, updated_at, last_event_id)
      SELECT e.episode_id || ':' || j.key, e.episode_id, e.person_id, e.facility_id, 'admission', 'item',
             json_extract(j.value, '$.item'), COALESCE(json_extract(j.value, '$.quantity'), 1), json_extract(j.value, '$.notes'),
             COALESCE(e.admitted_at, e.created_at), CASE WHEN e.state = 'CLOSED' THEN 'unrecorded' ELSE 'held' END,
             e.updated_at, e.updated_at, e.last_event_id
      FROM episodes e, json_each(e.property) j
      WHERE json_valid(e.property);
  `,
};
