import { ApiError, type MessageRef } from '../../core/contract/errors';
import type { ExitEpisodeView } from '../../core/contract/exits';
import { canTransition, effectiveState, outcomeTypes, type EpisodeState, type Exit, type OutcomeType } from '../../core/episode';
import {
  consulBlocked,
  deathRecipients,
  missingSteps,
  pathwayOfOutcome,
  pathwaySteps,
  prerequisites,
  removalAllowedFrom,
  removalTooEarly,
  restrictedOutcomes,
  restrictedSteps,
  retiredOutcomes,
  stateBurialFrom,
  type BodyRecord,
  type DeathRecipient,
  type ExitPathway,
  type ExitStep,
  type ExitStepKind,
} from '../../core/exits';
import { can, type Role } from '../../core/permissions';
import type { Settings } from '../../core/settings';
import { hours, addCalendarDays, startOfLocalDay } from '../../core/time';
import type { VulnerabilityFlag } from '../../core/vulnerability';
import type { DeathsTable, EpisodesTable, ExitStepsTable } from '../../db/schema';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { actor, dateValidationError, notFuture, rule } from './common';
import { episodeRow } from './episodes';
import type { ServiceInstallation } from './installation';
import { actorNames, currentFlags, personRow } from './person-view';

/**
 * Every way out (issue #15 §6, docs/exits.md): the steps of an exit pathway, the guards that
 * episodes.close applies with them, a death in custody with its notifications and the body, and the
 * figures. The rules themselves are core/exits.ts.
 */

type Planned = { plannedAt: string; plannedOutcome: OutcomeType };
const plannedOf = (row: EpisodesTable): Planned | null => (row.planned_exit ? (JSON.parse(row.planned_exit) as Planned) : null);
const restricted = () => new ApiError({ code: 'forbidden', messageKey: 'error.exit.restricted' });

function stepRows(store: ReadStore, episodeId: string): Map<ExitStepKind, ExitStepsTable> {
  return new Map(store.q.all(store.qb.selectFrom('exit_steps').selectAll().where('episode_id', '=', episodeId)).map((s) => [s.step as ExitStepKind, s]));
}

function deathRow(store: ReadStore, episodeId: string): DeathsTable {
  const d = store.q.first(store.qb.selectFrom('deaths').selectAll().where('episode_id', '=', episodeId));
  if (!d) throw rule('error.death.notRecorded');
  return d;
}

function notBeforeStart(at: string, row: EpisodesTable, path: string): void {
  const start = row.admitted_at ?? row.apprehended_at;
  if (Date.parse(at) < Date.parse(start)) throw dateValidationError([{ path, key: 'error.time.beforeEpisodeStart' }]);
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * An outcome a new exit may not be planned or closed with: a hospital stay is no exit (the person stays
 * held, issue #15 §4), a death is recorded as one (exits.recordDeath), and the trafficking victim's
 * permit is protection data.
 */
export function assertOutcomeOffered(outcome: OutcomeType, roles: readonly Role[], path: string): void {
  if (retiredOutcomes.has(outcome)) throw rule('error.exit.hospitalIsAStay', path);
  if (outcome === 'died') throw rule('error.exit.useDeathRecord', path);
  if (restrictedOutcomes.has(outcome) && !can(roles, 'protection.read')) throw restricted();
}

/**
 * The exit pathway's guard on episodes.close: every step of the outcome's pathway on record (the
 * missing ones listed, each translated), and no removal before the period to leave has run. The
 * non-refoulement lock stays where it was, in episodes.close.
 */
export function assertExitPathway(store: ReadStore, row: EpisodesTable, exit: Exit): void {
  const steps = stepRows(store, row.episode_id);
  // Someone apprehended but never placed (no court decision to admit) is let go when the court refuses the
  // placement or the authority drops it: there is no exit to plan and no release order of a placement to
  // file, and holding them until one is recorded would be detention without a decision. The basis says why.
  const neverPlaced = row.admitted_at === null && exit.type === 'released_decision';
  const missing = neverPlaced ? [] : missingSteps(exit.type, Object.fromEntries(steps));
  if (missing.length > 0) {
    const fields: Record<string, MessageRef> = { 'exit.type': { key: 'error.exit.stepsMissing' } };
    // One line per missing step, in the form's words: a path no form has, so each is listed beside the message.
    for (const s of missing) fields[`exitSteps.${s}`] = { key: `exits.step.${s}` };
    throw new ApiError({ code: 'rule', messageKey: 'error.exit.stepsMissing', params: { steps: missing.join(', ') }, fields });
  }
  const notice = steps.get('removal_notice');
  if (pathwayOfOutcome[exit.type] === 'removal' && notice && removalTooEarly(exit.at, notice.done_at, store.settings)) {
    const until = iso(removalAllowedFrom(notice.done_at, store.settings));
    throw new ApiError({ code: 'rule', messageKey: 'error.exit.removalPeriodRunning', params: { until }, fields: { 'exit.at': { key: 'error.exit.removalPeriodRunning', params: { until } } } });
  }
}

/** The Exit card of one episode: its pathway's steps as a checklist, and a death in custody. */
function episodeExitView(store: ReadStore, row: EpisodesTable, flags: readonly VulnerabilityFlag[], now: number, mayReadProtection: boolean, name: (id: string) => string | null): ExitEpisodeView {
  const planned = plannedOf(row);
  const pathway: ExitPathway | null = planned ? (pathwayOfOutcome[planned.plannedOutcome] ?? null) : null;
  const rows = stepRows(store, row.episode_id);
  const open = row.state !== 'CLOSED';
  const plannedPassed = planned !== null && open && Date.parse(planned.plannedAt) < now;
  const notice = rows.get('removal_notice');
  const removalFrom = pathway === 'removal' && notice ? removalAllowedFrom(notice.done_at, store.settings) : null;
  const steps = (pathway ? pathwaySteps[pathway] : []).map((kind) => {
    const r = rows.get(kind);
    const hidden = restrictedSteps.has(kind) && !mayReadProtection;
    if (r) {
      return {
        kind,
        status: hidden ? ('restricted' as const) : ('done' as const),
        at: hidden ? null : r.done_at,
        recordedAt: r.recorded_at,
        recordedBy: name(r.recorded_by),
        details: hidden ? null : (JSON.parse(r.details) as ExitStep),
      };
    }
    const waiting = prerequisites(pathway!, kind).some((p) => !rows.has(p));
    const removalDue = kind === 'departure' && removalFrom !== null && now > removalFrom;
    const status: ExitEpisodeView['steps'][number]['status'] = hidden ? 'restricted' : waiting ? 'waiting' : open && (plannedPassed || removalDue) ? 'overdue' : 'missing';
    return { kind, status, at: null, recordedAt: null, recordedBy: null, details: null };
  });
  const outcome = row.outcome && (outcomeTypes as readonly string[]).includes(row.outcome) ? (row.outcome as OutcomeType) : null;
  return {
    episodeId: row.episode_id,
    state: effectiveState(row.state as EpisodeState, row.term_end, now),
    outcome,
    planned: planned ? { plannedAt: planned.plannedAt, plannedOutcome: planned.plannedOutcome, pathway, overdue: plannedPassed } : null,
    steps,
    removalFrom: removalFrom === null ? null : iso(removalFrom),
    death: deathView(store, row.episode_id, flags, now, name),
  };
}

function notifyHours(r: DeathRecipient, s: Settings): number {
  return r === 'family' ? s.deathFamilyNotifyHours : r === 'consul' ? s.deathConsulNotifyHours : r === 'prosecutor' ? s.deathProsecutorNotifyHours : s.deathOmbudsmanNotifyHours;
}

function deathView(store: ReadStore, episodeId: string, flags: readonly VulnerabilityFlag[], now: number, name: (id: string) => string | null): ExitEpisodeView['death'] {
  const d = store.q.first(store.qb.selectFrom('deaths').selectAll().where('episode_id', '=', episodeId));
  if (!d) return null;
  const told = new Map(store.q.all(store.qb.selectFrom('death_notifications').selectAll().where('episode_id', '=', episodeId)).map((n) => [n.recipient as DeathRecipient, n]));
  const died = Date.parse(d.died_at);
  const burialFrom = stateBurialFrom(d.died_at);
  const body = d.body ? (JSON.parse(d.body) as BodyRecord) : null;
  return {
    diedAt: d.died_at,
    place: d.place,
    circumstances: d.circumstances,
    foundBy: d.found_by,
    foundAt: d.found_at,
    certificate: JSON.parse(d.certificate) as { doctor: string; number: string; cause: string },
    familyKnown: d.family_known === 1,
    recordedBy: name(d.recorded_by) ?? d.recorded_by,
    notifications: deathRecipients.map((recipient) => {
      const n = told.get(recipient);
      const due = died + hours(notifyHours(recipient, store.settings));
      const notified = n ? { recipient, at: n.notified_at, toWhom: n.to_whom, channel: n.channel as 'phone', ...(n.reference ? { reference: n.reference } : {}) } : null;
      const notOwed = (recipient === 'family' && d.family_known !== 1) || (recipient === 'consul' && consulBlocked(flags, store.settings));
      const status = notified ? 'notified' : notOwed ? 'not_owed' : now > due ? 'overdue' : 'owed';
      return { recipient, status: status, dueAt: notOwed && !notified ? null : iso(due), notified };
    }),
    body,
    burialFrom: iso(burialFrom),
    bodyOverdue: body === null && now > burialFrom,
  };
}

/** Whether a consent to consular contact is on record for the episode (docs/domain.md §5 rule 3). */
function consularConsent(store: ReadStore, episodeId: string): boolean {
  return store.q.first(store.qb.selectFrom('consular_notices').select('notice_id').where('episode_id', '=', episodeId).where('consent', 'is not', null)) !== undefined;
}

export function exitsHandlers(inst: ServiceInstallation, now: () => number): Handlers['exits'] {
  return {
    view: (input, env) => {
      const store = inst.requireStore();
      const person = personRow(store, input.personId);
      const flags = currentFlags(person, now());
      const name = actorNames(store);
      const mayReadProtection = can(env.session.roles, 'protection.read');
      const episodes = store.q.all(store.qb.selectFrom('episodes').selectAll().where('person_id', '=', input.personId).orderBy('apprehended_at', 'desc'));
      return { personId: input.personId, episodes: episodes.map((e) => episodeExitView(store, e, flags, now(), mayReadProtection, name)) };
    },
    recordStep: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      const state = effectiveState(row.state as EpisodeState, row.term_end, now());
      if (state === 'CLOSED') throw new ApiError({ code: 'rule', messageKey: 'error.episode.wrongState', params: { state } });
      const planned = plannedOf(row);
      const pathway = planned ? pathwayOfOutcome[planned.plannedOutcome] : undefined;
      if (!pathway) throw rule('error.exit.noPathway');
      const step = input.step;
      if (!pathwaySteps[pathway].includes(step.kind)) throw rule('error.exit.stepNotInPathway', 'step.kind');
      if (restrictedSteps.has(step.kind) && !can(env.session.roles, 'protection.read')) throw restricted();
      notBeforeStart(step.at, row, 'step.at');
      notFuture(step.at, now(), 'step.at');
      const rows = stepRows(store, row.episode_id);
      const before = prerequisites(pathway, step.kind);
      if (before.some((p) => !rows.has(p))) throw rule('error.exit.stepOutOfOrder', 'step.kind');
      if (before.some((p) => Date.parse(step.at) < Date.parse(rows.get(p)!.done_at))) throw dateValidationError([{ path: 'step.at', key: 'error.exit.stepBeforeEarlier' }]);
      const notice = rows.get('removal_notice');
      if (pathway === 'removal' && step.kind === 'departure' && notice && removalTooEarly(step.at, notice.done_at, store.settings)) {
        const until = iso(removalAllowedFrom(notice.done_at, store.settings));
        throw new ApiError({ code: 'rule', messageKey: 'error.exit.removalPeriodRunning', params: { until }, fields: { 'step.at': { key: 'error.exit.removalPeriodRunning', params: { until } } } });
      }
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'exit.stepRecorded', entityId: row.episode_id, payload: { personId: row.person_id, pathway, step } }));
      return { eventId: e.eventId };
    },
    recordDeath: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      const state = effectiveState(row.state as EpisodeState, row.term_end, now());
      if (!canTransition('close', state)) throw new ApiError({ code: 'rule', messageKey: 'error.episode.wrongState', params: { state } });
      const d = input.death;
      if (Date.parse(d.diedAt) < Date.parse(row.apprehended_at)) throw dateValidationError([{ path: 'death.diedAt', key: 'error.time.beforeEpisodeStart' }]);
      notFuture(d.diedAt, now(), 'death.diedAt');
      notFuture(d.foundAt, now(), 'death.foundAt');
      // The death closes the stay as the register records it (outcome `died`); what is owed after it is not closed.
      const exit: Exit = { type: 'died', at: d.diedAt, basis: `${d.certificate.doctor}, ${d.certificate.number}` };
      const e = store.command(actor(env), env.method, (tx) => {
        const ev = tx.append({ type: 'death.recorded', entityId: row.episode_id, payload: { personId: row.person_id, death: d } });
        tx.append({ type: 'episode.closed', entityId: row.episode_id, payload: { exit } });
        return ev;
      });
      return { eventId: e.eventId };
    },
    recordDeathNotification: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      const d = deathRow(store, row.episode_id);
      const n = input.notification;
      if (Date.parse(n.at) < Date.parse(d.died_at)) throw dateValidationError([{ path: 'notification.at', key: 'error.death.beforeDeath' }]);
      notFuture(n.at, now(), 'notification.at');
      // The consul of an asylum seeker, a refugee or a presumed trafficking victim may be the persecutor's: only with the person's consent on record (§5 rule 3).
      if (n.recipient === 'consul' && consulBlocked(currentFlags(personRow(store, row.person_id), now()), store.settings) && !consularConsent(store, row.episode_id)) {
        throw rule('error.death.consulBlocked', 'notification.recipient');
      }
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'death.notified', entityId: row.episode_id, payload: { notification: n } }));
      return { eventId: e.eventId };
    },
    recordBody: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      const d = deathRow(store, row.episode_id);
      if (d.body !== null) throw rule('error.death.bodyAlreadyRecorded');
      const b = input.body;
      if (Date.parse(b.at) < Date.parse(d.died_at)) throw dateValidationError([{ path: 'body.at', key: 'error.death.beforeDeath' }]);
      notFuture(b.at, now(), 'body.at');
      // MC 2025 amendment (docs/domain.md §4): the state buries an unclaimed body after 7 days, not before.
      if (b.kind === 'state_burial' && Date.parse(b.at) < stateBurialFrom(d.died_at)) {
        const from = iso(stateBurialFrom(d.died_at));
        throw new ApiError({ code: 'rule', messageKey: 'error.death.burialTooEarly', params: { from }, fields: { 'body.at': { key: 'error.death.burialTooEarly', params: { from } } } });
      }
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'death.bodyRecorded', entityId: row.episode_id, payload: { body: b } }));
      return { eventId: e.eventId };
    },
  };
}

/**
 * The period's exits and deaths, counts by kind (issue #15 §7): `from` and `to` are the facility's local
 * dates, both included. Notifications count on time when told by their deadline; `unclaimedNow` are the
 * bodies with nothing recorded yet, whatever the period.
 */
export function exitsFigures(store: ReadStore, from: string, to: string) {
  const tz = store.settings.timeZone;
  const start = iso(startOfLocalDay(from, tz));
  const end = iso(startOfLocalDay(addCalendarDays(to, 1), tz));
  const closed = store.q.all(store.qb.selectFrom('episodes').select(['episode_id', 'outcome']).where('exit_at', '>=', start).where('exit_at', '<', end));
  const byOutcome: Partial<Record<OutcomeType, number>> = {};
  const byPathway: Partial<Record<ExitPathway, number>> = {};
  for (const c of closed) {
    const o = c.outcome as OutcomeType;
    byOutcome[o] = (byOutcome[o] ?? 0) + 1;
    const p = pathwayOfOutcome[o];
    if (p) byPathway[p] = (byPathway[p] ?? 0) + 1;
  }
  const removals = { expelled: byOutcome.expelled ?? 0, readmission: byOutcome.deported_readmission ?? 0, avr_iom: byOutcome.avr_iom ?? 0, voluntary_departure: byOutcome.departed_voluntarily ?? 0 };
  const deaths = store.q.all(store.qb.selectFrom('deaths').select(['episode_id', 'died_at', 'body']).where('died_at', '>=', start).where('died_at', '<', end));
  const notifications = { onTime: 0, late: 0, notYet: 0 };
  const told = deaths.length
    ? store.q.all(
        store.qb
          .selectFrom('death_notifications')
          .select(['episode_id', 'recipient', 'notified_at'])
          .where(
            'episode_id',
            'in',
            deaths.map((d) => d.episode_id),
          ),
      )
    : [];
  for (const d of deaths) {
    for (const n of told.filter((t) => t.episode_id === d.episode_id)) {
      const due = Date.parse(d.died_at) + hours(notifyHours(n.recipient as DeathRecipient, store.settings));
      if (Date.parse(n.notified_at) <= due) notifications.onTime++;
      else notifications.late++;
    }
    notifications.notYet += deathRecipients.length - told.filter((t) => t.episode_id === d.episode_id).length;
  }
  const bodies = { claimed: 0, stateBurial: 0 };
  for (const d of deaths) {
    const kind = d.body ? (JSON.parse(d.body) as BodyRecord).kind : null;
    if (kind === 'claimed') bodies.claimed++;
    else if (kind === 'state_burial') bodies.stateBurial++;
  }
  const unclaimedNow =
    store.q.first(
      store.qb
        .selectFrom('deaths')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('body', 'is', null),
    )?.n ?? 0;
  return { exits: closed.length, byOutcome, byPathway, removals, deaths: deaths.length, notifications, bodies, unclaimedNow: Number(unclaimedNow) };
}
