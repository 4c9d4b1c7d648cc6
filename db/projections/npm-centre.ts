import { createHash } from 'node:crypto';
import { recommendationsBody } from '../../core/npm/files';
import type { Projector, Touched } from './types';

/**
 * A centre's side of ombudsman oversight: whom it trusts, what it received, what it answered. None of
 * it concerns one detained person, so no person's timeline or deadlines change.
 */

const untouched: Touched = { personId: null, refresh: false };

/** The identity of a received recommendations file: the exact signed body. */
export function bodyHash(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** One trusted office at a time: trusting (again) replaces the row. */
export const ombudsmanTrusted: Projector<'oversight.ombudsmanTrusted'> = ({ event, payload, at, q }) => {
  q.prepared('DELETE FROM npm_trust').run();
  q.prepared('INSERT INTO npm_trust (organisation_id, name, signing_public_key, trusted_at, event_id) VALUES (?, ?, ?, ?, ?)').run(
    payload.organisationId,
    payload.name,
    payload.signingPublicKey,
    at,
    event.eventId,
  );
  return untouched;
};

/**
 * The body was checked against the trusted key before the event was made; it is read again here from
 * the signed text the event keeps, so a rebuild gives the same rows. A recommendation sent again (the
 * office exports the file anew each time) takes the newer wording but keeps its first issue, which
 * starts the response clock; responses already recorded stay.
 */
export const recommendationsReceived: Projector<'oversight.recommendationsReceived'> = ({ event, payload, q }) => {
  const body = recommendationsBody.parse(JSON.parse(payload.file.body));
  const upsert = q.prepared(
    `INSERT INTO received_recommendations
       (recommendation_id, visit_id, organisation_id, facility_name, visited_from, visited_to, issued_at, title, standard, severity, area, finding, recommendation, addressee, due_date, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (recommendation_id) DO UPDATE SET
       issued_at = min(issued_at, excluded.issued_at), title = excluded.title, standard = excluded.standard, severity = excluded.severity,
       area = excluded.area, finding = excluded.finding, recommendation = excluded.recommendation, addressee = excluded.addressee,
       due_date = excluded.due_date, received_at = excluded.received_at`,
  );
  for (const r of body.recommendations) {
    upsert.run(
      r.recommendationId,
      body.visitId,
      body.organisationId,
      body.facilityName,
      body.visitedFrom,
      body.visitedTo,
      body.issuedAt,
      r.title,
      r.standard,
      r.severity,
      r.area ?? null,
      r.finding,
      r.recommendation,
      r.addressee,
      r.dueDate,
      payload.receivedAt,
    );
  }
  q.prepared('INSERT OR IGNORE INTO received_recommendation_files (body_hash, visit_id, received_at, event_id) VALUES (?, ?, ?, ?)').run(
    bodyHash(payload.file.body),
    body.visitId,
    payload.receivedAt,
    event.eventId,
  );
  return untouched;
};

export const responded: Projector<'oversight.responded'> = ({ event, payload, q, localSeq }) => {
  q.prepared('INSERT OR IGNORE INTO recommendation_responses (event_id, recommendation_id, visit_id, at, response, local_seq) VALUES (?, ?, ?, ?, ?, ?)').run(
    event.eventId,
    payload.recommendationId,
    payload.visitId,
    payload.response.at,
    JSON.stringify(payload.response),
    localSeq,
  );
  return untouched;
};
