import type { Kysely } from 'kysely';
import type { EventRecord } from '../../core/events';
import { canonicalJson } from '../../core/canonical-json';
import type { Database } from '../schema';
import type { SyncQuery } from '../sync-query';

export interface Candidate {
  eventId: string;
  value: unknown;
  actor: string;
  hlc: string;
}

/**
 * Decides, field by field, what a correction does to a record whose fields may have been corrected
 * concurrently elsewhere. A correction "knew" a field's current version if that version is the one it
 * was based on or older in this log; otherwise the two corrections were made from the same version
 * without seeing each other, and if their values differ the field becomes conflicted. The value shown
 * while conflicted is the candidate with the latest clock — for display only; the conflict stays open
 * until a resolution is recorded. Returns the values to write into the state table.
 */
export function reconcileCorrection(
  q: SyncQuery,
  qb: Kysely<Database>,
  entityType: string,
  event: EventRecord,
  localSeq: number,
  changes: Record<string, unknown>,
  at: string,
): Record<string, unknown> {
  const basedOn = event.supersedes[0];
  const basedOnSeq = basedOn ? (q.first(qb.selectFrom('events').select('local_seq').where('event_id', '=', basedOn))?.local_seq ?? 0) : 0;
  const apply: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    const mine: Candidate = { eventId: event.eventId, value, actor: event.actor, hlc: event.hlc };
    const conflict = q.first(qb.selectFrom('field_conflicts').selectAll().where('entity_id', '=', event.entityId).where('field', '=', field));
    const current = q.first(qb.selectFrom('field_versions').selectAll().where('entity_id', '=', event.entityId).where('field', '=', field));
    let shown: Candidate = mine;
    if (conflict) {
      const candidates = [...(JSON.parse(conflict.candidates) as Candidate[]), mine];
      shown = latest(candidates);
      q.run(qb.updateTable('field_conflicts').set({ candidates: JSON.stringify(sortByClock(candidates)) }).where('entity_id', '=', event.entityId).where('field', '=', field));
    } else if (current && current.event_id !== basedOn && current.local_seq > basedOnSeq && canonicalJson(JSON.parse(current.value)) !== canonicalJson(value ?? null)) {
      const previous = q.first(qb.selectFrom('events').select(['actor', 'hlc']).where('event_id', '=', current.event_id));
      const theirs: Candidate = { eventId: current.event_id, value: JSON.parse(current.value), actor: previous?.actor ?? '', hlc: previous?.hlc ?? '' };
      shown = latest([theirs, mine]);
      q.run(
        qb.insertInto('field_conflicts').values({ entity_id: event.entityId, field, entity_type: entityType, candidates: JSON.stringify(sortByClock([theirs, mine])), opened_at: at }),
      );
    }
    setVersion(q, qb, event.entityId, field, event.eventId, localSeq, shown.value);
    apply[field] = shown.value;
  }
  return apply;
}

/** A recorded resolution: the chosen value, and the conflict is closed. */
export function resolveConflict(q: SyncQuery, qb: Kysely<Database>, entityId: string, field: string, eventId: string, localSeq: number, value: unknown): void {
  q.run(qb.deleteFrom('field_conflicts').where('entity_id', '=', entityId).where('field', '=', field));
  setVersion(q, qb, entityId, field, eventId, localSeq, value);
}

function setVersion(q: SyncQuery, qb: Kysely<Database>, entityId: string, field: string, eventId: string, localSeq: number, value: unknown): void {
  q.run(
    qb
      .insertInto('field_versions')
      .values({ entity_id: entityId, field, event_id: eventId, local_seq: localSeq, value: JSON.stringify(value ?? null) })
      .onConflict((oc) => oc.columns(['entity_id', 'field']).doUpdateSet({ event_id: eventId, local_seq: localSeq, value: JSON.stringify(value ?? null) })),
  );
}

const sortByClock = (cs: Candidate[]) => [...cs].sort((a, b) => a.hlc.localeCompare(b.hlc));
const latest = (cs: Candidate[]) => sortByClock(cs)[cs.length - 1]!;
