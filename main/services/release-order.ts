import type { ReadStore } from '../../db/store';
import { rule } from './common';

/**
 * A court's order to release is executed at once (docs/complaints.md "Appeals", docs/domain.md §4): once
 * it is on record the person may not be removed, returned or moved to another centre instead, because
 * each keeps them in the state's hands against the order. What may still close the stay is a release, or a
 * fact the centre does not choose (a death, an escape) or a status that frees them.
 */
export function refuseAgainstReleaseOrder(store: ReadStore, episodeId: string, messageKey: string, field: string): void {
  const order = store.q.first(store.qb.selectFrom('appeals').select('appeal_id').where('episode_id', '=', episodeId).where('outcome', '=', 'release_ordered'));
  if (order) throw rule(messageKey, field);
}
