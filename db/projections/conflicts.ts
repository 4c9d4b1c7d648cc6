import type { Kysely } from 'kysely';
import { canonicalJson } from '../../core/canonical-json';
import type { EventRecord } from '../../core/events';
import type { Database } from '../schema';
import type { ReadBuilder, ReadQuery, SyncQuery } from '../sync-query';

export interface Head {
  eventId: string;
  value: unknown;
  actor: string;
  hlc: string;
}

/**
 * Applies a correction (or a resolution) field by field as a multi-value register: the event replaces
 * the versions it names in `supersedes` and becomes a head, unless a later event already replaced it.
 * Returns, per field, the value to show: the single value, or — while several different values stand —
 * the one with the latest clock, for display only (the conflict stays open until resolved).
 */
export function applyVersions(q: SyncQuery, qb: Kysely<Database>, entityType: string, event: EventRecord, changes: Record<string, unknown>): Record<string, unknown> {
  const replaced = new Set(event.supersedes);
  const alreadyReplaced = q.first(qb.selectFrom('superseded_events').select('event_id').where('event_id', '=', event.eventId)) !== undefined;
  for (const id of replaced)
    q.run(
      qb
        .insertInto('superseded_events')
        .values({ event_id: id })
        .onConflict((oc) => oc.column('event_id').doNothing()),
    );
  const shown: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (replaced.size)
      q.run(
        qb
          .deleteFrom('field_heads')
          .where('entity_id', '=', event.entityId)
          .where('field', '=', field)
          .where('event_id', 'in', [...replaced]),
      );
    if (!alreadyReplaced) {
      q.run(
        qb
          .insertInto('field_heads')
          .values({ entity_id: event.entityId, field, event_id: event.eventId, entity_type: entityType, value: JSON.stringify(value ?? null), hlc: event.hlc, actor: event.actor })
          .onConflict((oc) => oc.columns(['entity_id', 'field', 'event_id']).doNothing()),
      );
    }
    const heads = fieldHeads(q, qb, event.entityId, field);
    if (heads.length) shown[field] = heads[heads.length - 1]!.value;
  }
  return shown;
}

/** The standing versions of a field, oldest clock first. */
export function fieldHeads(q: ReadQuery, qb: ReadBuilder, entityId: string, field: string): Head[] {
  return q
    .all(qb.selectFrom('field_heads').selectAll().where('entity_id', '=', entityId).where('field', '=', field).orderBy('hlc').orderBy('event_id'))
    .map((h) => ({ eventId: h.event_id, value: JSON.parse(h.value) as unknown, actor: h.actor, hlc: h.hlc }));
}

/** Several standing versions with different values. */
export function isConflicted(heads: readonly Head[]): boolean {
  return new Set(heads.map((h) => canonicalJson(h.value ?? null))).size > 1;
}
