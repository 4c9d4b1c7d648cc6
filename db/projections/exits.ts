import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { SyncQuery } from '../sync-query';
import type { Projector, Touched } from './types';

/** Projections of every way out (issue #15 §6, core/exits.ts): exit steps, deaths, their notifications and the body. */

const json = (v: unknown) => JSON.stringify(v ?? null);

function deathPerson(q: SyncQuery, qb: Kysely<Database>, episodeId: string): Touched {
  return { personId: q.first(qb.selectFrom('deaths').select('person_id').where('episode_id', '=', episodeId))?.person_id ?? null, refresh: true };
}

/** A step recorded again (a corrected notice, a new travel document) replaces the one before it: the latest recorded stands. */
export const exitStepRecorded: Projector<'exit.stepRecorded'> = ({ event, payload, at, qb, q }) => {
  const row = {
    episode_id: event.entityId,
    person_id: payload.personId,
    pathway: payload.pathway,
    step: payload.step.kind,
    details: json(payload.step),
    done_at: payload.step.at,
    recorded_at: at,
    recorded_by: event.actor,
    event_id: event.eventId,
  };
  q.run(
    qb
      .insertInto('exit_steps')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['episode_id', 'step']).doUpdateSet({ pathway: row.pathway, details: row.details, done_at: row.done_at, recorded_at: at, recorded_by: row.recorded_by, event_id: row.event_id }),
      ),
  );
  return { personId: payload.personId, refresh: true };
};

export const deathRecorded: Projector<'death.recorded'> = ({ event, payload, at, qb, q }) => {
  const d = payload.death;
  q.run(
    qb
      .insertInto('deaths')
      .values({
        episode_id: event.entityId,
        person_id: payload.personId,
        died_at: d.diedAt,
        place: d.place,
        circumstances: d.circumstances,
        found_by: d.foundBy,
        found_at: d.foundAt,
        certificate: json(d.certificate),
        family_known: d.familyKnown ? 1 : 0,
        body: null,
        recorded_at: at,
        recorded_by: event.actor,
        event_id: event.eventId,
      })
      .onConflict((oc) => oc.column('episode_id').doNothing()),
  );
  return { personId: payload.personId, refresh: true };
};

export const deathNotified: Projector<'death.notified'> = ({ event, payload, at, qb, q }) => {
  const touched = deathPerson(q, qb, event.entityId);
  const n = payload.notification;
  if (touched.personId) {
    const row = {
      episode_id: event.entityId,
      person_id: touched.personId,
      recipient: n.recipient,
      notified_at: n.at,
      to_whom: n.toWhom,
      channel: n.channel,
      reference: n.reference ?? null,
      recorded_at: at,
      recorded_by: event.actor,
      event_id: event.eventId,
    };
    q.run(
      qb
        .insertInto('death_notifications')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['episode_id', 'recipient'])
            .doUpdateSet({ notified_at: row.notified_at, to_whom: row.to_whom, channel: row.channel, reference: row.reference, recorded_at: at, recorded_by: row.recorded_by, event_id: row.event_id }),
        ),
    );
  }
  return touched;
};

export const deathBodyRecorded: Projector<'death.bodyRecorded'> = ({ event, payload, qb, q }) => {
  q.run(
    qb
      .updateTable('deaths')
      .set({ body: json(payload.body) })
      .where('episode_id', '=', event.entityId),
  );
  return deathPerson(q, qb, event.entityId);
};
