import { registerExtractBody } from '../../core/npm/files';
import type { VisitState } from '../../core/npm/visit';
import type { SyncQuery } from '../sync-query';
import type { Projector, Touched } from './types';

/**
 * An ombudsman office's visits (OPCAT Arts 19–22). Interview content arrives sealed and is stored as
 * it arrived: these projections never open anything. None of it is a detained person's record in
 * this installation, so no person's timeline or deadlines change.
 */

const untouched: Touched = { personId: null, refresh: false };
const json = (v: unknown) => JSON.stringify(v);

function facilityOfVisit(q: SyncQuery, visitId: string): string {
  return (q.prepared('SELECT facility_id FROM visits WHERE visit_id = ?').get(visitId) as { facility_id: string } | undefined)?.facility_id ?? '';
}

export const npmFacilityAdded: Projector<'npm.facilityAdded'> = ({ event, payload, at, q }) => {
  q.prepared(
    `INSERT INTO npm_facilities (facility_id, installation_id, name, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (facility_id) DO UPDATE SET name = excluded.name`,
  ).run(event.entityId, payload.installationId, payload.name, at);
  q.prepared(
    `INSERT INTO npm_facility_keys (facility_id, device_id, device_name, public_key, added_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (facility_id, device_id) DO UPDATE SET device_name = excluded.device_name, public_key = excluded.public_key`,
  ).run(event.entityId, payload.deviceId, payload.deviceName, payload.publicKey, at);
  return untouched;
};

export const visitPlanned: Projector<'visit.planned'> = ({ event, payload, at, q }) => {
  const p = payload.plan;
  q.prepared(
    `INSERT INTO visits (visit_id, facility_id, type, announced, planned_for, team, follows_visit_id, purpose, state, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?)`,
  ).run(event.entityId, p.facilityId, p.type, p.announced ? 1 : 0, p.plannedFor, json(p.team), p.followsVisitId ?? null, p.purpose ?? null, at, event.actor);
  return untouched;
};

/** The column each state's moment is kept in. */
const momentColumn: Partial<Record<VisitState, string>> = {
  ON_SITE: 'arrived_at',
  DEBRIEF: 'left_at',
  REPORT_DRAFT: 'report_drafted_at',
  SENT: 'report_sent_at',
  FOLLOW_UP: 'follow_up_at',
};

export const visitMoved: Projector<'visit.moved'> = ({ event, payload, q }) => {
  const column = momentColumn[payload.to];
  if (column) q.prepared(`UPDATE visits SET state = ?, ${column} = ? WHERE visit_id = ?`).run(payload.to, payload.at, event.entityId);
  else q.prepared('UPDATE visits SET state = ? WHERE visit_id = ?').run(payload.to, event.entityId);
  return untouched;
};

export const visitAreaObserved: Projector<'visit.areaObserved'> = ({ event, payload, q, localSeq }) => {
  const o = payload.observation;
  q.prepared('INSERT INTO visit_areas (event_id, visit_id, area, rating, note, sources, at, local_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    event.eventId,
    event.entityId,
    o.area,
    o.rating,
    o.note ?? null,
    json(o.sources),
    payload.at,
    localSeq,
  );
  return untouched;
};

export const visitRegisterChecked: Projector<'visit.registerChecked'> = ({ event, payload, q, localSeq }) => {
  q.prepared('INSERT INTO visit_register_checks (event_id, visit_id, register, note, at, local_seq) VALUES (?, ?, ?, ?, ?, ?)').run(
    event.eventId,
    event.entityId,
    payload.check.register,
    payload.check.note ?? null,
    payload.at,
    localSeq,
  );
  return untouched;
};

export const visitInterviewed: Projector<'visit.interviewed'> = ({ event, payload, q }) => {
  q.prepared(
    `INSERT INTO visit_interviews
       (interview_id, visit_id, facility_id, pseudonym, private, kind, group_size, at, consent_scope, reprisal_risk, language, interpreter_used, sealed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    payload.interviewId,
    event.entityId,
    facilityOfVisit(q, event.entityId),
    payload.pseudonym,
    payload.private ? 1 : 0,
    payload.kind,
    payload.groupSize ?? null,
    payload.at,
    json(payload.consentScope),
    payload.reprisalRisk,
    payload.language ?? null,
    payload.interpreterUsed ? 1 : 0,
    json(payload.sealed),
  );
  return untouched;
};

export const visitReprisalChecked: Projector<'visit.reprisalChecked'> = ({ event, payload, q }) => {
  q.prepared('INSERT INTO visit_reprisal_checks (event_id, interview_id, visit_id, at, outcome, sealed_note) VALUES (?, ?, ?, ?, ?, ?)').run(
    event.eventId,
    payload.interviewId,
    event.entityId,
    payload.at,
    payload.outcome,
    payload.sealedNote ? json(payload.sealedNote) : null,
  );
  return untouched;
};

export const visitExtractImported: Projector<'visit.extractImported'> = ({ event, payload, q, localSeq }) => {
  // The service checked the signature before appending; the body is parsed again to keep its figures.
  const body = registerExtractBody.parse(JSON.parse(payload.file.body));
  q.prepared(
    `INSERT INTO visit_extracts (visit_id, extract_id, event_id, imported_at, from_date, to_date, generated_at, persons, body, local_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (visit_id, extract_id) DO NOTHING`,
  ).run(event.entityId, body.extractId, event.eventId, payload.importedAt, body.from, body.to, body.generatedAt, body.persons.length, payload.file.body, localSeq);
  return untouched;
};

export const visitFindingAdded: Projector<'visit.findingAdded'> = ({ event, payload, at, q, localSeq }) => {
  const f = payload.finding;
  q.prepared(
    `INSERT INTO recommendations
       (recommendation_id, visit_id, facility_id, title, standard, severity, area, finding, recommendation, addressee, due_date, created_at, local_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    payload.recommendationId,
    event.entityId,
    facilityOfVisit(q, event.entityId),
    f.title,
    f.standard,
    f.severity,
    f.area ?? null,
    f.finding,
    f.recommendation,
    f.addressee,
    f.dueDate,
    at,
    localSeq,
  );
  return untouched;
};

export const visitRecommendationsIssued: Projector<'visit.recommendationsIssued'> = ({ payload, q }) => {
  // The first issue starts the response clock; a file exported again does not restart it.
  const issue = q.prepared('UPDATE recommendations SET issued_at = coalesce(issued_at, ?) WHERE recommendation_id = ?');
  for (const id of payload.recommendationIds) issue.run(payload.at, id);
  return untouched;
};

export const visitResponseRecorded: Projector<'visit.responseRecorded'> = ({ payload, q }) => {
  q.prepared('UPDATE recommendations SET response = ? WHERE recommendation_id = ?').run(json(payload.response), payload.recommendationId);
  return untouched;
};

/**
 * What a later visit found. Seen on a follow-up visit, the recommendation is verified; seen on any
 * other later visit, only its implementation is recorded (it stays open for the follow-up).
 */
export const visitRecommendationVerified: Projector<'visit.recommendationVerified'> = ({ payload, q }) => {
  const v = payload.verification;
  const type = (q.prepared('SELECT type FROM visits WHERE visit_id = ?').get(v.visitId) as { type: string } | undefined)?.type;
  q.prepared(`UPDATE recommendations SET implementation = ?, verified_at = ?, verified_on_visit_id = ?, verification_note = ? WHERE recommendation_id = ?`).run(
    v.status,
    type === 'follow_up' ? v.at : null,
    v.visitId,
    v.note ?? null,
    payload.recommendationId,
  );
  return untouched;
};
