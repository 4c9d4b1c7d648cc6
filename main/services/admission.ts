import { admissionStatus, type AdmissionStatus, type RightsDelay } from '../../core/admission-status';
import type { EpisodeState } from '../../core/episode';
import type { ReadStore } from '../../db/store';

/**
 * The admission status (core/admission-status.ts) as every read computes it, from the episode row and
 * the rights notifications recorded for it: one way, so the person page, the register, the safeguards
 * panel and the due-now board say the same thing (issue #11 §3).
 */

/** The episodes among `episodeIds` with a rights notification on record. */
export function notifiedEpisodes(store: ReadStore, episodeIds: readonly string[]): Set<string> {
  if (episodeIds.length === 0) return new Set();
  const rows = store.q.all(
    store.qb
      .selectFrom('rights_notifications')
      .select('episode_id')
      .distinct()
      .where('episode_id', 'in', [...new Set(episodeIds)]),
  );
  return new Set(rows.map((r) => r.episode_id));
}

/** The delay as recorded, without the projection's bookkeeping. */
export function storedDelay(json: string | null): RightsDelay | null {
  if (!json) return null;
  const { recorded: _r, ...delay } = JSON.parse(json) as RightsDelay & { recorded?: string };
  return delay;
}

/** `state` is the effective state (RELEASE_DUE from the clock included). */
export function episodeAdmission(state: EpisodeState, notified: boolean, rightsDelay: string | null): AdmissionStatus {
  return admissionStatus({ state, rightsNotified: notified, delay: storedDelay(rightsDelay) });
}
