import { nationalCard, type NationalCard } from '../../core/sync-national';
import type { NationalOutcome } from '../../core/contract/national';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { askHq, hqClientFor, queryOf, saveAnswer } from '../sync/national';
import { actor, notFound, rule } from './common';
import type { ServiceInstallation } from './installation';
import { requirePerson } from './persons';
import { formatRegisterNo } from '../../core/register-number';

function candidatesOf(raw: string): NationalCard[] {
  try {
    const parsed = nationalCard.array().safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function linksOf(store: ReadStore, personId: string) {
  return store.q.all(store.qb.selectFrom('national_links').selectAll().where('person_id', '=', personId).orderBy('linked_at')).map((l) => ({
    facilityId: l.other_facility_id,
    facilityName: l.other_facility_name,
    personId: l.other_person_id,
    registerNo: l.other_register_no,
    reason: l.reason,
    linkedAt: l.linked_at,
    linkedBy: l.linked_by,
  }));
}

/**
 * The national duplicate check and cross-facility links (issue #14 §2, docs/sync.md#national-duplicate-check).
 * HQ is asked only from a device; a link is an event (audited through Store.command, synced, undone by
 * an unlink); a task is a local row the next sync fills in.
 */
export function nationalHandlers(inst: ServiceInstallation): Handlers['national'] {
  const client = () => hqClientFor(inst.requireStore());
  return {
    check: async (input, env) => askHq(client(), { names: input.names, ...(input.birthDate ? { birthDate: input.birthDate } : {}), nationalities: input.nationalities }, env.session.userId),
    forPerson: (input) => {
      const store = inst.readStore();
      requirePerson(store, input.personId);
      const row = store.q.first(store.qb.selectFrom('national_checks').selectAll().where('person_id', '=', input.personId));
      return {
        check: row ? { status: row.status, askedAt: row.asked_at, checkedAt: row.checked_at, candidates: candidatesOf(row.candidates) } : null,
        links: linksOf(store, input.personId),
      };
    },
    recheck: async (input, env): Promise<NationalOutcome> => {
      const store = inst.requireStore();
      requirePerson(store, input.personId);
      const query = queryOf(store, input.personId)!;
      const outcome = await askHq(client(), query, env.session.userId, input.personId);
      if (outcome.status === 'checked') {
        store.command(actor(env), env.method, (tx) => {
          const status = saveAnswer(tx.q, input.personId, outcome);
          tx.audit({
            action: 'national.checked',
            method: env.method,
            entityType: 'person',
            entityId: input.personId,
            outcome: 'ok',
            detail: JSON.stringify({ candidates: outcome.candidates.length, status }),
          });
        });
      }
      return outcome;
    },
    tasks: () => {
      const store = inst.readStore();
      const rows = store.q.all(
        store.qb
          .selectFrom('national_checks as c')
          .innerJoin('persons as p', 'p.person_id', 'c.person_id')
          .select(['c.person_id', 'c.checked_at', 'c.candidates', 'p.register_device', 'p.register_no', 'p.name_latin', 'p.name_original'])
          .where('c.status', '=', 'match')
          .orderBy('c.checked_at', 'desc'),
      );
      return {
        tasks: rows.map((r) => {
          const candidates = candidatesOf(r.candidates);
          return {
            personId: r.person_id,
            registerNo: formatRegisterNo(r.register_device, r.register_no),
            nameLatin: r.name_latin,
            nameOriginal: r.name_original,
            checkedAt: r.checked_at ?? '',
            bestScore: Math.max(0, ...candidates.map((c) => c.score)),
            candidates: candidates.length,
          };
        }),
      };
    },
    link: (input, env) => {
      const store = inst.requireStore();
      requirePerson(store, input.personId);
      // Only a record HQ named for this person: the link carries HQ's facility and number, not typed ones.
      const row = store.q.first(store.qb.selectFrom('national_checks').select('candidates').where('person_id', '=', input.personId));
      const card = candidatesOf(row?.candidates ?? '[]').find((c) => c.personId === input.otherPersonId && c.facilityId === input.facilityId);
      if (!card) throw rule('error.national.unknownCandidate', 'otherPersonId');
      if (store.q.first(store.qb.selectFrom('national_links').select('person_id').where('person_id', '=', input.personId).where('other_person_id', '=', input.otherPersonId))) {
        throw rule('error.national.alreadyLinked', 'otherPersonId');
      }
      store.command(actor(env), env.method, (tx) => {
        tx.append({
          type: 'person.nationalLinked',
          entityId: input.personId,
          payload: { hqRef: { facilityId: card.facilityId, personId: card.personId }, facilityName: card.facilityName || card.facilityId, registerNo: card.registerNo, reason: input.reason },
        });
        tx.q.run(tx.qb.updateTable('national_checks').set({ status: 'linked', resolved_by: env.session.userId, resolved_at: tx.now }).where('person_id', '=', input.personId));
      });
      return { ok: true as const };
    },
    unlink: (input, env) => {
      const store = inst.requireStore();
      const link = store.q.first(store.qb.selectFrom('national_links').selectAll().where('person_id', '=', input.personId).where('other_person_id', '=', input.otherPersonId));
      if (!link) throw notFound();
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'person.nationalUnlinked', entityId: input.personId, payload: { hqRef: { facilityId: link.other_facility_id, personId: link.other_person_id }, reason: input.reason } });
        // The candidates are still HQ's answer: the task comes back until the registrar decides again.
        tx.q.run(tx.qb.updateTable('national_checks').set({ status: 'match', resolved_by: null, resolved_at: null }).where('person_id', '=', input.personId).where('status', '=', 'linked'));
      });
      return { ok: true as const };
    },
    dismiss: (input, env) => {
      const store = inst.requireStore();
      const row = store.q.first(store.qb.selectFrom('national_checks').select('status').where('person_id', '=', input.personId));
      if (!row || row.status !== 'match') throw rule('error.national.nothingToDismiss');
      store.command(actor(env), env.method, (tx) => {
        tx.q.run(tx.qb.updateTable('national_checks').set({ status: 'dismissed', resolved_by: env.session.userId, resolved_at: tx.now }).where('person_id', '=', input.personId));
        tx.audit({ action: 'national.dismissed', method: env.method, entityType: 'person', entityId: input.personId, outcome: 'ok', detail: JSON.stringify({ reason: input.reason }) });
      });
      return { ok: true as const };
    },
  };
}
