import type { Projector } from './types';

/**
 * Links to the same person's record at another facility (issue #14 §2). Projected on every replica,
 * HQ's console included, so the person's page there shows the link as the centre's does.
 */
export const personNationalLinked: Projector<'person.nationalLinked'> = ({ event, payload, at, q }) => {
  q.prepared(
    `INSERT INTO national_links (person_id, other_facility_id, other_person_id, other_facility_name, other_register_no, reason, linked_at, linked_by, last_event_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (person_id, other_person_id) DO UPDATE SET other_facility_id = excluded.other_facility_id, other_facility_name = excluded.other_facility_name,
       other_register_no = excluded.other_register_no, reason = excluded.reason, linked_at = excluded.linked_at, linked_by = excluded.linked_by, last_event_id = excluded.last_event_id`,
  ).run(event.entityId, payload.hqRef.facilityId, payload.hqRef.personId, payload.facilityName, payload.registerNo, payload.reason, at, event.actor, event.eventId);
  return { personId: event.entityId, refresh: false };
};

export const personNationalUnlinked: Projector<'person.nationalUnlinked'> = ({ event, payload, q }) => {
  q.prepared('DELETE FROM national_links WHERE person_id = ? AND other_person_id = ?').run(event.entityId, payload.hqRef.personId);
  return { personId: event.entityId, refresh: false };
};
