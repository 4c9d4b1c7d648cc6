import { resolveConflict } from './conflicts';
import { applyPersonFields } from './persons';
import { applyEpisodeFields } from './register';
import type { Projector } from './types';

export const conflictResolved: Projector<'record.conflictResolved'> = ({ event, payload, at, qb, q, localSeq }) => {
  resolveConflict(q, qb, event.entityId, payload.field, event.eventId, localSeq, payload.value);
  if (payload.entityType === 'person') {
    applyPersonFields(q, qb, event.entityId, { [payload.field]: payload.value }, at, event.eventId);
    return { personId: event.entityId, refresh: true };
  }
  applyEpisodeFields(q, qb, event.entityId, { [payload.field]: payload.value }, at, event.eventId);
  return { personId: q.first(qb.selectFrom('episodes').select('person_id').where('episode_id', '=', event.entityId))?.person_id ?? null, refresh: true };
};
