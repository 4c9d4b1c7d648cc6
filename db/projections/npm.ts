import { registerExtractBody } from '../../core/npm/files';
import type { VisitState } from '../../core/npm/visit';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { SyncQuery } from '../sync-query';
import type { Projector, Touched } from './types';

/**
 * An ombudsman office's visits (OPCAT Arts 19–22). Interview content arrives sealed and is stored as
 * it arrived: these projections never open anything. None of it is a detained person's record in
 * this installation, so no person's timeline or deadlines change.
 */

const untouched: Touched = { personId: null, refresh: false };
const json = (v: unknown) => JSON.stringify(v);

function facilityOfVisit(q: SyncQuery, qb: Kysely<Database>, visitId: string): string {
  return q.first(qb.selectFrom('visits').select('facility_id').where('visit_id', '=', visitId))?.facility_id ?? '';
}

export const npmFacilityAdded: Projector<'npm.facilityAdded'> = ({ event, payload, at, qb, q }) => {
  q.run(
    qb
      .insertInto('npm_facilities')
      .values({ facility_id: event.entityId, installation_id: payload.installationId, name: payload.name, added_at: at })
      .onConflict((oc) => oc.column('facility_id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') }))),
  );
  q.run(
    qb
      .insertInto('npm_facility_keys')
      .values({ facility_id: event.entityId, device_id: payload.deviceId, device_name: payload.deviceName, public_key: payload.publicKey, added_at: at })
      .onConflict((oc) => oc.columns(['facility_id', 'device_id']).doUpdateSet((eb) => ({ device_name: eb.ref('excluded.device_name'), public_key: eb.ref('excluded.public_key') }))),
  );
  return untouched;
};

/** The device's key moves on only from the key the statement replaced: a replay of an older rotation changes nothing. */
export const npmFacilityKeyRotated: Projector<'npm.facilityKeyRotated'> = ({ event, payload, qb, q }) => {
  q.run(
    qb
      .updateTable('npm_facility_keys')
      .set({ public_key: payload.newPublicKey })
      .where('facility_id', '=', event.entityId)
      .where('device_id', '=', payload.deviceId)
      .where('public_key', '=', payload.oldPublicKey),
  );
  return untouched;
};

export const visitPlanned: Projector<'visit.planned'> = ({ event, payload, at, qb, q }) => {
  const p = payload.plan;
  q.run(
    qb.insertInto('visits').values({
      visit_id: event.entityId,
      facility_id: p.facilityId,
      type: p.type,
      announced: p.announced ? 1 : 0,
      planned_for: p.plannedFor,
      team: json(p.team),
      follows_visit_id: p.followsVisitId ?? null,
      purpose: p.purpose ?? null,
      state: 'PLANNED',
      created_at: at,
      created_by: event.actor,
    }),
  );
  return untouched;
};

/** The column each state's moment is kept in. */
const momentColumn: Partial<Record<VisitState, 'arrived_at' | 'left_at' | 'report_drafted_at' | 'report_sent_at' | 'follow_up_at'>> = {
  ON_SITE: 'arrived_at',
  DEBRIEF: 'left_at',
  REPORT_DRAFT: 'report_drafted_at',
  SENT: 'report_sent_at',
  FOLLOW_UP: 'follow_up_at',
};

export const visitMoved: Projector<'visit.moved'> = ({ event, payload, qb, q }) => {
  const column = momentColumn[payload.to];
  q.run(
    qb
      .updateTable('visits')
      .set(column ? { state: payload.to, [column]: payload.at } : { state: payload.to })
      .where('visit_id', '=', event.entityId),
  );
  return untouched;
};

export const visitAreaObserved: Projector<'visit.areaObserved'> = ({ event, payload, qb, q, localSeq }) => {
  const o = payload.observation;
  q.run(
    qb.insertInto('visit_areas').values({
      event_id: event.eventId,
      visit_id: event.entityId,
      area: o.area,
      rating: o.rating,
      note: o.note ?? null,
      sources: json(o.sources),
      at: payload.at,
      local_seq: localSeq,
    }),
  );
  return untouched;
};

export const visitRegisterChecked: Projector<'visit.registerChecked'> = ({ event, payload, qb, q, localSeq }) => {
  q.run(
    qb.insertInto('visit_register_checks').values({
      event_id: event.eventId,
      visit_id: event.entityId,
      register: payload.check.register,
      note: payload.check.note ?? null,
      at: payload.at,
      local_seq: localSeq,
    }),
  );
  return untouched;
};

export const visitInterviewed: Projector<'visit.interviewed'> = ({ event, payload, qb, q }) => {
  q.run(
    qb.insertInto('visit_interviews').values({
      interview_id: payload.interviewId,
      visit_id: event.entityId,
      facility_id: facilityOfVisit(q, qb, event.entityId),
      pseudonym: payload.pseudonym,
      private: payload.private ? 1 : 0,
      kind: payload.kind,
      group_size: payload.groupSize ?? null,
      at: payload.at,
      consent_scope: json(payload.consentScope),
      reprisal_risk: payload.reprisalRisk,
      language: payload.language ?? null,
      interpreter_used: payload.interpreterUsed ? 1 : 0,
      sealed: json(payload.sealed),
    }),
  );
  return untouched;
};

export const visitReprisalChecked: Projector<'visit.reprisalChecked'> = ({ event, payload, qb, q }) => {
  q.run(
    qb.insertInto('visit_reprisal_checks').values({
      event_id: event.eventId,
      interview_id: payload.interviewId,
      visit_id: event.entityId,
      at: payload.at,
      outcome: payload.outcome,
      sealed_note: payload.sealedNote ? json(payload.sealedNote) : null,
    }),
  );
  return untouched;
};

export const visitExtractImported: Projector<'visit.extractImported'> = ({ event, payload, qb, q, localSeq }) => {
  // The service checked the signature before appending; the body is parsed again to keep its figures.
  const body = registerExtractBody.parse(JSON.parse(payload.file.body));
  q.run(
    qb
      .insertInto('visit_extracts')
      .values({
        visit_id: event.entityId,
        extract_id: body.extractId,
        event_id: event.eventId,
        imported_at: payload.importedAt,
        from_date: body.from,
        to_date: body.to,
        generated_at: body.generatedAt,
        persons: body.persons.length,
        body: payload.file.body,
        local_seq: localSeq,
      })
      .onConflict((oc) => oc.columns(['visit_id', 'extract_id']).doNothing()),
  );
  return untouched;
};

export const visitFindingAdded: Projector<'visit.findingAdded'> = ({ event, payload, at, qb, q, localSeq }) => {
  const f = payload.finding;
  q.run(
    qb.insertInto('recommendations').values({
      recommendation_id: payload.recommendationId,
      visit_id: event.entityId,
      facility_id: facilityOfVisit(q, qb, event.entityId),
      title: f.title,
      standard: f.standard,
      severity: f.severity,
      area: f.area ?? null,
      finding: f.finding,
      recommendation: f.recommendation,
      addressee: f.addressee,
      due_date: f.dueDate,
      created_at: at,
      local_seq: localSeq,
    }),
  );
  return untouched;
};

export const visitRecommendationsIssued: Projector<'visit.recommendationsIssued'> = ({ payload, qb, q }) => {
  // The first issue starts the response clock; a file exported again does not restart it.
  for (const id of payload.recommendationIds) {
    q.run(
      qb
        .updateTable('recommendations')
        .set((eb) => ({ issued_at: eb.fn.coalesce('issued_at', eb.val(payload.at)) }))
        .where('recommendation_id', '=', id),
    );
  }
  return untouched;
};

export const visitResponseRecorded: Projector<'visit.responseRecorded'> = ({ payload, qb, q }) => {
  q.run(
    qb
      .updateTable('recommendations')
      .set({ response: json(payload.response) })
      .where('recommendation_id', '=', payload.recommendationId),
  );
  return untouched;
};

/**
 * What a later visit found. Seen on a follow-up visit, the recommendation is verified; seen on any
 * other later visit, only its implementation is recorded (it stays open for the follow-up).
 */
export const visitRecommendationVerified: Projector<'visit.recommendationVerified'> = ({ payload, qb, q }) => {
  const v = payload.verification;
  const type = q.first(qb.selectFrom('visits').select('type').where('visit_id', '=', v.visitId))?.type;
  q.run(
    qb
      .updateTable('recommendations')
      .set({ implementation: v.status, verified_at: type === 'follow_up' ? v.at : null, verified_on_visit_id: v.visitId, verification_note: v.note ?? null })
      .where('recommendation_id', '=', payload.recommendationId),
  );
  return untouched;
};
