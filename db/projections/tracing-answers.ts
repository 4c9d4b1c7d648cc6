import type { TracingAnswersTable } from '../schema';
import type { Projector, ProjectionContext } from './types';

/**
 * One row per request: the person's answer (person.tracingAnswered) or why the centre could not ask them
 * (person.tracingNotAsked). Two devices of one centre may each record one offline; the one recorded later
 * (its clock) stands on every replica and at HQ's console, whatever order they arrive in, so no replica's
 * answer depends on sync order.
 */
function keepLatest(ctx: Pick<ProjectionContext<'person.tracingAnswered'>, 'qb' | 'q'>, row: TracingAnswersTable): void {
  const { qb, q } = ctx;
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
            could_not_ask: eb.ref('excluded.could_not_ask'),
            answered_at: eb.ref('excluded.answered_at'),
            answered_by: eb.ref('excluded.answered_by'),
            device_id: eb.ref('excluded.device_id'),
            hlc: eb.ref('excluded.hlc'),
            event_id: eb.ref('excluded.event_id'),
          }))
          .where('tracing_answers.hlc', '<', row.hlc),
      ),
  );
}

export const personTracingAnswered: Projector<'person.tracingAnswered'> = (ctx) => {
  const { event, payload, at } = ctx;
  keepLatest(ctx, {
    request_id: payload.requestId,
    person_id: event.entityId,
    consent_to_disclose: payload.answers.consentToDisclose ?? null,
    contact: payload.answers.contact ?? null,
    note: payload.note ?? null,
    could_not_ask: null,
    answered_at: at,
    answered_by: event.actor,
    device_id: event.deviceId,
    hlc: event.hlc,
    event_id: event.eventId,
  });
  return { personId: event.entityId, refresh: false };
};

export const personTracingNotAsked: Projector<'person.tracingNotAsked'> = (ctx) => {
  const { event, payload, at } = ctx;
  keepLatest(ctx, {
    request_id: payload.requestId,
    person_id: event.entityId,
    consent_to_disclose: null,
    contact: null,
    note: payload.note,
    could_not_ask: payload.reason,
    answered_at: at,
    answered_by: event.actor,
    device_id: event.deviceId,
    hlc: event.hlc,
    event_id: event.eventId,
  });
  return { personId: event.entityId, refresh: false };
};
