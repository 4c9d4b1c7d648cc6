import type { z } from 'zod';
import type { duplicateMatch } from '../../core/contract/register-views';
import { documentKeyPrefix, documentNumberKey } from '../../core/document-number';
import { matcherFor, searchKeys, type NameQuery } from '../../core/name-matching';
import type { PersonsTable } from '../../db/schema';
import type { ReadStore } from '../../db/store';
import { toSummary } from './person-view';

export type Match = z.infer<typeof duplicateMatch>;

/** Below this a candidate is not worth a registrar's attention. */
export const minimumMatchScore = 0.72;
const maxCandidates = 300;
/**
 * Single words add candidates only when the pairs found fewer than `fallbackBelow` people, and at most
 * `maxFallback` in all: reading and scoring a candidate is most of a search's time, and the people sharing
 * the most (rarest) words come first. Measured on 200,000 people (docs/name-matching.md): adding them
 * whenever the pairs found fewer than 60 doubled the p95; below 10 costs almost nothing and loses no pair
 * of the evaluation set.
 */
const fallbackBelow = 10;
const maxFallback = 60;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** People holding any of `keys`, those holding the most first. */
function holders(store: ReadStore, keys: readonly string[], limit: number): string[] {
  const rows = store.q.prepared(`SELECT person_id FROM person_name_keys WHERE key IN (${marks(keys.length)}) GROUP BY person_id ORDER BY count(*) DESC LIMIT ${limit}`).all(...keys) as {
    person_id: string;
  }[];
  return rows.map((r) => r.person_id);
}

function firstHolders(store: ReadStore, key: string, limit: number): string[] {
  return (store.q.prepared(`SELECT person_id FROM person_name_keys WHERE key = ? LIMIT ${limit}`).all(key) as { person_id: string }[]).map((r) => r.person_id);
}

/**
 * A word key held by more people than this is too common to read whole for a fallback (Mohammad, Ali,
 * Karimov in a register of a million): only the rarer words of the query are read in full.
 */
const commonWord = 1000;

/** How many people hold `key`, counted up to `commonWord` (the index is ordered by key: a short range read). */
function heldBy(store: ReadStore, key: string): number {
  return (store.q.prepared(`SELECT count(*) AS n FROM (SELECT 1 FROM person_name_keys WHERE key = ? LIMIT ${commonWord})`).get(key) as { n: number }).n;
}

/**
 * Candidates with their records. A query with a name of two or more words looks up pairs of its words
 * (see nameKeys): a person qualifies by sharing two words of one name in any script, and the lists
 * read are short even for the commonest given names. When the pairs find fewer than fallbackBelow people,
 * single words add to them — so a query none of whose pairs is held (one word spelled past every
 * convention) still finds the person by the other word: people holding more of the query's rarer words
 * first; if every word is common and no pair was held, the first holders of the rarest one.
 */
function candidates(store: ReadStore, query: NameQuery): Scored[] {
  const { words, pairs } = searchKeys([...query.names, ...(query.aliases ?? [])]);
  const ids = pairs.length ? holders(store, pairs, maxCandidates) : [];
  if (ids.length < fallbackBelow && words.length) {
    const counted = words.map((key) => ({ key, n: heldBy(store, key) })).sort((a, b) => a.n - b.n);
    const rare = counted.filter((w) => w.n < commonWord).map((w) => w.key);
    // Every word common and no pair held: the first holders of the rarest word, read in index order (a
    // GROUP BY over tens of thousands of holders of "Mohammad" would cost more than the whole search).
    const more = rare.length ? holders(store, rare, maxFallback) : ids.length ? [] : firstHolders(store, counted[0]!.key, maxFallback);
    const seen = new Set(ids);
    for (const id of more) {
      if (ids.length >= maxFallback) break;
      if (!seen.has(id)) ids.push(id);
    }
  }
  if (ids.length === 0) return [];
  // One statement for any number of ids (a list of placeholders would compile a statement per length).
  return store.q.prepared(`SELECT ${scoredColumns.map((c) => `p.${c}`).join(', ')} FROM json_each(?) j JOIN persons p ON p.person_id = j.value`).all(JSON.stringify(ids)) as Scored[];
}

/** What scoring reads of a candidate; the whole record is read only for those returned. */
const scoredColumns = ['person_id', 'merged_into', 'name_original', 'name_latin', 'aliases', 'birth_date', 'nationalities'] as const;
type Scored = Pick<PersonsTable, (typeof scoredColumns)[number]>;

/**
 * Likely matches for a name in any script: candidates from the name index, each scored (names,
 * aliases, birth date, nationality), the best returned with reasons. Merged records are represented
 * by the record they were merged into.
 */
export function findMatches(store: ReadStore, query: NameQuery, limit: number): Match[] {
  const rows = candidates(store, query);
  if (rows.length === 0) return [];
  const score = matcherFor(query);
  const survivors = new Map<string, { personId: string; score: number; reasons: Match['reasons']; apart: number }>();
  const born = query.birthDate ? Date.parse(query.birthDate) : NaN;
  for (const row of rows) {
    const { score: s, reasons } = score({
      names: [row.name_original, row.name_latin],
      aliases: JSON.parse(row.aliases) as string[],
      birthDate: row.birth_date,
      nationalities: JSON.parse(row.nationalities) as string[],
    });
    if (s < minimumMatchScore) continue;
    const personId = row.merged_into ?? row.person_id;
    const existing = survivors.get(personId);
    // Scores treat any birth date within a year alike; among equal scores the nearer date is likelier.
    const apart = row.birth_date && !Number.isNaN(born) ? Math.abs(Date.parse(row.birth_date) - born) : Number.POSITIVE_INFINITY;
    if (!existing || existing.score < s) survivors.set(personId, { personId, score: s, reasons, apart });
  }
  const out: Match[] = [];
  for (const m of [...survivors.values()].sort((a, b) => b.score - a.score || (a.apart === b.apart ? 0 : a.apart < b.apart ? -1 : 1))) {
    if (out.length >= limit) break;
    const target = store.q.first(store.qb.selectFrom('persons').selectAll().where('person_id', '=', m.personId));
    if (target) out.push({ person: toSummary(target), score: m.score, reasons: m.reasons });
  }
  return out;
}

/**
 * People holding a document with this number (passport, national ID, travel document), however it was
 * typed: spaces, dashes, case and O for 0 do not matter (core/document-number.ts). A merged record is
 * represented by the record it was merged into.
 */
export function findByDocument(store: ReadStore, text: string, limit: number): Match[] {
  const key = documentNumberKey(text);
  if (!key) return [];
  const ids = (store.q.prepared(`SELECT person_id FROM person_name_keys WHERE key = ? LIMIT ${limit}`).all(documentKeyPrefix + key) as { person_id: string }[]).map((r) => r.person_id);
  const found = new Map<string, Match>();
  for (const id of ids) {
    const row = store.q.first(store.qb.selectFrom('persons').selectAll().where('person_id', '=', id));
    const target = row?.merged_into ? store.q.first(store.qb.selectFrom('persons').selectAll().where('person_id', '=', row.merged_into)) : row;
    if (target && !found.has(target.person_id)) found.set(target.person_id, { person: toSummary(target), score: 1, reasons: ['same_document'] });
  }
  return [...found.values()];
}

/**
 * persons.search: the query as a document number (people holding it first, reason "same document
 * number") and as a name in any script; a person found both ways is listed once, by the document.
 */
export function searchPersons(store: ReadStore, query: string, birthDate: string | null, limit: number): Match[] {
  const byDocument = findByDocument(store, query, limit);
  const seen = new Set(byDocument.map((m) => m.person.personId));
  const byName = findMatches(store, { names: [query], birthDate }, limit).filter((m) => !seen.has(m.person.personId));
  return [...byDocument, ...byName].slice(0, limit);
}
