import { randomUUID } from 'node:crypto';
import { intakeDateIssues } from '../../core/intake';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { actor, dateValidationError, notFound, rule } from './common';
import type { ServiceInstallation } from './installation';
import { findByDocument, findMatches, type Match } from './name-search';
import { requirePerson } from './persons';
import { statusOf } from '../sync/national';

export function facilityOf(store: ReadStore): { facilityId: string; facilityName: string } {
  return { facilityId: store.meta('installation_id') ?? store.device.deviceId, facilityName: store.meta('facility_name') ?? '' };
}

/**
 * Intake: the person (new, or an existing record found by the duplicate check), their documents, the
 * apprehension, and — only with a placement decision — the admission. All of it is one command: it is
 * saved whole or not at all, and the draft it came from goes in the same transaction.
 */
export function intakeHandlers(inst: ServiceInstallation, now: () => number): Handlers['intake'] {
  return {
    checkDuplicates: (input) => {
      const store = inst.readStore();
      // A document already recorded is the strongest sign of the same person (reason: same document number).
      const byDocument = new Map<string, Match>();
      for (const n of input.documentNumbers) for (const m of findByDocument(store, n, 10)) if (!byDocument.has(m.person.personId)) byDocument.set(m.person.personId, m);
      const byName = findMatches(
        store,
        { names: [input.names.original, input.names.latin], aliases: input.names.aliases, birthDate: input.birthDate ?? null, nationalities: input.nationalities },
        10,
      ).filter((m) => !byDocument.has(m.person.personId));
      return { matches: [...byDocument.values(), ...byName].slice(0, 10) };
    },
    submit: (input, env) => {
      const store = inst.requireStore();
      const issues = intakeDateIssues(input, now(), store.settings.timeZone);
      if (issues.length) throw dateValidationError(issues);
      if (input.existingPersonId) {
        requirePerson(store, input.existingPersonId);
        const row = store.q.first(store.qb.selectFrom('persons').select('merged_into').where('person_id', '=', input.existingPersonId));
        if (row?.merged_into) throw rule('error.intake.personMerged', 'existingPersonId');
        const open = store.q.first(store.qb.selectFrom('episodes').select('episode_id').where('person_id', '=', input.existingPersonId).where('state', '!=', 'CLOSED'));
        if (open) throw rule('error.intake.alreadyHeld', 'existingPersonId');
      }
      const personId = input.existingPersonId ?? randomUUID();
      const episodeId = randomUUID();
      const facility = facilityOf(store);
      store.command(actor(env), env.method, (tx) => {
        if (input.person) tx.append({ type: 'person.registered', entityId: personId, payload: { details: input.person } });
        for (const document of input.documents) {
          tx.append({ type: 'document.recorded', entityId: randomUUID(), payload: { personId, document } });
        }
        const a = input.admission;
        if (a && a.decision) {
          tx.append({
            type: 'episode.admitted',
            entityId: episodeId,
            payload: {
              personId,
              ...facility,
              regime: a.regime,
              decision: a.decision,
              apprehension: input.apprehension,
              admittedAt: a.admittedAt,
              handover: a.handover,
              medical: a.medical,
              property: a.property,
            },
          });
        } else {
          tx.append({ type: 'episode.apprehended', entityId: episodeId, payload: { personId, ...facility, apprehension: input.apprehension } });
        }
        if (input.draftId) tx.q.run(tx.qb.deleteFrom('drafts').where('draft_id', '=', input.draftId));
        // Checked nationally at the desk, or not (offline, not enrolled): then the next sync asks HQ (docs/sync.md#national-duplicate-check).
        const national = input.national;
        tx.q.run(
          tx.qb
            .insertInto('national_checks')
            .values({
              person_id: personId,
              status: national ? statusOf(national.candidates) : 'pending',
              asked_at: tx.now,
              asked_by: env.session.userId,
              checked_at: national?.checkedAt ?? null,
              candidates: JSON.stringify(national?.candidates ?? []),
            })
            .onConflict((oc) =>
              oc.column('person_id').doUpdateSet({
                status: national ? statusOf(national.candidates) : 'pending',
                asked_at: tx.now,
                asked_by: env.session.userId,
                checked_at: national?.checkedAt ?? null,
                candidates: JSON.stringify(national?.candidates ?? []),
                resolved_by: null,
                resolved_at: null,
              }),
            ),
        );
      });
      return { personId, episodeId };
    },
  };
}

/**
 * Drafts of unfinished forms, kept in the encrypted store so a half-done intake survives a crash or a
 * closed window. Any registrar may continue a colleague's draft at shift change.
 */
export function draftsHandlers(inst: ServiceInstallation, now: () => number): Handlers['drafts'] {
  return {
    save: (input, env) => {
      const store = inst.requireStore();
      const updatedAt = new Date(now()).toISOString();
      const draftId = input.draftId ?? randomUUID();
      const existing = input.draftId ? store.q.first(store.qb.selectFrom('drafts').select('draft_id').where('draft_id', '=', input.draftId)) : undefined;
      if (input.draftId && !existing) throw notFound();
      store.command(actor(env), env.method, (tx) => {
        if (existing) {
          tx.q.run(
            tx.qb
              .updateTable('drafts')
              .set({ title: input.title, data: JSON.stringify(input.data), updated_at: updatedAt })
              .where('draft_id', '=', draftId),
          );
        } else {
          tx.q.run(tx.qb.insertInto('drafts').values({ draft_id: draftId, kind: input.kind, owner: env.session.userId, title: input.title, data: JSON.stringify(input.data), updated_at: updatedAt }));
          tx.audit({ action: 'draft.created', method: env.method, entityType: 'draft', entityId: draftId, outcome: 'ok' });
        }
      });
      return { draftId, updatedAt };
    },
    list: () => ({
      drafts: inst
        .readStore()
        .q.all(inst.readStore().qb.selectFrom('drafts').select(['draft_id', 'kind', 'title', 'updated_at']).orderBy('updated_at', 'desc'))
        .map((d) => ({ draftId: d.draft_id, kind: d.kind, title: d.title, updatedAt: d.updated_at })),
    }),
    get: (input) => {
      const store = inst.readStore();
      const d = store.q.first(store.qb.selectFrom('drafts').selectAll().where('draft_id', '=', input.draftId));
      if (!d) throw notFound();
      return { draftId: d.draft_id, kind: d.kind, title: d.title, data: JSON.parse(d.data) as Record<string, unknown>, updatedAt: d.updated_at };
    },
    discard: (input, env) => {
      const store = inst.requireStore();
      store.command(actor(env), env.method, (tx) => {
        const r = tx.q.run(tx.qb.deleteFrom('drafts').where('draft_id', '=', input.draftId));
        if (r.changes === 0) throw notFound();
        tx.audit({ action: 'draft.discarded', method: env.method, entityType: 'draft', entityId: input.draftId, outcome: 'ok' });
      });
      return { ok: true as const };
    },
  };
}
