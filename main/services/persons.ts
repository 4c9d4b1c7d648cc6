import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { ApiError } from '../../core/contract/errors';
import type { personHistoryEntry } from '../../core/contract';
import { isEventType, type EventRecord } from '../../core/events';
import type { PersonDetails, PersonSummary } from '../../core/person';
import type { PersonsTable } from '../../db/schema';
import type { Store } from '../../db/store';
import type { Handlers } from '../api/router';
import type { Installation } from './installation';

function toSummary(r: PersonsTable): PersonSummary {
  return {
    personId: r.person_id,
    registerNo: r.register_no,
    nameOriginal: r.name_original,
    nameLatin: r.name_latin,
    sex: r.sex as PersonSummary['sex'],
    birthDate: r.birth_date,
    birthEstimated: r.birth_estimated === 1,
    nationalities: JSON.parse(r.nationalities) as string[],
    stateless: r.stateless === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function getSummary(store: Store, personId: string): PersonSummary {
  const row = store.q.first(store.qb.selectFrom('persons').selectAll().where('person_id', '=', personId));
  if (!row) throw new ApiError({ code: 'not_found', messageKey: 'error.notFound' });
  return toSummary(row);
}

/** Flattens details into "names.latin"-style fields, the unit in which corrections are recorded. */
function flatten(details: PersonDetails): Record<string, unknown> {
  return {
    'names.original': details.names.original,
    'names.latin': details.names.latin,
    'names.patronymic': details.names.patronymic ?? null,
    'names.aliases': details.names.aliases,
    sex: details.sex,
    'birth.date': details.birth?.date ?? null,
    'birth.estimated': details.birth?.estimated ?? false,
    'birth.basis': details.birth?.basis ?? null,
    nationalities: details.nationalities,
    stateless: details.stateless,
    languages: details.languages,
  };
}

type HistoryEntry = z.infer<typeof personHistoryEntry>;

/** Replays a person's events into a timeline where each correction shows the value it replaced. */
export function personHistory(events: readonly EventRecord[], actorNames: (id: string) => string | null): HistoryEntry[] {
  let current: Record<string, unknown> = {};
  return events.map((e) => {
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    let changes: HistoryEntry['changes'] = [];
    let reason: string | null = null;
    if (isEventType(e.type) && e.type === 'person.registered') {
      current = flatten((payload as { details: PersonDetails }).details);
      changes = Object.entries(current).map(([field, to]) => ({ field, from: null, to }));
    } else if (e.type === 'person.corrected') {
      const p = payload as { changes: Record<string, unknown>; reason: string };
      reason = p.reason;
      changes = Object.entries(p.changes).map(([field, to]) => ({ field, from: current[field] ?? null, to }));
      current = { ...current, ...p.changes };
    }
    return { eventId: e.eventId, type: e.type, at: e.hlc.slice(0, 24), actor: e.actor, actorName: actorNames(e.actor), reason, changes };
  });
}

export function personsHandlers(inst: Installation): Handlers['persons'] {
  return {
    register: (input, env) => {
      const store = inst.requireStore();
      if (input.details.birth && input.details.birth.date > new Date().toISOString().slice(0, 10)) {
        throw new ApiError({ code: 'validation', messageKey: 'error.validation', fields: { 'details.birth.date': { key: 'error.person.birthInFuture' } } });
      }
      const personId = randomUUID();
      store.command({ userId: env.session.userId }, env.method, (tx) =>
        tx.append({ type: 'person.registered', entityId: personId, payload: { details: input.details } }),
      );
      return { person: getSummary(store, personId) };
    },
    get: (input) => {
      const store = inst.requireStore();
      const person = getSummary(store, input.personId);
      const names = new Map(store.q.all(store.qb.selectFrom('users').select(['user_id', 'display_name'])).map((u) => [u.user_id, u.display_name]));
      return { person, history: personHistory(store.eventsFor(input.personId), (id) => names.get(id) ?? null) };
    },
    list: (input) => {
      const store = inst.requireStore();
      let base = store.qb.selectFrom('persons');
      if (input.query) {
        const like = `%${input.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        base = base.where((eb) =>
          eb.or([
            eb('name_latin', 'like', sql<string>`${like} ESCAPE '\\'`),
            eb('name_original', 'like', sql<string>`${like} ESCAPE '\\'`),
          ]),
        );
      }
      const total = store.q.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
      const rows = store.q.all(base.selectAll().orderBy('register_no', 'desc').limit(input.limit).offset(input.offset));
      return { persons: rows.map(toSummary), total: Number(total) };
    },
  };
}
