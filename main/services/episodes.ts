import { randomUUID } from 'node:crypto';
import { ApiError } from '../../core/contract/errors';
import { canTransition, effectiveState, isRemoval, type EpisodeAction, type EpisodeState } from '../../core/episode';
import { maskRemovalLocks } from '../../core/non-refoulement';
import { can } from '../../core/permissions';
import type { EpisodesTable } from '../../db/schema';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { actor, dateValidationError, notFound, notFuture, rule } from './common';
import { refuseAgainstReleaseOrder } from './release-order';
import { facilityOf } from './intake';
import { assertExitExamRecorded } from './health';
import { assertExitPathway, assertOutcomeOffered } from './exits';
import type { ServiceInstallation } from './installation';
import { refuseExitWithPropertyHeld } from './property';
import { assertCurrent } from './persons';
import { assertNotConflicted, currentFlags, episodeRemovalLocks, personRow, versionsOf } from './person-view';

export function episodeRow(store: ReadStore, episodeId: string): EpisodesTable {
  const row = store.q.first(store.qb.selectFrom('episodes').selectAll().where('episode_id', '=', episodeId));
  if (!row) throw notFound();
  return row;
}

/** Refuses a step the episode machine does not allow from where the episode stands now. */
function requireState(row: EpisodesTable, action: EpisodeAction, now: number): EpisodeState {
  const state = effectiveState(row.state as EpisodeState, row.term_end, now);
  if (!canTransition(action, state)) {
    throw new ApiError({ code: 'rule', messageKey: 'error.episode.wrongState', params: { state } });
  }
  return state;
}

function notBefore(at: string, earliest: string | null, path: string): void {
  if (earliest && Date.parse(at) < Date.parse(earliest)) throw dateValidationError([{ path, key: 'error.time.beforeEpisodeStart' }]);
}

/** The episode state machine (docs/domain.md §3) and its guards, one method per recorded step. */
export function episodesHandlers(inst: ServiceInstallation, now: () => number): Handlers['episodes'] {
  return {
    admit: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      requireState(row, 'admit', now());
      notBefore(input.admittedAt, row.apprehended_at, 'admittedAt');
      notFuture(input.admittedAt, now(), 'admittedAt');
      if (Date.parse(input.decision!.termEnd) <= Date.parse(input.admittedAt)) throw dateValidationError([{ path: 'decision.termEnd', key: 'error.episode.termEndBeforeAdmission' }]);
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({
          type: 'episode.admitted',
          entityId: row.episode_id,
          payload: {
            personId: row.person_id,
            ...facilityOf(store),
            regime: input.regime,
            decision: input.decision!,
            apprehension: JSON.parse(row.apprehension),
            admittedAt: input.admittedAt,
            handover: input.handover,
            medical: input.medical,
            property: input.property,
          },
        }),
      );
      return { eventId: e.eventId };
    },
    recordMedical: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      if (row.state === 'CLOSED') throw new ApiError({ code: 'rule', messageKey: 'error.episode.wrongState', params: { state: 'CLOSED' } });
      notBefore(input.medical.at, row.apprehended_at, 'medical.at');
      notFuture(input.medical.at, now(), 'medical.at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'episode.medicalChecked', entityId: row.episode_id, payload: { medical: input.medical } }));
      return { eventId: e.eventId };
    },
    requestExtension: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      requireState(row, 'requestExtension', now());
      notBefore(input.at, row.admitted_at, 'at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'episode.extensionRequested', entityId: row.episode_id, payload: { at: input.at, note: input.note } }));
      return { eventId: e.eventId };
    },
    extend: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      requireState(row, 'extend', now());
      if (row.term_end && Date.parse(input.decision.termEnd) <= Date.parse(row.term_end)) {
        throw dateValidationError([{ path: 'decision.termEnd', key: 'error.episode.extensionNotLater' }]);
      }
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'episode.extended', entityId: row.episode_id, payload: { decision: input.decision } }));
      return { eventId: e.eventId };
    },
    review: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      requireState(row, 'review', now());
      notBefore(input.at, row.admitted_at, 'at');
      notFuture(input.at, now(), 'at');
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'episode.reviewed', entityId: row.episode_id, payload: { at: input.at, conclusion: input.conclusion, notes: input.notes } }),
      );
      return { eventId: e.eventId };
    },
    transfer: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      requireState(row, 'transfer', now());
      notBefore(input.at, row.admitted_at, 'at');
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'episode.transferred', entityId: row.episode_id, payload: { at: input.at, toFacilityName: input.toFacilityName, reason: input.reason, handover: input.handover } }),
      );
      return { eventId: e.eventId };
    },
    scheduleExit: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      requireState(row, 'scheduleExit', now());
      // issue #15 §6: the planned outcome opens its exit pathway (main/services/exits.ts); a hospital stay or a death is no planned exit.
      assertOutcomeOffered(input.plannedOutcome, env.session.roles, 'plannedOutcome');
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'episode.exitScheduled', entityId: row.episode_id, payload: { plannedAt: input.plannedAt, plannedOutcome: input.plannedOutcome } }),
      );
      return { eventId: e.eventId };
    },
    close: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      requireState(row, 'close', now());
      notBefore(input.exit.at, row.admitted_at ?? row.apprehended_at, 'exit.at');
      notFuture(input.exit.at, now(), 'exit.at');
      if (input.exit.type === 'released_term_expired' && (!row.term_end || Date.parse(row.term_end) > Date.parse(input.exit.at))) {
        throw rule('error.exit.termNotExpired', 'exit.type');
      }
      // issue #15 §6: no new exit to hospital (a stay, not an exit), a death has its own record (main/services/exits.ts).
      assertOutcomeOffered(input.exit.type, env.session.roles, 'exit.type');
      // issue #15 §2: a court's release order is executed, not overtaken by a removal (main/services/release-order.ts).
      if (isRemoval(input.exit.type)) refuseAgainstReleaseOrder(store, row.episode_id, 'error.exit.releaseOrdered', 'exit.type');
      const locks = isRemoval(input.exit.type) ? episodeRemovalLocks(store, row.person_id, currentFlags(personRow(store, row.person_id), now())) : [];
      if (locks.length > 0) {
        // docs/domain.md §5 rule 4: only the centre head, with a documented legal review, may remove anyway.
        if (!input.override) {
          const shown = maskRemovalLocks(locks, can(env.session.roles, 'protection.read'));
          throw new ApiError({ code: 'rule', messageKey: 'error.exit.removalLocked', params: { reasons: shown.join(',') }, fields: { 'exit.type': { key: 'error.exit.removalLocked' } } });
        }
        if (!can(env.session.roles, 'person.override')) throw new ApiError({ code: 'forbidden', messageKey: 'error.exit.overrideNotAllowed' });
      } else if (input.override) {
        throw rule('error.exit.overrideNotNeeded', 'override');
      }
      // issue #15 §6: after the lock, which speaks first, the pathway's steps on record and the removal's period to leave run out (main/services/exits.ts).
      assertExitPathway(store, row, input.exit);
      // Then what the centre owes the person on the way out, once the law allows the exit at all.
      // issue #15 §4: examined before leaving, or the reason recorded (main/services/health.ts).
      assertExitExamRecorded(store, row, input.exit.type);
      // issue #15 §5: no exit while the centre still holds the person's property unaccounted for (main/services/property.ts).
      refuseExitWithPropertyHeld(store, row.episode_id);
      const e = store.command(actor(env), env.method, (tx) => {
        const ev = tx.append({ type: 'episode.closed', entityId: row.episode_id, payload: { exit: input.exit, override: input.override } });
        if (input.override) {
          tx.audit({
            action: 'removal.override',
            method: env.method,
            entityType: 'person',
            entityId: row.person_id,
            outcome: 'ok',
            detail: JSON.stringify({ locks, review: input.override.reviewReference, reviewedBy: input.override.reviewedBy }),
          });
        }
        return ev;
      });
      return { eventId: e.eventId };
    },
    correct: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      assertCurrent(row.last_event_id, input.basedOn);
      assertNotConflicted(store, input.episodeId, Object.keys(input.changes));
      const admittedAt = input.changes.admittedAt ?? row.admitted_at;
      if (admittedAt) notBefore(admittedAt, row.apprehended_at, 'changes.admittedAt');
      if (input.changes.decision && admittedAt && Date.parse(input.changes.decision.termEnd) <= Date.parse(admittedAt)) {
        throw dateValidationError([{ path: 'changes.decision.termEnd', key: 'error.episode.termEndBeforeAdmission' }]);
      }
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({
          type: 'episode.corrected',
          entityId: row.episode_id,
          payload: { changes: input.changes, reason: input.reason },
          supersedes: versionsOf(store, row.episode_id, Object.keys(input.changes)),
        }),
      );
      return { eventId: e.eventId };
    },
    recordNonRefoulementCheck: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      notFuture(input.check.at, now(), 'check.at');
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'nonRefoulement.checked', entityId: randomUUID(), payload: { personId: row.person_id, episodeId: row.episode_id, check: input.check } }),
      );
      return { eventId: e.eventId };
    },
  };
}
