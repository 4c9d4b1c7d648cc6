import type { z } from 'zod';
import type { duplicateMatch } from '../../core/contract/register-views';
import { nameKeys, scoreMatch, type NameQuery } from '../../core/name-matching';
import type { Store } from '../../db/store';
import { toSummary } from './person-view';

type Match = z.infer<typeof duplicateMatch>;

/** Below this a candidate is not worth a registrar's attention. */
export const minimumMatchScore = 0.72;
const maxCandidates = 400;

/**
 * Likely matches for a name in any script: candidates share enough skeleton keys in the name index,
 * then each is scored (names, aliases, birth date, nationality) and the best come back with reasons.
 * Merged records are represented by the record they were merged into.
 */
export function findMatches(store: Store, query: NameQuery, limit: number): Match[] {
  const keys = nameKeys([...query.names, ...(query.aliases ?? [])]);
  if (keys.length === 0) return [];
  const need = Math.min(2, keys.length);
  const candidates = store.q
    .prepared(
      `SELECT person_id FROM person_name_keys WHERE key IN (${keys.map(() => '?').join(',')})
       GROUP BY person_id HAVING count(*) >= ? ORDER BY count(*) DESC LIMIT ${maxCandidates}`,
    )
    .all(...keys, need) as { person_id: string }[];
  if (candidates.length === 0) return [];
  const rows = store.q.all(
    store.qb.selectFrom('persons').selectAll().where('person_id', 'in', candidates.map((c) => c.person_id)),
  );
  const survivors = new Map<string, Match>();
  for (const row of rows) {
    const { score, reasons } = scoreMatch(query, {
      names: [row.name_original, row.name_latin],
      aliases: JSON.parse(row.aliases) as string[],
      birthDate: row.birth_date,
      nationalities: JSON.parse(row.nationalities) as string[],
    });
    if (score < minimumMatchScore) continue;
    const targetId = row.merged_into ?? row.person_id;
    const target = row.merged_into
      ? store.q.first(store.qb.selectFrom('persons').selectAll().where('person_id', '=', targetId))
      : row;
    if (!target) continue;
    const existing = survivors.get(targetId);
    if (!existing || existing.score < score) survivors.set(targetId, { person: toSummary(target), score, reasons });
  }
  return [...survivors.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}
