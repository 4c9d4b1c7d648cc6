import type { z } from 'zod';
import type { duplicateMatch } from '../../core/contract/register-views';
import { matcherFor, searchKeys, type NameQuery } from '../../core/name-matching';
import type { PersonsTable } from '../../db/schema';
import type { ReadStore } from '../../db/store';
import { toSummary } from './person-view';

type Match = z.infer<typeof duplicateMatch>;

/** Below this a candidate is not worth a registrar's attention. */
export const minimumMatchScore = 0.72;
const maxCandidates = 300;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** People holding any of `keys`, those holding the most first. */
function holders(store: ReadStore, keys: readonly string[], limit: number): string[] {
  const rows = store.q.prepared(`SELECT person_id FROM person_name_keys WHERE key IN (${marks(keys.length)}) GROUP BY person_id ORDER BY count(*) DESC LIMIT ${limit}`).all(...keys) as {
    person_id: string;
  }[];
  return rows.map((r) => r.person_id);
}

/**
 * Candidates with their records. A query with a name of two or more words looks up pairs of its words
 * (see nameKeys): a person qualifies by sharing two words of one name in any script, and the lists
 * read are short even for the commonest given names. A one-word query can only look up that word, so
 * it takes the first people found holding it.
 */
function candidates(store: ReadStore, query: NameQuery): PersonsTable[] {
  const { words, pairs } = searchKeys([...query.names, ...(query.aliases ?? [])]);
  let ids: string[];
  if (pairs.length) {
    ids = holders(store, pairs, maxCandidates);
  } else if (words.length) {
    ids = (store.q.prepared(`SELECT DISTINCT person_id FROM person_name_keys WHERE key IN (${marks(words.length)}) LIMIT ${maxCandidates}`).all(...words) as { person_id: string }[]).map(
      (r) => r.person_id,
    );
  } else return [];
  if (ids.length === 0) return [];
  // One statement for any number of ids (a list of placeholders would compile a statement per length).
  return store.q.prepared('SELECT p.* FROM json_each(?) j JOIN persons p ON p.person_id = j.value').all(JSON.stringify(ids)) as PersonsTable[];
}

/**
 * Likely matches for a name in any script: candidates from the name index, each scored (names,
 * aliases, birth date, nationality), the best returned with reasons. Merged records are represented
 * by the record they were merged into.
 */
export function findMatches(store: ReadStore, query: NameQuery, limit: number): Match[] {
  const rows = candidates(store, query);
  if (rows.length === 0) return [];
  const score = matcherFor(query);
  const survivors = new Map<string, Match & { apart: number }>();
  const born = query.birthDate ? Date.parse(query.birthDate) : NaN;
  for (const row of rows) {
    const { score: s, reasons } = score({
      names: [row.name_original, row.name_latin],
      aliases: JSON.parse(row.aliases) as string[],
      birthDate: row.birth_date,
      nationalities: JSON.parse(row.nationalities) as string[],
    });
    if (s < minimumMatchScore) continue;
    const targetId = row.merged_into ?? row.person_id;
    const target = row.merged_into ? store.q.first(store.qb.selectFrom('persons').selectAll().where('person_id', '=', targetId)) : row;
    if (!target) continue;
    const existing = survivors.get(targetId);
    // Scores treat any birth date within a year alike; among equal scores the nearer date is likelier.
    const apart = row.birth_date && !Number.isNaN(born) ? Math.abs(Date.parse(row.birth_date) - born) : Number.POSITIVE_INFINITY;
    if (!existing || existing.score < s) survivors.set(targetId, { person: toSummary(target), score: s, reasons, apart });
  }
  return [...survivors.values()]
    .sort((a, b) => b.score - a.score || (a.apart === b.apart ? 0 : a.apart < b.apart ? -1 : 1))
    .slice(0, limit)
    .map(({ apart: _apart, ...match }) => match);
}
