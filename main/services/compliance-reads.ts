import { episodeCompliance, type EpisodeCompliance } from '../../core/compliance';
import { loadEpisodeFacts } from '../../db/episode-facts';
import type { ReadStore } from '../../db/store';

/** People read per batch: each batch loads every fact of their episodes at once. */
const chunk = 500;

/**
 * Every episode's compliance (core/compliance.ts), people read in chunks: HQ's console figures
 * (hq-console.ts) and a facility's own protection figures (protection-figures.ts) both count from it.
 */
export function allCompliance(store: ReadStore, now: number): EpisodeCompliance[] {
  const people = (store.q.prepared('SELECT DISTINCT person_id FROM episodes').all() as { person_id: string }[]).map((p) => p.person_id);
  const out: EpisodeCompliance[] = [];
  for (let i = 0; i < people.length; i += chunk) {
    for (const facts of loadEpisodeFacts(store.q, store.qb, people.slice(i, i + chunk), store.settings)) {
      const c = episodeCompliance(facts, store.settings, now);
      if (c) out.push(c);
    }
  }
  return out;
}
