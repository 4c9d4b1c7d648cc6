/**
 * Transfers between centres (issue #15 §6, docs/sync.md#transfers-between-centres). One `transfers` row
 * per transfer on every replica that holds its events, and the episode's `in_transfer` while the escort
 * holds the person. The receiving centre's admission carries the sending centre's package: its events are
 * applied here through the ordinary projectors (those this store already holds are skipped, as at HQ's
 * console), so the person, the episode and every fact its deadlines come from exist here as they did
 * there, and no clock restarts.
 */
import { decodeHlc } from '../../core/hlc';
import { isEventType, type EventType } from '../../core/events';
import { readPayload } from '../../core/events/upcast';
import { transferPackageBody } from '../../core/sync-transfers';
import { hasDiscrepancy } from '../../core/transfers';
import type { Projector, ProjectionContext, Touched } from './types';
import { projectors } from './index';

const json = (v: unknown) => JSON.stringify(v ?? null);

interface BookEntry {
  at: string;
  toFacilityName: string;
  fromFacilityName?: string | null;
  reason: string;
  transferId?: string;
}

/** Notes the transfer on the episode (the register book lists it), once. */
function noteOnEpisode(ctx: ProjectionContext<EventType>, episodeId: string, entry: BookEntry, set: Record<string, unknown>): void {
  const { qb, q, at, event } = ctx;
  const row = q.first(qb.selectFrom('episodes').select(['transfers']).where('episode_id', '=', episodeId));
  if (!row) return;
  const list = JSON.parse(row.transfers) as BookEntry[];
  const transfers = list.some((t) => t.transferId === entry.transferId) ? list : [...list, entry];
  q.run(
    qb
      .updateTable('episodes')
      .set({ ...set, transfers: json(transfers), updated_at: at, last_event_id: event.eventId })
      .where('episode_id', '=', episodeId),
  );
}

export const transferDispatched: Projector<'transfer.dispatched'> = (ctx) => {
  const { event, payload: p, at, qb, q } = ctx;
  q.run(
    qb
      .insertInto('transfers')
      .values({
        transfer_id: event.entityId,
        person_id: p.personId,
        episode_id: p.episodeId,
        from_facility_id: p.from.facilityId,
        from_facility_name: p.from.facilityName,
        to_facility_id: p.to.facilityId,
        to_facility_name: p.to.facilityName,
        dispatched_at: p.at,
        reason: p.reason,
        handover: json(p.handover),
        status: 'dispatched',
        outcome_at: null,
        outcome: null,
        discrepancies: 0,
        received_here: 0,
        confirmed_at: null,
        created_at: at,
        updated_at: at,
        last_event_id: event.eventId,
      })
      .onConflict((oc) => oc.column('transfer_id').doNothing()),
  );
  noteOnEpisode(
    ctx,
    p.episodeId,
    { at: p.at, toFacilityName: p.to.facilityName, fromFacilityName: p.from.facilityName, reason: p.reason, transferId: event.entityId },
    { in_transfer: event.entityId },
  );
  return { personId: p.personId, refresh: true };
};

/** Applies the package's events this store does not hold, through their own projectors, in the package's order. */
function applyCarried(ctx: ProjectionContext<'transfer.received'>, body: string): void {
  const pkg = transferPackageBody.parse(JSON.parse(body));
  for (const e of pkg.events) {
    if (ctx.q.prepared('SELECT 1 FROM events WHERE event_id = ?').get(e.eventId)) continue;
    const read = readPayload(e);
    // An event this version cannot read stays with the sending centre's record; the rest still applies.
    if ('reason' in read || !isEventType(e.type)) continue;
    const projector = projectors[e.type] as Projector<EventType>;
    projector({ ...ctx, event: e, payload: read.payload as never, at: new Date(decodeHlc(e.hlc).millis).toISOString() });
  }
}

export const transferReceived: Projector<'transfer.received'> = (ctx) => {
  const { event, payload: p, at, qb, q } = ctx;
  const held = q.first(qb.selectFrom('transfers').select(['status', 'received_here']).where('transfer_id', '=', event.entityId));
  // A second admission of the same package (two desks offline): the first one stands.
  if (held?.received_here) return { personId: p.personId, refresh: false };
  applyCarried(ctx, p.package.body);
  const pkg = transferPackageBody.parse(JSON.parse(p.package.body));
  const outcome = json({ check: p.check, at: p.at });
  const discrepancies = hasDiscrepancy(p.check) ? 1 : 0;
  q.run(
    qb
      .insertInto('transfers')
      .values({
        transfer_id: event.entityId,
        person_id: p.personId,
        episode_id: p.episodeId,
        from_facility_id: p.from.facilityId,
        from_facility_name: p.from.facilityName,
        to_facility_id: p.to.facilityId,
        to_facility_name: p.to.facilityName,
        dispatched_at: pkg.dispatchedAt,
        reason: pkg.reason,
        handover: json(pkg.handover),
        status: 'received',
        outcome_at: p.at,
        outcome,
        discrepancies,
        received_here: 1,
        confirmed_at: null,
        created_at: at,
        updated_at: at,
        last_event_id: event.eventId,
      })
      .onConflict((oc) => oc.column('transfer_id').doUpdateSet({ status: 'received', outcome_at: p.at, outcome, discrepancies, received_here: 1, updated_at: at, last_event_id: event.eventId })),
  );
  noteOnEpisode(
    ctx,
    p.episodeId,
    { at: pkg.dispatchedAt, toFacilityName: p.to.facilityName, fromFacilityName: p.from.facilityName, reason: pkg.reason, transferId: event.entityId },
    {
      facility_id: p.episodeFacility.facilityId,
      facility_name: p.episodeFacility.facilityName || p.to.facilityName,
      state: pkg.episodeState,
      in_transfer: null,
      exit: null,
      exit_at: null,
      outcome: null,
    },
  );
  q.run(qb.deleteFrom('transfer_inbox').where('transfer_id', '=', event.entityId));
  return { personId: p.personId, refresh: true };
};

export const transferRefused: Projector<'transfer.refused'> = (ctx) => {
  const { event, payload: p, at, qb, q } = ctx;
  const outcome = json({ reason: p.reason, at: p.at });
  q.run(
    qb
      .insertInto('transfers')
      .values({
        transfer_id: event.entityId,
        person_id: p.personId,
        episode_id: p.episodeId,
        from_facility_id: p.from.facilityId,
        from_facility_name: p.from.facilityName,
        to_facility_id: p.to.facilityId,
        to_facility_name: p.to.facilityName,
        dispatched_at: p.at,
        reason: '',
        handover: '{}',
        status: 'refused',
        outcome_at: p.at,
        outcome,
        discrepancies: 0,
        received_here: 0,
        confirmed_at: null,
        created_at: at,
        updated_at: at,
        last_event_id: event.eventId,
      })
      .onConflict((oc) => oc.column('transfer_id').doUpdateSet({ status: 'refused', outcome_at: p.at, outcome, updated_at: at, last_event_id: event.eventId })),
  );
  q.run(qb.deleteFrom('transfer_inbox').where('transfer_id', '=', event.entityId));
  return { personId: p.personId, refresh: false };
};

/**
 * The sending centre records what HQ told it. Where this store holds only the dispatch (the sending
 * centre's devices), a received person's episode closes here as transferred to that centre, and a
 * refused one's transfer ends (the escort brought them back). Where it also holds the admission (HQ's
 * console), the episode continues at the receiving centre and only the confirmation is noted.
 */
export const transferConfirmed: Projector<'transfer.confirmed'> = (ctx) => {
  const { event, payload: p, at, qb, q } = ctx;
  const row = q.first(qb.selectFrom('transfers').select(['status', 'received_here']).where('transfer_id', '=', event.entityId));
  if (!row) return { personId: p.personId, refresh: false };
  if (row.status === 'dispatched' && !row.received_here) {
    const outcome = json({ note: p.note ?? null, at: p.at, facilityName: p.facilityName });
    q.run(
      qb
        .updateTable('transfers')
        .set({ status: p.outcome, outcome_at: p.at, outcome, discrepancies: p.discrepancies ? 1 : 0, confirmed_at: at, updated_at: at, last_event_id: event.eventId })
        .where('transfer_id', '=', event.entityId),
    );
    const set =
      p.outcome === 'received'
        ? {
            state: 'CLOSED',
            in_transfer: null,
            // No exit record of the manual kinds (core/episode.ts outcomeTypes): the transfer row holds the handover on both sides.
            exit: null,
            exit_at: p.at,
            outcome: 'transferred_centre',
            next_due_at: null,
            next_due_kind: null,
            next_warn_at: null,
          }
        : { in_transfer: null };
    q.run(
      qb
        .updateTable('episodes')
        .set({ ...set, updated_at: at, last_event_id: event.eventId })
        .where('episode_id', '=', p.episodeId),
    );
    return { personId: p.personId, refresh: true };
  }
  q.run(qb.updateTable('transfers').set({ confirmed_at: at, updated_at: at }).where('transfer_id', '=', event.entityId));
  return { personId: p.personId, refresh: false } satisfies Touched;
};
