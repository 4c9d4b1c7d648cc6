import type { EventType } from '../core/events';
import type { ReadBuilder, ReadQuery } from './sync-query';

/**
 * When records were made, in the order the log knows them (the hybrid logical clock of their events).
 * Rules of the form "after X, Y again" compare this order, not the typed-in times: one form keeps the
 * minute, another the second, and a renewed rights notice must not be lost to that (issue #11 §2).
 */
export interface Recorded {
  entityId: string;
  type: string;
  /** The event's clock: plain string comparison is recording order. */
  hlc: string;
}

const chunk = 500;

/** Every event of the given types about the given entities, in recording order. */
export function recordedEvents(q: ReadQuery, qb: ReadBuilder, entityIds: readonly string[], types: readonly EventType[]): Recorded[] {
  const ids = [...new Set(entityIds)];
  const out: Recorded[] = [];
  for (let i = 0; i < ids.length; i += chunk) {
    const rows = q.all(
      qb
        .selectFrom('events')
        .select(['entity_id', 'type', 'hlc'])
        .where('entity_id', 'in', ids.slice(i, i + chunk))
        .where('type', 'in', [...types])
        // An event kept but never applied (sync quarantine) changed nothing and orders nothing.
        .where('event_id', 'not in', qb.selectFrom('sync_quarantine').select('event_id')),
    );
    for (const r of rows) out.push({ entityId: r.entity_id, type: r.type, hlc: r.hlc });
  }
  return out.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
}

/** The clock of the event that created each entity (its first event of the given types). */
export function recordedAt(q: ReadQuery, qb: ReadBuilder, entityIds: readonly string[], types: readonly EventType[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of recordedEvents(q, qb, entityIds, types)) if (!out.has(r.entityId)) out.set(r.entityId, r.hlc);
  return out;
}

/** Rows of a projected table with the clock of the event that created each, in recording order. */
export function inRecordingOrder<T>(q: ReadQuery, qb: ReadBuilder, rows: readonly T[], id: (row: T) => string, types: readonly EventType[]): (T & { recorded: string })[] {
  const at = recordedAt(q, qb, rows.map(id), types);
  return rows.map((r) => ({ ...r, recorded: at.get(id(r)) ?? '' })).sort((a, b) => (a.recorded < b.recorded ? -1 : a.recorded > b.recorded ? 1 : 0));
}
