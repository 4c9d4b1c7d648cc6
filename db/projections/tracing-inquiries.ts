import type { Projector, Touched } from './types';

/**
 * HQ's tracing inquiries and records of unidentified persons and deaths (issue #14 §3). They are the
 * console's own records and concern no person's timeline: a candidate found is a person of a centre's
 * record, whose own history an inquiry never changes.
 */

const untouched: Touched = { personId: null, refresh: false };
const json = (v: unknown) => JSON.stringify(v);

export const inquiryOpened: Projector<'tracing.inquiryOpened'> = ({ event, payload, at, qb, q }) => {
  const r = payload.requester;
  q.run(
    qb.insertInto('tracing_inquiries').values({
      inquiry_id: event.entityId,
      category: r.category,
      requester: json({ category: r.category, name: r.name, contact: r.contact, organisation: r.organisation ?? null }),
      subject: json(payload.subject),
      legal_basis: payload.legalBasis,
      consent: payload.consent,
      consent_note: payload.consentNote ?? null,
      received_on: payload.receivedOn,
      due_on: payload.dueOn,
      status: 'open',
      closed_reason: null,
      created_at: at,
      created_by: event.actor,
      updated_at: at,
      last_event_id: event.eventId,
    }),
  );
  return untouched;
};

/** The latest decision on a candidate stands; earlier ones stay in the log and the audit. */
export const candidateReviewed: Projector<'tracing.candidateReviewed'> = ({ event, payload, at, qb, q }) => {
  q.run(
    qb
      .insertInto('tracing_reviews')
      .values({
        inquiry_id: event.entityId,
        candidate_kind: payload.kind,
        candidate_id: payload.candidateId,
        decision: payload.decision,
        note: payload.note,
        reviewed_at: at,
        reviewed_by: event.actor,
        event_id: event.eventId,
      })
      .onConflict((oc) =>
        oc
          .columns(['inquiry_id', 'candidate_id'])
          .doUpdateSet({ candidate_kind: payload.kind, decision: payload.decision, note: payload.note, reviewed_at: at, reviewed_by: event.actor, event_id: event.eventId }),
      ),
  );
  q.run(qb.updateTable('tracing_inquiries').set({ updated_at: at, last_event_id: event.eventId }).where('inquiry_id', '=', event.entityId));
  return untouched;
};

/** An answer moves an open inquiry to answered; a closed one stays closed. */
export const inquiryAnswered: Projector<'tracing.inquiryAnswered'> = ({ event, payload, at, qb, q }) => {
  q.run(
    qb.insertInto('tracing_inquiry_answers').values({
      answer_id: event.eventId,
      inquiry_id: event.entityId,
      outcome: payload.outcome,
      candidate_id: payload.candidateId ?? null,
      told_to: payload.toldTo,
      told_at: payload.toldAt,
      channel: payload.channel,
      summary: payload.summary,
      recorded_at: at,
      recorded_by: event.actor,
    }),
  );
  q.run(
    qb
      .updateTable('tracing_inquiries')
      .set((eb) => ({ status: eb.case().when('status', '=', 'closed').then('closed').else('answered').end(), updated_at: at, last_event_id: event.eventId }))
      .where('inquiry_id', '=', event.entityId),
  );
  return untouched;
};

export const inquiryClosed: Projector<'tracing.inquiryClosed'> = ({ event, payload, at, qb, q }) => {
  q.run(qb.updateTable('tracing_inquiries').set({ status: 'closed', closed_reason: payload.reason, updated_at: at, last_event_id: event.eventId }).where('inquiry_id', '=', event.entityId));
  return untouched;
};

export const recordCreated: Projector<'tracing.recordCreated'> = ({ event, payload, at, qb, q }) => {
  const r = payload.record;
  q.run(
    qb.insertInto('tracing_records').values({
      record_id: event.entityId,
      kind: r.kind,
      names: json(r.names),
      sex: r.sex,
      age_min: r.ageMin ?? null,
      age_max: r.ageMax ?? null,
      nationality: r.nationality ?? null,
      description: r.description,
      photo_ref: r.photoRef ?? null,
      found_place: r.foundPlace,
      found_on: r.foundOn,
      circumstance: r.circumstance ?? null,
      facility_name: r.facilityName ?? null,
      recorded_at: at,
      recorded_by: event.actor,
      event_id: event.eventId,
    }),
  );
  return untouched;
};
