import type { Projector } from './types';

/**
 * The person's answer to HQ's tracing request (issue #14 §3). Two devices of one centre may each record
 * an answer offline; the one recorded later (its clock) stands on every replica and at HQ's console,
 * whatever order they arrive in, so no replica's answer depends on sync order.
 */
export const personTracingAnswered: Projector<'person.tracingAnswered'> = ({ event, payload, at, qb, q }) => {
  const row = {
    request_id: payload.requestId,
    person_id: event.entityId,
    consent_to_disclose: payload.answers.consentToDisclose ?? null,
    contact: payload.answers.contact ?? null,
    note: payload.note ?? null,
    answered_at: at,
    answered_by: event.actor,
    device_id: event.deviceId,
    hlc: event.hlc,
    event_id: event.eventId,
  };
  q.run(
    qb
      .insertInto('tracing_answers')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('request_id')
          .doUpdateSet((eb) => ({
            person_id: eb.ref('excluded.person_id'),
            consent_to_disclose: eb.ref('excluded.consent_to_disclose'),
            contact: eb.ref('excluded.contact'),
            note: eb.ref('excluded.note'),
            answered_at: eb.ref('excluded.answered_at'),
            answered_by: eb.ref('excluded.answered_by'),
            device_id: eb.ref('excluded.device_id'),
            hlc: eb.ref('excluded.hlc'),
            event_id: eb.ref('excluded.event_id'),
          }))
          .where('tracing_answers.hlc', '<', event.hlc),
      ),
  );
  return { personId: event.entityId, refresh: false };
};
