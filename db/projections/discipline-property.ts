import type { Kysely } from 'kysely';
import { stateOfRelease } from '../../core/property';
import type { Database } from '../schema';
import type { SyncQuery } from '../sync-query';
import type { ProjectionContext, Projector, Touched } from './types';

/** Projections of discipline (one row per breach and its measure) and of the property register (issue #15 §3, §5). */

const json = (v: unknown) => JSON.stringify(v ?? null);

function casePerson(q: SyncQuery, qb: Kysely<Database>, caseId: string): Touched {
  return { personId: q.first(qb.selectFrom('discipline_cases').select('person_id').where('case_id', '=', caseId))?.person_id ?? null, refresh: true };
}

function updateCase(ctx: { event: { entityId: string; eventId: string }; at: string; qb: Kysely<Database>; q: SyncQuery }, set: Record<string, unknown>): Touched {
  const { event, at, qb, q } = ctx;
  q.run(
    qb
      .updateTable('discipline_cases')
      .set({ ...set, updated_at: at, last_event_id: event.eventId })
      .where('case_id', '=', event.entityId),
  );
  return casePerson(q, qb, event.entityId);
}

export const disciplineBreachRecorded: Projector<'discipline.breachRecorded'> = ({ event, payload, at, qb, q }) => {
  const facility = q.first(qb.selectFrom('episodes').select('facility_id').where('episode_id', '=', payload.episodeId))?.facility_id ?? '';
  const b = payload.breach;
  q.run(
    qb.insertInto('discipline_cases').values({
      case_id: event.entityId,
      episode_id: payload.episodeId,
      person_id: payload.personId,
      facility_id: facility,
      breach: json(b),
      occurred_at: b.occurredAt,
      detected_at: b.detectedAt,
      inquiry: b.inquiry ? 1 : 0,
      status: 'open',
      created_at: at,
      updated_at: at,
      last_event_id: event.eventId,
    }),
  );
  return { personId: payload.personId, refresh: true };
};

export const disciplineHeard: Projector<'discipline.heard'> = (ctx) => updateCase(ctx, { hearing: json(ctx.payload.hearing) });

export const disciplineDecided: Projector<'discipline.decided'> = (ctx) => {
  const d = ctx.payload.decision;
  return updateCase(ctx, {
    measure_type: d.measureType,
    decision: json({ ...d, officerName: ctx.payload.officerName, decidedBy: ctx.event.actor }),
    decision_no: d.decisionNo,
    decided_at: d.decidedAt,
    inquiry_done_at: d.inquiryCompletedAt ?? null,
    starts_on: d.startsOn,
    ends_on: d.endsOn,
    status: 'decided',
  });
};

export const disciplineNoticeGiven: Projector<'discipline.noticeGiven'> = (ctx) => {
  const n = ctx.payload.notice;
  return updateCase(ctx, { notice: json(n), copy_handed_at: n.copyHandedAt, appeal_notice_at: n.appealExplainedAt });
};

export const disciplineAppealed: Projector<'discipline.appealed'> = (ctx) => updateCase(ctx, { appeal: json({ ...ctx.payload.appeal, outcome: null }) });

export const disciplineAppealDecided: Projector<'discipline.appealDecided'> = (ctx) => {
  const { q, qb, event, payload } = ctx;
  const row = q.first(qb.selectFrom('discipline_cases').select(['appeal', 'ends_on']).where('case_id', '=', event.entityId));
  const appeal = { ...(row?.appeal ? (JSON.parse(row.appeal) as object) : {}), outcome: payload.outcome };
  const o = payload.outcome;
  // An annulled measure ends the day it was annulled; a changed one keeps its start and takes the new last day.
  const set: Record<string, unknown> = { appeal: json(appeal), appeal_outcome: o.outcome };
  if (o.outcome === 'annulled') set.status = 'annulled';
  if (o.outcome === 'changed' && o.endsOn) set.ends_on = o.endsOn;
  return updateCase(ctx, set);
};

export const disciplineDropped: Projector<'discipline.dropped'> = (ctx) => updateCase(ctx, { dropped: json(ctx.payload.drop), status: 'dropped' });

/**
 * The admission's own inventory (the episode's `property` list, as the register projected it) becomes the
 * register's first items: `<episode>:<index>`, as migration 0021 named the items of admissions recorded
 * before it. Called after the register's projection of an admission and of a correction (db/projections/index.ts).
 */
export function admissionItems(ctx: ProjectionContext<'episode.admitted'> | ProjectionContext<'episode.corrected'>): void {
  const { event, at, qb, q } = ctx;
  const ep = q.first(qb.selectFrom('episodes').select(['episode_id', 'person_id', 'facility_id', 'admitted_at', 'created_at', 'property']).where('episode_id', '=', event.entityId));
  if (!ep) return;
  const items = JSON.parse(ep.property) as { item: string; quantity?: number; notes?: string }[];
  const existing = q.all(qb.selectFrom('property_items').select(['item_id', 'state']).where('episode_id', '=', ep.episode_id).where('source', '=', 'admission'));
  const states = new Map(existing.map((r) => [r.item_id, r.state]));
  items.forEach((item, index) => {
    const itemId = `${ep.episode_id}:${index}`;
    const state = states.get(itemId);
    // An item already returned or handed over keeps its history; a correction only rewords what is still held.
    if (state !== undefined && state !== 'held') return;
    const values = { description: item.item, quantity: item.quantity ?? 1, notes: item.notes ?? null, updated_at: at, last_event_id: event.eventId };
    if (state === undefined) {
      q.run(
        qb.insertInto('property_items').values({
          item_id: itemId,
          episode_id: ep.episode_id,
          person_id: ep.person_id,
          facility_id: ep.facility_id,
          source: 'admission',
          kind: 'item',
          taken_at: ep.admitted_at ?? ep.created_at,
          state: 'held',
          created_at: at,
          ...values,
        }),
      );
    } else q.run(qb.updateTable('property_items').set(values).where('item_id', '=', itemId));
  });
  // A correction that shortens the list removes the entries it took back, if nothing happened to them yet.
  for (const [itemId, state] of states) {
    const index = Number(itemId.slice(itemId.lastIndexOf(':') + 1));
    if (index >= items.length && state === 'held') q.run(qb.deleteFrom('property_items').where('item_id', '=', itemId));
  }
}

/**
 * Items still held when an episode closes were neither returned nor accounted for: `unrecorded`, as migration
 * 0021 marks those of exits before the register. The exit guard (main/services/discipline-property.ts) keeps
 * new exits from getting here; a replay of older ones, or an exit recorded on a device without the guard, does.
 */
export function itemsLeftAtExit(ctx: ProjectionContext<'episode.closed'>): void {
  const { event, at, qb, q } = ctx;
  q.run(qb.updateTable('property_items').set({ state: 'unrecorded', updated_at: at, last_event_id: event.eventId }).where('episode_id', '=', event.entityId).where('state', '=', 'held'));
}

export const propertyItemsRecorded: Projector<'property.itemsRecorded'> = ({ event, payload, at, qb, q }) => {
  const ep = q.first(qb.selectFrom('episodes').select(['facility_id']).where('episode_id', '=', event.entityId));
  payload.record.items.forEach((item, i) => {
    const itemId = payload.itemIds[i];
    if (itemId === undefined) return;
    q.run(
      qb
        .insertInto('property_items')
        .values({
          item_id: itemId,
          episode_id: event.entityId,
          person_id: payload.personId,
          facility_id: ep?.facility_id ?? '',
          source: payload.record.source,
          kind: item.kind,
          description: item.description,
          quantity: item.quantity,
          amount: item.amount ?? null,
          currency: item.currency ?? null,
          condition: item.condition ?? null,
          storage: item.storage ?? null,
          notes: [payload.record.reason, item.notes].filter((x) => x).join(' — ') || null,
          taken_at: payload.record.takenAt,
          state: 'held',
          created_at: at,
          updated_at: at,
          last_event_id: event.eventId,
        })
        .onConflict((oc) => oc.column('item_id').doNothing()),
    );
  });
  return { personId: payload.personId, refresh: false };
};

export const propertyAcknowledged: Projector<'property.acknowledged'> = ({ event, payload, qb, q }) => {
  q.run(
    qb.insertInto('property_acknowledgements').values({
      ack_id: payload.ackId,
      episode_id: event.entityId,
      person_id: payload.personId,
      acknowledgement: json(payload.acknowledgement),
      item_ids: json(payload.itemIds),
      at: payload.acknowledgement.at,
      last_event_id: event.eventId,
    }),
  );
  return { personId: payload.personId, refresh: false };
};

export const propertyReleased: Projector<'property.released'> = ({ event, payload, at, qb, q }) => {
  const r = payload.release;
  q.run(
    qb
      .updateTable('property_items')
      .set({ state: stateOfRelease(r.kind), disposition: json({ ...r, by: event.actor }), disposed_at: r.at, updated_at: at, last_event_id: event.eventId })
      .where('episode_id', '=', event.entityId)
      .where('item_id', 'in', payload.itemIds),
  );
  return { personId: payload.personId, refresh: false };
};
