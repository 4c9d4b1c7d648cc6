import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ApiError } from '../../core/contract/errors';
import { can } from '../../core/permissions';
import { localDate } from '../../core/time';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { searchPersons } from './name-search';
import { maskComplaintHistory, viewerOf } from './complaints';
import { actor, notFound, rule } from './common';
import type { ServiceInstallation } from './installation';
import { actorNames, assertNotConflicted, buildHistory, buildPersonView, personEvents, personRow, toSummary, versionsOf } from './person-view';

/**
 * A correction names the version it was made from. If someone else changed the record since, the
 * correction is refused rather than silently overwriting their change (docs/architecture.md §3).
 */
export function assertCurrent(lastEventId: string, basedOn: string): void {
  if (lastEventId !== basedOn) {
    throw new ApiError({ code: 'conflict', messageKey: 'error.correction.staleVersion' });
  }
}

/** A birth date is a calendar day of the facility (its zone), not of UTC. */
function birthInFuture(date: string | null | undefined, now: number, timeZone: string): boolean {
  return !!date && date > localDate(now, timeZone);
}

export function personsHandlers(inst: ServiceInstallation, now: () => number): Handlers['persons'] {
  return {
    register: (input, env) => {
      const store = inst.requireStore();
      if (birthInFuture(input.details.birth?.date, now(), store.settings.timeZone)) {
        throw new ApiError({ code: 'validation', messageKey: 'error.validation', fields: { 'details.birth.date': { key: 'error.person.birthInFuture' } } });
      }
      const personId = randomUUID();
      store.command(actor(env), env.method, (tx) => tx.append({ type: 'person.registered', entityId: personId, payload: { details: input.details } }));
      return { person: toSummary(personRow(store, personId)) };
    },
    get: (input, env) => {
      const store = inst.readStore();
      const person = toSummary(personRow(store, input.personId));
      return { person, history: maskComplaintHistory(store, [input.personId], buildHistory(personEvents(store, [input.personId]), actorNames(store)), viewerOf(env)) };
    },
    list: (input) => {
      const store = inst.readStore();
      let base = store.qb.selectFrom('persons').where('merged_into', 'is', null);
      if (input.query) {
        const like = `%${input.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        base = base.where((eb) => eb.or([eb('name_latin', 'like', sql<string>`${like} ESCAPE '\\'`), eb('name_original', 'like', sql<string>`${like} ESCAPE '\\'`)]));
      }
      const total = store.q.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
      // Newest first. Register numbers count per device, so they no longer say which came last.
      const rows = store.q.all(base.selectAll().orderBy('created_at', 'desc').orderBy('person_id', 'desc').limit(input.limit).offset(input.offset));
      return { persons: rows.map(toSummary), total: Number(total) };
    },
    view: (input, env) => buildPersonView(inst.readStore(), input.personId, now(), can(env.session.roles, 'protection.read'), viewerOf(env), can(env.session.roles, 'medical.read')),
    search: (input) => ({ matches: searchPersons(inst.readStore(), input.query, input.birthDate ?? null, input.limit) }),
    correct: (input, env) => {
      const store = inst.requireStore();
      const row = personRow(store, input.personId);
      assertCurrent(row.last_event_id, input.basedOn);
      assertNotConflicted(store, input.personId, Object.keys(input.changes));
      if (birthInFuture(input.changes['birth.date'], now(), store.settings.timeZone)) {
        throw new ApiError({ code: 'validation', messageKey: 'error.validation', fields: { 'changes.birth.date': { key: 'error.person.birthInFuture' } } });
      }
      const stateless = input.changes.stateless ?? row.stateless === 1;
      const nationalities = input.changes.nationalities ?? (JSON.parse(row.nationalities) as string[]);
      if (stateless && nationalities.length > 0) {
        throw new ApiError({ code: 'validation', messageKey: 'error.validation', fields: { 'changes.nationalities': { key: 'error.person.statelessWithNationality' } } });
      }
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({
          type: 'person.corrected',
          entityId: input.personId,
          payload: { changes: input.changes, reason: input.reason },
          supersedes: versionsOf(store, input.personId, Object.keys(input.changes)),
        }),
      );
      return { eventId: e.eventId };
    },
    merge: (input, env) => {
      const store = inst.requireStore();
      if (input.personId === input.intoPersonId) throw rule('error.merge.same', 'intoPersonId');
      const dup = personRow(store, input.personId);
      const into = personRow(store, input.intoPersonId);
      if (dup.merged_into) throw rule('error.merge.alreadyMerged');
      // Chains of merges would hide records two steps away; merge into the surviving record instead.
      if (into.merged_into) throw rule('error.merge.targetMerged', 'intoPersonId');
      const e = store.command(actor(env), env.method, (tx) => {
        const ev = tx.append({ type: 'person.merged', entityId: input.personId, payload: { intoPersonId: input.intoPersonId, reason: input.reason } });
        tx.audit({ action: 'person.merged_into', method: env.method, entityType: 'person', entityId: input.intoPersonId, outcome: 'ok', detail: input.personId });
        return ev;
      });
      return { eventId: e.eventId };
    },
    unmerge: (input, env) => {
      const store = inst.requireStore();
      const row = personRow(store, input.personId);
      if (!row.merged_into) throw rule('error.merge.notMerged');
      const from = row.merged_into;
      const e = store.command(actor(env), env.method, (tx) => {
        const ev = tx.append({ type: 'person.unmerged', entityId: input.personId, payload: { reason: input.reason } });
        tx.audit({ action: 'person.unmerged_from', method: env.method, entityType: 'person', entityId: from, outcome: 'ok', detail: input.personId });
        return ev;
      });
      return { eventId: e.eventId };
    },
  };
}

export function documentsHandlers(inst: ServiceInstallation): Handlers['documents'] {
  return {
    add: (input, env) => {
      const store = inst.requireStore();
      requirePerson(store, input.personId);
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'document.recorded', entityId: randomUUID(), payload: { personId: input.personId, document: input.document } }));
      return { eventId: e.eventId };
    },
  };
}

export function requirePerson(store: ReadStore, personId: string): void {
  if (!store.q.first(store.qb.selectFrom('persons').select('person_id').where('person_id', '=', personId))) throw notFound();
}
