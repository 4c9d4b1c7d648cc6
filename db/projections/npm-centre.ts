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
export const ombudsmanTrusted: Projector<'oversight.ombudsmanTrusted'> = ({ event, payload, at, qb, q }) => {
  q.run(qb.deleteFrom('npm_trust'));
  q.run(qb.insertInto('npm_trust').values({ organisation_id: payload.organisationId, name: payload.name, signing_public_key: payload.signingPublicKey, trusted_at: at, event_id: event.eventId }));
  return untouched;
};

/** The trust moves on only from the key the statement replaced: a replay of an older rotation changes nothing. */
export const ombudsmanKeyRotated: Projector<'oversight.ombudsmanKeyRotated'> = ({ payload, qb, q }) => {
  q.run(
    qb
      .updateTable('npm_trust')
      .set({ signing_public_key: payload.newSigningPublicKey, name: payload.name })
      .where('organisation_id', '=', payload.organisationId)
      .where('signing_public_key', '=', payload.oldSigningPublicKey),
  );
  return untouched;
};

/**
 * The body was checked against the trusted key before the event was made; it is read again here from
 * the signed text the event keeps, so a rebuild gives the same rows. A recommendation sent again (the
 * office exports the file anew each time) takes the newer wording but keeps its first issue, which
 * starts the response clock; responses already recorded stay.
 */
export const recommendationsReceived: Projector<'oversight.recommendationsReceived'> = ({ event, payload, qb, q }) => {
  const body = recommendationsBody.parse(JSON.parse(payload.file.body));
  for (const r of body.recommendations) {
    q.run(
      qb
        .insertInto('received_recommendations')
        .values({
          recommendation_id: r.recommendationId,
          visit_id: body.visitId,
          organisation_id: body.organisationId,
          facility_name: body.facilityName,
          visited_from: body.visitedFrom,
          visited_to: body.visitedTo,
          issued_at: body.issuedAt,
          title: r.title,
          standard: r.standard,
          severity: r.severity,
          area: r.area ?? null,
          finding: r.finding,
          recommendation: r.recommendation,
          addressee: r.addressee,
          due_date: r.dueDate,
          received_at: payload.receivedAt,
        })
        .onConflict((oc) =>
          oc.column('recommendation_id').doUpdateSet((eb) => ({
            issued_at: eb.fn<string>('min', [eb.ref('received_recommendations.issued_at'), eb.ref('excluded.issued_at')]),
            title: eb.ref('excluded.title'),
            standard: eb.ref('excluded.standard'),
            severity: eb.ref('excluded.severity'),
            area: eb.ref('excluded.area'),
            finding: eb.ref('excluded.finding'),
            recommendation: eb.ref('excluded.recommendation'),
            addressee: eb.ref('excluded.addressee'),
            due_date: eb.ref('excluded.due_date'),
            received_at: eb.ref('excluded.received_at'),
          })),
        ),
    );
  }
  q.run(
    qb
      .insertInto('received_recommendation_files')
      .values({ body_hash: bodyHash(payload.file.body), visit_id: body.visitId, received_at: payload.receivedAt, event_id: event.eventId })
      .onConflict((oc) => oc.doNothing()),
  );
  return untouched;
};

export const responded: Projector<'oversight.responded'> = ({ event, payload, qb, q, localSeq }) => {
  q.run(
    qb
      .insertInto('recommendation_responses')
      .values({
        event_id: event.eventId,
        recommendation_id: payload.recommendationId,
        visit_id: payload.visitId,
        at: payload.response.at,
        response: JSON.stringify(payload.response),
        local_seq: localSeq,
      })
      .onConflict((oc) => oc.doNothing()),
  );
  return untouched;
};
