import type { Kysely } from 'kysely';
import type { Contact } from '../../core/contacts';
import type { Database } from '../schema';
import type { SyncQuery } from '../sync-query';
import type { Projector } from './types';

/**
 * Projections of the outside-contact log (issue #15 §1, docs/contacts.md). A consular notice's `visited_at`
 * is derived from the log: the earliest consul visit linked to the notice that took place, recomputed
 * whenever one of its contacts changes, so a correction of a consul's visit reaches the consular card.
 */

const contactColumns = (c: Contact) => ({
  kind: c.kind,
  category: c.category ?? null,
  who_name: c.who.name,
  who_relation: c.who.relation ?? null,
  direction: c.direction ?? null,
  at: c.at,
  duration_minutes: c.durationMinutes ?? null,
  supervision: c.supervision ?? null,
  supervised_by: c.supervisedBy ?? null,
  outcome: c.outcome,
  refusal: c.refusal ? JSON.stringify(c.refusal) : null,
  note: c.note ?? null,
});

function refreshNoticeVisit(q: SyncQuery, qb: Kysely<Database>, noticeId: string | null): void {
  if (!noticeId) return;
  const first = q.first(
    qb
      .selectFrom('contacts')
      .select((eb) => eb.fn.min('at').as('at'))
      .where('notice_id', '=', noticeId)
      .where('kind', '=', 'visit')
      .where('category', '=', 'consul')
      .where('outcome', '=', 'took_place'),
  );
  q.run(
    qb
      .updateTable('consular_notices')
      .set({ visited_at: first?.at ?? null })
      .where('notice_id', '=', noticeId),
  );
}

export const contactRecorded: Projector<'contact.recorded'> = ({ event, payload, qb, q, at }) => {
  q.run(
    qb.insertInto('contacts').values({
      contact_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId,
      ...contactColumns(payload.contact),
      notice_id: payload.noticeId ?? null,
      legal_aid_request_id: payload.legalAidRequestId ?? null,
      source: 'log',
      recorded_at: at,
      recorded_by: event.actor,
      last_event_id: event.eventId,
    }),
  );
  refreshNoticeVisit(q, qb, payload.noticeId ?? null);
  return { personId: payload.personId, refresh: true };
};

/**
 * The whole record replaced by the correction. Two corrections of one contact made on two devices settle
 * on the later clock: each correction carries the complete record, so the later one is the record.
 */
export const contactCorrected: Projector<'contact.corrected'> = ({ event, payload, qb, q }) => {
  const row = q.first(qb.selectFrom('contacts').select(['person_id', 'notice_id', 'corrections', 'last_event_id']).where('contact_id', '=', event.entityId));
  if (!row) return { personId: null, refresh: false };
  const last = q.first(qb.selectFrom('events').select('hlc').where('event_id', '=', row.last_event_id));
  const later = !last || last.hlc < event.hlc;
  q.run(
    qb
      .updateTable('contacts')
      .set(later ? { ...contactColumns(payload.contact), corrections: row.corrections + 1, last_event_id: event.eventId } : { corrections: row.corrections + 1 })
      .where('contact_id', '=', event.entityId),
  );
  refreshNoticeVisit(q, qb, row.notice_id);
  return { personId: row.person_id, refresh: true };
};

export const contactRefusalReviewed: Projector<'contact.refusalReviewed'> = ({ event, payload, qb, q }) => {
  const row = q.first(qb.selectFrom('contacts').select('person_id').where('contact_id', '=', event.entityId));
  if (!row) return { personId: null, refresh: false };
  q.run(
    qb
      .updateTable('contacts')
      .set({ review: JSON.stringify({ ...payload.review, by: event.actor }) })
      .where('contact_id', '=', event.entityId),
  );
  return { personId: row.person_id, refresh: true };
};

/**
 * An old consular.visited event (before issue #15) is a consul visit in the log, under the id migration
 * 0019 gave the same visit when it backfilled the table, so a replay and a migrated store agree. One row
 * per notice, as the notice held one `visited_at`: a second such event moves it.
 */
export function consularVisitContact(q: SyncQuery, qb: Kysely<Database>, noticeId: string, at: string, note: string | undefined, eventId: string, actor: string, recordedAt: string): void {
  const n = q.first(qb.selectFrom('consular_notices').select(['person_id', 'episode_id', 'states']).where('notice_id', '=', noticeId));
  if (!n) return;
  const states = (JSON.parse(n.states) as string[]).join(', ');
  q.run(
    qb
      .insertInto('contacts')
      .values({
        contact_id: `consular:${noticeId}`,
        person_id: n.person_id,
        episode_id: n.episode_id,
        kind: 'visit',
        category: 'consul',
        who_name: states,
        who_relation: null,
        direction: null,
        at,
        duration_minutes: null,
        supervision: null,
        supervised_by: null,
        outcome: 'took_place',
        refusal: null,
        note: note ?? null,
        notice_id: noticeId,
        legal_aid_request_id: null,
        source: 'consular',
        recorded_at: recordedAt,
        recorded_by: actor,
        last_event_id: eventId,
      })
      .onConflict((oc) => oc.column('contact_id').doUpdateSet({ at, note: note ?? null, last_event_id: eventId })),
  );
  refreshNoticeVisit(q, qb, noticeId);
}
