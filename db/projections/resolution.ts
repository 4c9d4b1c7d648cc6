import { applyVersions } from './conflicts';
import { applyPersonFields } from './persons';
import { applyEpisodeFields } from './register';
import type { Projector } from './types';

/** A resolution replaces every version it names (all the standing ones its author saw). */
export const conflictResolved: Projector<'record.conflictResolved'> = ({ event, payload, at, qb, q }) => {
  const fields = applyVersions(q, qb, payload.entityType, event, { [payload.field]: payload.value });
  if (payload.entityType === 'person') {
    applyPersonFields(q, qb, event.entityId, fields, at, event.eventId);
    return { personId: event.entityId, refresh: true };
  }
  applyEpisodeFields(q, qb, event.entityId, fields, at, event.eventId);
  return { personId: q.first(qb.selectFrom('episodes').select('person_id').where('episode_id', '=', event.entityId))?.person_id ?? null, refresh: true };
};
