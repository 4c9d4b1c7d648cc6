import { ApiError, validationError } from '../../core/contract/errors';
import { episodeCorrectionChanges } from '../../core/contract/episodes';
import { personCorrectionChanges } from '../../core/contract/persons';
import type { Handlers } from '../api/router';
import { actor } from './common';
import type { ServiceInstallation } from './installation';
import { fieldHeads, isConflicted } from '../../db/projections/conflicts';

/** Resolving a conflict is a new event: both earlier values stay in the history, with the reason. */
export function conflictsHandlers(inst: ServiceInstallation): Handlers['conflicts'] {
  return {
    resolve: (input, env) => {
      const store = inst.requireStore();
      const heads = fieldHeads(store.q, store.qb, input.entityId, input.field);
      const type = store.q.first(store.qb.selectFrom('field_heads').select('entity_type').where('entity_id', '=', input.entityId).where('field', '=', input.field));
      if (!isConflicted(heads) || type?.entity_type !== input.entityType) throw new ApiError({ code: 'not_found', messageKey: 'error.conflict.notOpen' });
      // The chosen value must be a value the field may hold, exactly as in a correction.
      const schema = input.entityType === 'person' ? personCorrectionChanges : episodeCorrectionChanges;
      const checked = schema.safeParse({ [input.field]: input.value });
      if (!checked.success) throw validationError(checked.error.issues.map((i) => ({ ...i, path: ['value'] })));
      const value = (checked.data as Record<string, unknown>)[input.field];
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({
          type: 'record.conflictResolved',
          entityId: input.entityId,
          payload: { entityType: input.entityType, field: input.field, value, reason: input.reason },
          // Every standing version is replaced: the conflict ends on each device that receives this.
          supersedes: heads.map((h) => h.eventId),
        }),
      );
      return { eventId: e.eventId };
    },
  };
}
