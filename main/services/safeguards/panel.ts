import type { SafeguardsPanel } from '../../../core/contract/safeguards';
import { isProtectionCase } from '../../../db/episode-facts';
import type { ServiceStore } from '../../../db/store';
import { episodeAdmission, storedDelay } from '../admission';
import { effectiveState, type EpisodeState } from '../../../core/episode';
import { actorNames, personRow } from '../person-view';
import { flagsOf, recordedTemplateHash } from './shared';
import { toInterpreterUse } from './interpreters';
import { noticeState, noticeDisclosure, blockReasons } from './consular';

/** The consul is still blocked for a reader without protection.read, but the panel does not say why. */
export function maskTrafficking(panel: SafeguardsPanel, mayReadProtection: boolean): SafeguardsPanel {
  if (mayReadProtection) return panel;
  return {
    ...panel,
    episodes: panel.episodes.map((e) => ({
      ...e,
      consular: e.consular.map((n) => ({ ...n, blockReasons: n.blockReasons.map((r) => (r === 'trafficking' ? 'restricted' : r)) })),
    })),
  };
}

export const hoursBetween = (a: string, b: string) => Math.round(((Date.parse(b) - Date.parse(a)) / 3_600_000) * 10) / 10;

/** Every safeguard of every detention of a person, with its state and clock. */
export function buildPanel(store: ServiceStore, personId: string, now: number): SafeguardsPanel {
  personRow(store, personId);
  const qb = store.qb;
  const flags = flagsOf(store, personId);
  const names = actorNames(store);
  const episodes = store.q.all(qb.selectFrom('episodes').selectAll().where('person_id', '=', personId).orderBy('apprehended_at', 'desc'));
  const ids = episodes.map((e) => e.episode_id);
  const none = ids.length === 0;
  const rights = none ? [] : store.q.all(qb.selectFrom('rights_notifications').selectAll().where('episode_id', 'in', ids).orderBy('at'));
  const events = new Map(rights.map((r) => [r.notification_id, store.eventsFor(r.notification_id)[0]]));
  const notices = none ? [] : store.q.all(qb.selectFrom('consular_notices').selectAll().where('episode_id', 'in', ids).orderBy('created_at'));
  const aid = none ? [] : store.q.all(qb.selectFrom('legal_aid_requests').selectAll().where('episode_id', 'in', ids).orderBy('requested_at'));
  const waivers = none ? [] : store.q.all(qb.selectFrom('legal_aid_waivers').selectAll().where('episode_id', 'in', ids).orderBy('at'));
  // A meeting recorded under a legal-aid request is already that request's contact; the others are the log's own.
  const lawyerContacts = none
    ? []
    : store.q.all(
        qb
          .selectFrom('contacts')
          .select(['contact_id', 'episode_id', 'kind', 'at', 'who_name'])
          .where('episode_id', 'in', ids)
          .where('category', '=', 'lawyer')
          .where('kind', 'in', ['visit', 'call'])
          .where('outcome', '=', 'took_place')
          .where('legal_aid_request_id', 'is', null)
          .orderBy('at'),
      );
  const uses = store.q.all(qb.selectFrom('interpreter_uses').selectAll().where('person_id', '=', personId).orderBy('at'));
  return {
    personId,
    protectionCase: isProtectionCase(flags, store.settings),
    episodes: episodes.map((e) => {
      const epRights = rights.filter((r) => r.episode_id === e.episode_id);
      const admission = episodeAdmission(effectiveState(e.state as EpisodeState, e.term_end, now), epRights.length > 0, e.rights_delay);
      return {
        episodeId: e.episode_id,
        apprehendedAt: e.apprehended_at,
        admissionFinal: admission.admissionFinal,
        admission,
        rightsDelay: storedDelay(e.rights_delay),
        rights: epRights.map((r) => ({
          notificationId: r.notification_id,
          episodeId: r.episode_id,
          notification: {
            at: r.at,
            mode: r.mode as 'written' | 'oral',
            language: r.language,
            templateId: r.template_id ?? undefined,
            templateVersion: r.template_version ?? undefined,
            interpreterUseId: r.interpreter_use_id ?? undefined,
            items: JSON.parse(r.items),
            acknowledgement: JSON.parse(r.acknowledgement),
            copyHanded: r.copy_handed === 1,
            interpreterCheckedLetter: r.interpreter_checked_letter === 1,
          },
          letterStatus: r.letter_status === 'draft' || r.letter_status === 'reviewed' ? r.letter_status : null,
          templateHash: recordedTemplateHash(events.get(r.notification_id)),
          verifyCode: r.verify_code,
          recordedBy: names(r.recorded_by),
          minutesAfterApprehension: Math.round((Date.parse(r.at) - Date.parse(e.apprehended_at)) / 60_000),
        })),
        consular: notices
          .filter((n) => n.episode_id === e.episode_id)
          .map((n) => {
            const { state } = noticeState(n, flags, store.settings);
            return {
              noticeId: n.notice_id,
              episodeId: n.episode_id,
              states: JSON.parse(n.states) as string[],
              informedAt: n.informed_at,
              wish: n.wish,
              state,
              blockReasons: blockReasons(n, flags, store.settings),
              policyConflict: store.settings.nationalConsularReporting && (state === 'BLOCKED_PROTECTION' || state === 'BLOCKED_OPPOSED'),
              consent: n.consent ? JSON.parse(n.consent) : null,
              sent: n.sent ? JSON.parse(n.sent) : null,
              acknowledgedAt: n.acknowledged_at,
              visitedAt: n.visited_at,
              withdrawnAt: n.withdrawn_at,
              withdrawReason: n.withdraw_reason,
              ...noticeDisclosure(store, n, flags),
              disclosureReview: n.disclosure_review ? JSON.parse(n.disclosure_review) : null,
            };
          }),
        legalAid: aid
          .filter((a) => a.episode_id === e.episode_id)
          .map((a) => ({
            requestId: a.request_id,
            episodeId: a.episode_id,
            request: { requestedAt: a.requested_at, requestedBy: a.requested_by as 'detainee', funding: a.funding as 'state', note: a.note ?? undefined },
            defender: a.defender ? JSON.parse(a.defender) : null,
            contacts: JSON.parse(a.contacts),
            issues: JSON.parse(a.issues),
            firstContactAt: a.first_contact_at,
            hoursToDefender: a.first_contact_at ? hoursBetween(e.apprehended_at, a.first_contact_at) : null,
          })),
        legalAidWaivers: waivers.filter((w) => w.episode_id === e.episode_id).map((w) => ({ at: w.at, witness: w.witness, statement: w.statement })),
        lawyerContacts: lawyerContacts.filter((c) => c.episode_id === e.episode_id).map((c) => ({ contactId: c.contact_id, kind: c.kind as 'visit' | 'call', at: c.at, who: c.who_name })),
        interpreters: uses.filter((u) => u.episode_id === null || u.episode_id === e.episode_id).map((u) => ({ useId: u.use_id, episodeId: u.episode_id, use: toInterpreterUse(u) })),
      };
    }),
  };
}
