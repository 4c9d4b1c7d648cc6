import type { Projector } from './types';

/**
 * Projections of health during the stay (issue #15 §4, core/health.ts). Each refreshes the person: the
 * health items on the due-now board change with every record.
 */

export const healthVisitRecorded: Projector<'health.visitRecorded'> = ({ event, payload, qb, q }) => {
  const v = payload.visit;
  q.run(
    qb
      .insertInto('health_visits')
      .values({
        visit_id: event.entityId,
        person_id: payload.personId,
        episode_id: payload.episodeId,
        kind: v.kind,
        at: v.at,
        clinician: v.clinician,
        complaint: v.complaint ?? null,
        finding: v.finding,
        treatment: v.treatment ?? null,
        follow_up_on: v.followUpOn ?? null,
        recorded_by: event.actor,
        event_id: event.eventId,
      })
      .onConflict((oc) => oc.column('visit_id').doNothing()),
  );
  return { personId: payload.personId, refresh: true };
};

/** The reason stands as recorded first: a second one (another device) does not replace it. */
export const healthExitExamNotDone: Projector<'health.exitExamNotDone'> = ({ event, payload, qb, q }) => {
  q.run(
    qb
      .updateTable('episodes')
      .set({ exit_exam_not_done: JSON.stringify({ ...payload.notDone, by: event.actor }) })
      .where('episode_id', '=', payload.episodeId)
      .where('exit_exam_not_done', 'is', null),
  );
  return { personId: payload.personId, refresh: true };
};

export const healthHospitalAdmitted: Projector<'health.hospitalAdmitted'> = ({ event, payload, qb, q }) => {
  const s = payload.stay;
  q.run(
    qb
      .insertInto('hospital_stays')
      .values({
        stay_id: event.entityId,
        person_id: payload.personId,
        episode_id: payload.episodeId,
        admitted_at: s.at,
        hospital: s.hospital,
        reason: s.reason,
        escort: s.escort,
        returned_at: null,
        recorded_by: event.actor,
        event_id: event.eventId,
      })
      .onConflict((oc) => oc.column('stay_id').doNothing()),
  );
  refreshInHospital(q, qb, payload.episodeId);
  return { personId: payload.personId, refresh: true };
};

export const healthHospitalReturned: Projector<'health.hospitalReturned'> = ({ event, payload, qb, q }) => {
  const stay = q.first(qb.selectFrom('hospital_stays').select(['person_id', 'episode_id']).where('stay_id', '=', event.entityId));
  if (!stay) return { personId: null, refresh: false };
  q.run(qb.updateTable('hospital_stays').set({ returned_at: payload.at }).where('stay_id', '=', event.entityId).where('returned_at', 'is', null));
  refreshInHospital(q, qb, stay.episode_id);
  return { personId: stay.person_id, refresh: true };
};

export const healthInjuryRecorded: Projector<'health.injuryRecorded'> = ({ event, payload, qb, q }) => {
  const i = payload.injury;
  q.run(
    qb
      .insertInto('injuries')
      .values({
        injury_id: event.entityId,
        person_id: payload.personId,
        episode_id: payload.episodeId,
        examined_at: i.examinedAt,
        examiner: i.examiner,
        region: i.region,
        location_note: i.locationNote ?? null,
        account: i.account,
        finding: i.finding,
        seen_at_admission: i.seenAtAdmission === 'seen' ? 1 : 0,
        recorded_by: event.actor,
        event_id: event.eventId,
      })
      .onConflict((oc) => oc.column('injury_id').doNothing()),
  );
  return { personId: payload.personId, refresh: true };
};

/** One report per addressee: the first recorded stands (two devices recording the same sending keep one). */
export const healthInjuryReported: Projector<'health.injuryReported'> = ({ event, payload, qb, q }) => {
  const injury = q.first(qb.selectFrom('injuries').select('person_id').where('injury_id', '=', event.entityId));
  const r = payload.report;
  q.run(
    qb
      .insertInto('injury_reports')
      .values({ injury_id: event.entityId, addressee: r.addressee, sent_to: r.sentTo, sent_at: r.sentAt, reference: r.reference, recorded_by: event.actor, event_id: event.eventId })
      .onConflict((oc) => oc.columns(['injury_id', 'addressee']).doNothing()),
  );
  return { personId: injury?.person_id ?? null, refresh: true };
};

/** The register's "in hospital since": the earliest stay of the episode not yet returned from, or none. */
function refreshInHospital(q: Parameters<Projector<'health.hospitalReturned'>>[0]['q'], qb: Parameters<Projector<'health.hospitalReturned'>>[0]['qb'], episodeId: string): void {
  const open = q.first(qb.selectFrom('hospital_stays').select('admitted_at').where('episode_id', '=', episodeId).where('returned_at', 'is', null).orderBy('admitted_at').limit(1));
  q.run(
    qb
      .updateTable('episodes')
      .set({ in_hospital_since: open?.admitted_at ?? null })
      .where('episode_id', '=', episodeId),
  );
}
