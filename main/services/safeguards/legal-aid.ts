import { randomUUID } from 'node:crypto';
import type { ServiceStore } from '../../../db/store';
import type { Handlers } from '../../api/router';
import { episodeRow } from '../episodes';
import { dateValidationError, notFuture } from '../common';
import type { ServiceInstallation } from '../installation';
import { actor, notFound, rule, notBeforeApprehension } from './shared';

function legalAidRow(store: ServiceStore, requestId: string) {
  const r = store.q.first(store.qb.selectFrom('legal_aid_requests').selectAll().where('request_id', '=', requestId));
  if (!r) throw notFound();
  return r;
}

/** Free legal aid (Constitution Art. 61): request, defender, contacts, problems, a witnessed waiver. */
export function legalAidHandlers(
  inst: ServiceInstallation,
  now: () => number,
): Pick<Handlers['safeguards'], 'requestLegalAid' | 'assignDefender' | 'recordLegalContact' | 'recordLegalAidIssue' | 'waiveLegalAid'> {
  return {
    requestLegalAid: (input, env) => {
      const store = inst.requireStore();
      const ep = episodeRow(store, input.episodeId);
      notBeforeApprehension(input.request.requestedAt, ep, 'request.requestedAt');
      notFuture(input.request.requestedAt, now(), 'request.requestedAt');
      const requestId = randomUUID();
      store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'legalAid.requested', entityId: requestId, payload: { personId: ep.person_id, episodeId: ep.episode_id, request: input.request } }),
      );
      return { requestId };
    },
    assignDefender: (input, env) => {
      const store = inst.requireStore();
      const r = legalAidRow(store, input.requestId);
      if (Date.parse(input.defender.at) < Date.parse(r.requested_at)) throw dateValidationError([{ path: 'defender.at', key: 'error.time.beforeRequest' }]);
      notFuture(input.defender.at, now(), 'defender.at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'legalAid.defenderAssigned', entityId: r.request_id, payload: { defender: input.defender } }));
      return { eventId: e.eventId };
    },
    recordLegalContact: (input, env) => {
      const store = inst.requireStore();
      const r = legalAidRow(store, input.requestId);
      if (!r.defender) throw rule('error.legalAid.noDefender');
      const ep = episodeRow(store, r.episode_id);
      notBeforeApprehension(input.contact.at, ep, 'contact.at');
      notFuture(input.contact.at, now(), 'contact.at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'legalAid.contacted', entityId: r.request_id, payload: { contact: input.contact } }));
      return { eventId: e.eventId };
    },
    recordLegalAidIssue: (input, env) => {
      const store = inst.requireStore();
      const r = legalAidRow(store, input.requestId);
      notFuture(input.issue.at, now(), 'issue.at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'legalAid.issue', entityId: r.request_id, payload: { issue: input.issue } }));
      return { eventId: e.eventId };
    },
    waiveLegalAid: (input, env) => {
      const store = inst.requireStore();
      const ep = episodeRow(store, input.episodeId);
      notBeforeApprehension(input.at, ep, 'at');
      notFuture(input.at, now(), 'at');
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'legalAid.waived', entityId: randomUUID(), payload: { personId: ep.person_id, episodeId: ep.episode_id, at: input.at, witness: input.witness, statement: input.statement } }),
      );
      return { eventId: e.eventId };
    },
  };
}
