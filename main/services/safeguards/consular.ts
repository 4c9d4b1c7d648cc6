import { randomUUID } from 'node:crypto';
import type { SafeguardsPanel } from '../../../core/contract/safeguards';
import { consularDisclosure, consularState, furtherConsularStepAllowed, interpreterAllowed, type ConsularDisclosure, type ConsularState, type DisclosureFacts } from '../../../core/safeguards';
import type { Settings } from '../../../core/settings';
import type { VulnerabilityFlag } from '../../../core/vulnerability';
import { disclosureOrders, isProtectionCase } from '../../../db/episode-facts';
import type { ConsularNoticesTable } from '../../../db/schema';
import type { ServiceStore } from '../../../db/store';
import type { Handlers } from '../../api/router';
import { episodeRow } from '../episodes';
import { dateValidationError, notFuture } from '../common';
import type { ServiceInstallation } from '../installation';
import { actor, notFound, rule, notBeforeApprehension, flagsOf } from './shared';
import { interpreterUse } from './interpreters';
import { appendContact } from '../contacts';

export function noticeRow(store: ServiceStore, noticeId: string): ConsularNoticesTable {
  const n = store.q.first(store.qb.selectFrom('consular_notices').selectAll().where('notice_id', '=', noticeId));
  if (!n) throw notFound();
  return n;
}

export function noticeState(n: ConsularNoticesTable, flags: readonly VulnerabilityFlag[], settings: Settings): { state: ConsularState; protectionCase: boolean } {
  const protectionCase = isProtectionCase(flags, settings);
  return {
    protectionCase,
    state: consularState({
      wish: n.wish as 'requests',
      protectionCase,
      consentRecorded: n.consent !== null,
      sentAt: n.sent_at,
      acknowledgedAt: n.acknowledged_at,
      visitedAt: n.visited_at,
      withdrawnAt: n.withdrawn_at,
    }),
  };
}

/** Where a notice stands on disclosure (docs/domain.md §5 rule 3), from the recording order of its events. */
export function noticeDisclosure(store: ServiceStore, n: ConsularNoticesTable, flags: readonly VulnerabilityFlag[]): { disclosure: ConsularDisclosure; furtherStepsAllowed: boolean } {
  const facts: DisclosureFacts = {
    protectionCase: isProtectionCase(flags, store.settings),
    ...(disclosureOrders(store.q, store.qb, [n.notice_id]).get(n.notice_id) ?? { sentOrder: null, consentOrders: [], reviewedOrder: null }),
  };
  return { disclosure: consularDisclosure(facts), furtherStepsAllowed: furtherConsularStepAllowed(facts) };
}

export function blockReasons(n: ConsularNoticesTable, flags: readonly VulnerabilityFlag[], settings: Settings): SafeguardsPanel['episodes'][number]['consular'][number]['blockReasons'] {
  const out: SafeguardsPanel['episodes'][number]['consular'][number]['blockReasons'] = [];
  if (n.sent_at) return out;
  if (flags.includes('asylum')) out.push('asylum');
  if (flags.includes('refugee')) out.push('refugee');
  if (settings.consularBlockForTrafficking && flags.includes('trafficking')) out.push('trafficking');
  if (n.wish === 'expressly_opposes') out.push('opposed');
  return n.consent && out.length && !out.includes('opposed') ? [] : out;
}

/** Consular notice (VCCR 36), never for a protection case without consent (docs/domain.md §5 rule 3). */
export function consularHandlers(
  inst: ServiceInstallation,
  now: () => number,
): Pick<Handlers['safeguards'], 'openConsular' | 'recordConsent' | 'sendConsular' | 'consularAnswered' | 'reviewDisclosure' | 'withdrawConsular'> {
  return {
    openConsular: (input, env) => {
      const store = inst.requireStore();
      const ep = episodeRow(store, input.episodeId);
      notBeforeApprehension(input.open.informedAt, ep, 'open.informedAt');
      notFuture(input.open.informedAt, now(), 'open.informedAt');
      const open = store.q.first(store.qb.selectFrom('consular_notices').select('notice_id').where('episode_id', '=', ep.episode_id).where('withdrawn_at', 'is', null));
      if (open) throw rule('error.consular.alreadyOpen');
      const noticeId = randomUUID();
      store.command(actor(env), env.method, (tx) => tx.append({ type: 'consular.opened', entityId: noticeId, payload: { personId: ep.person_id, episodeId: ep.episode_id, open: input.open } }));
      return { noticeId };
    },
    recordConsent: (input, env) => {
      const store = inst.requireStore();
      const n = noticeRow(store, input.noticeId);
      const flags = flagsOf(store, n.person_id);
      const { state, protectionCase } = noticeState(n, flags, store.settings);
      // After a disclosure conflict, consent is what any further consular step needs (§5 rule 3).
      const afterDisclosure = noticeDisclosure(store, n, flags).disclosure !== 'none';
      if (!protectionCase || (state !== 'BLOCKED_PROTECTION' && !afterDisclosure)) throw rule('error.consular.consentNotNeeded');
      const c = input.consent;
      // Informed consent is taken in private, with an independent interpreter, no consular official present.
      if (!c.interpreterUseId) throw rule('error.consular.consentNeedsInterpreter', 'consent.interpreterUseId');
      const use = interpreterUse(store, c.interpreterUseId, n.person_id);
      if (!interpreterAllowed(use, true)) throw rule('error.interpreter.affiliatedInProtectionCase', 'consent.interpreterUseId');
      if (!c.privateSetting || c.consularPresent) throw rule('error.consular.consentNotPrivate', c.consularPresent ? 'consent.consularPresent' : 'consent.privateSetting');
      if (Date.parse(c.at) < Date.parse(n.informed_at)) throw dateValidationError([{ path: 'consent.at', key: 'error.time.beforeInformed' }]);
      notFuture(c.at, now(), 'consent.at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'consular.consentRecorded', entityId: n.notice_id, payload: { consent: c } }));
      return { eventId: e.eventId };
    },
    sendConsular: (input, env) => {
      const store = inst.requireStore();
      const n = noticeRow(store, input.noticeId);
      const flags = flagsOf(store, n.person_id);
      const { state } = noticeState(n, flags, store.settings);
      if (!noticeDisclosure(store, n, flags).furtherStepsAllowed) throw rule('error.consular.consentNeeded');
      if (state === 'BLOCKED_PROTECTION') throw rule('error.consular.blockedProtection');
      if (state === 'BLOCKED_OPPOSED') throw rule('error.consular.blockedOpposed');
      if (state !== 'READY') throw rule('error.consular.wrongState');
      if (Date.parse(input.sent.at) < Date.parse(n.informed_at)) throw dateValidationError([{ path: 'sent.at', key: 'error.time.beforeInformed' }]);
      notFuture(input.sent.at, now(), 'sent.at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'consular.sent', entityId: n.notice_id, payload: { sent: input.sent } }));
      return { eventId: e.eventId };
    },
    consularAnswered: (input, env) => {
      const store = inst.requireStore();
      const n = noticeRow(store, input.noticeId);
      if (!n.sent_at) throw rule('error.consular.wrongState');
      // A consulate told before the person became a protection case hears nothing more without consent.
      if (!noticeDisclosure(store, n, flagsOf(store, n.person_id)).furtherStepsAllowed) throw rule('error.consular.consentNeeded');
      if (Date.parse(input.at) < Date.parse(n.sent_at)) throw dateValidationError([{ path: 'at', key: 'error.time.beforeSent' }]);
      notFuture(input.at, now(), 'at');
      if (input.kind === 'visited') {
        // A consul's visit is an entry of the contact log (issue #15 §1), linked to this notice; the card's
        // VISITED is derived from it (db/projections/contacts.ts).
        const ep = episodeRow(store, n.episode_id);
        const who = { name: (JSON.parse(n.states) as string[]).join(', ') };
        const contact = { kind: 'visit' as const, category: 'consul' as const, who, at: input.at, outcome: 'took_place' as const, ...(input.note ? { note: input.note } : {}) };
        const contactId = appendContact(store, env, ep, contact, { noticeId: n.notice_id });
        return { eventId: store.q.first(store.qb.selectFrom('contacts').select('last_event_id').where('contact_id', '=', contactId))!.last_event_id };
      }
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'consular.acknowledged', entityId: n.notice_id, payload: { at: input.at, note: input.note } }));
      return { eventId: e.eventId };
    },
    reviewDisclosure: (input, env) => {
      const store = inst.requireStore();
      const n = noticeRow(store, input.noticeId);
      const { disclosure } = noticeDisclosure(store, n, flagsOf(store, n.person_id));
      if (disclosure === 'none') throw rule('error.consular.noDisclosureConflict');
      if (disclosure === 'reviewed') throw rule('error.consular.disclosureAlreadyReviewed');
      const r = input.review;
      const sentAt = n.sent_at!;
      const wrong = (['at', 'personToldAt', 'asylumAuthorityInformedAt'] as const).filter((k) => Date.parse(r[k]) < Date.parse(sentAt));
      if (wrong.length) throw dateValidationError(wrong.map((k) => ({ path: `review.${k}`, key: 'error.time.beforeSent' })));
      for (const k of ['at', 'personToldAt', 'asylumAuthorityInformedAt'] as const) notFuture(r[k], now(), `review.${k}`);
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'consular.disclosureReviewed', entityId: n.notice_id, payload: { review: r } }));
      return { eventId: e.eventId };
    },
    withdrawConsular: (input, env) => {
      const store = inst.requireStore();
      const n = noticeRow(store, input.noticeId);
      if (n.sent_at) throw rule('error.consular.alreadySent');
      if (n.withdrawn_at) throw rule('error.consular.wrongState');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'consular.withdrawn', entityId: n.notice_id, payload: { at: input.at, reason: input.reason } }));
      return { eventId: e.eventId };
    },
  };
}
