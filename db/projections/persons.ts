import { documentKeys, documentKeysVersion } from '../../core/document-number';
import { nameKeys, nameKeysVersion } from '../../core/name-matching';
import type { PersonDetails } from '../../core/person';
import type { SyncQuery } from '../sync-query';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { Projector } from './types';
import { applyVersions } from './conflicts';
import { takeNumber } from './register-numbers';

function detailColumns(d: PersonDetails) {
  return {
    name_original: d.names.original,
    name_latin: d.names.latin,
    patronymic: d.names.patronymic ?? null,
    aliases: JSON.stringify(d.names.aliases),
    sex: d.sex,
    birth_date: d.birth?.date ?? null,
    birth_estimated: d.birth?.estimated ? 1 : 0,
    birth_basis: d.birth?.basis ?? null,
    nationalities: JSON.stringify(d.nationalities),
    stateless: d.stateless ? 1 : 0,
    languages: JSON.stringify(d.languages),
  };
}

export const personRegistered: Projector<'person.registered'> = ({ event, payload, at, qb, q }) => {
  q.run(
    qb.insertInto('persons').values({
      person_id: event.entityId,
      register_device: event.deviceId,
      register_no: takeNumber(q, 'person', event.deviceId),
      ...detailColumns(payload.details),
      created_at: at,
      updated_at: at,
      created_by: event.actor,
      last_event_id: event.eventId,
      merged_into: null,
      flags: '[]',
      restricted: 0,
    }),
  );
  indexNames(q, qb, event.entityId);
  return { personId: event.entityId, refresh: false };
};

/**
 * Rewrites a person's keys in the duplicate-detection index from their current names and documents:
 * name skeletons and pairs (core/name-matching.ts) and document numbers (core/document-number.ts), so a
 * search by either reads one index.
 */
export function indexNames(q: SyncQuery, qb: Kysely<Database>, personId: string): void {
  const p = q.first(qb.selectFrom('persons').select(['name_original', 'name_latin', 'patronymic', 'aliases']).where('person_id', '=', personId));
  q.run(qb.deleteFrom('person_name_keys').where('person_id', '=', personId));
  if (!p) return;
  const names = [p.name_original, p.name_latin, ...(JSON.parse(p.aliases) as string[])];
  const insert = q.prepared('INSERT OR IGNORE INTO person_name_keys (key, person_id) VALUES (?, ?)');
  for (const key of nameKeys(names)) insert.run(key, personId);
  for (const d of q.prepared('SELECT series, number FROM documents WHERE person_id = ?').all(personId) as { series: string | null; number: string | null }[]) {
    for (const key of documentKeys(d.series, d.number)) insert.run(key, personId);
  }
}

/** Which key functions wrote a store's person_name_keys; kept in meta under personKeysMeta. */
export const personKeysVersion = `names ${nameKeysVersion}, documents ${documentKeysVersion}`;
export const personKeysMeta = 'person_keys_version';

/**
 * Rewrites every person's keys when the store's were written by other key functions (an update that
 * changes how names are matched, issue #14): without it a store would keep finding people by the keys of
 * the release that registered them. Returns how many people were reindexed (0 when current).
 */
export function reindexPersonKeysIfStale(q: SyncQuery, qb: Kysely<Database>): number {
  const current = q.prepared('SELECT value FROM meta WHERE key = ?').get(personKeysMeta) as { value: string } | undefined;
  if (current?.value === personKeysVersion) return 0;
  const ids = q.prepared('SELECT person_id FROM persons').all() as { person_id: string }[];
  for (const { person_id } of ids) indexNames(q, qb, person_id);
  q.prepared('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(personKeysMeta, personKeysVersion);
  return ids.length;
}

/** Column for each correctable field path; anything else in a correction is ignored by the projection. */
const correctable: Record<string, (v: unknown) => Record<string, unknown>> = {
  'names.original': (v) => ({ name_original: String(v) }),
  'names.latin': (v) => ({ name_latin: String(v) }),
  'names.patronymic': (v) => ({ patronymic: v == null ? null : String(v) }),
  'names.aliases': (v) => ({ aliases: JSON.stringify(v ?? []) }),
  sex: (v) => ({ sex: String(v) }),
  'birth.date': (v) => ({ birth_date: v == null ? null : String(v) }),
  'birth.estimated': (v) => ({ birth_estimated: v ? 1 : 0 }),
  'birth.basis': (v) => ({ birth_basis: v == null ? null : String(v) }),
  nationalities: (v) => ({ nationalities: JSON.stringify(v ?? []) }),
  stateless: (v) => ({ stateless: v ? 1 : 0 }),
  languages: (v) => ({ languages: JSON.stringify(v ?? []) }),
};
export const correctablePersonFields = Object.keys(correctable);

/** Writes corrected person fields into the state table (and keeps the name index in step). */
export function applyPersonFields(q: SyncQuery, qb: Kysely<Database>, personId: string, fields: Record<string, unknown>, at: string, eventId: string): void {
  let set: Record<string, unknown> = { updated_at: at, last_event_id: eventId };
  for (const [field, value] of Object.entries(fields)) {
    const column = correctable[field];
    if (column) set = { ...set, ...column(value) };
  }
  q.run(qb.updateTable('persons').set(set).where('person_id', '=', personId));
  indexNames(q, qb, personId);
}

export const personCorrected: Projector<'person.corrected'> = ({ event, payload, at, qb, q }) => {
  const fields = applyVersions(q, qb, 'person', event, payload.changes);
  applyPersonFields(q, qb, event.entityId, fields, at, event.eventId);
  return { personId: event.entityId, refresh: true };
};

export const personMerged: Projector<'person.merged'> = ({ event, payload, at, qb, q }) => {
  q.run(qb.updateTable('persons').set({ merged_into: payload.intoPersonId, updated_at: at, last_event_id: event.eventId }).where('person_id', '=', event.entityId));
  return { personId: event.entityId, refresh: false };
};

export const personUnmerged: Projector<'person.unmerged'> = ({ event, at, qb, q }) => {
  q.run(qb.updateTable('persons').set({ merged_into: null, updated_at: at, last_event_id: event.eventId }).where('person_id', '=', event.entityId));
  return { personId: event.entityId, refresh: false };
};
