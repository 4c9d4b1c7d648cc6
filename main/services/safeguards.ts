import { can } from '../../core/permissions';
import { median } from '../../core/compliance';
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../core/canonical-json';
import type { SafeguardsPanel } from '../../core/contract/safeguards';
import { ApiError } from '../../core/contract/errors';
import { findTemplate, letterTemplates, type LetterStatus } from '../../core/rights-letters';
import type { LetterTemplate } from '../../core/rights-letters/schema';
import {
  consularDisclosure,
  consularState,
  furtherConsularStepAllowed,
  interpreterAllowed,
  type ConsularDisclosure,
  type ConsularState,
  type DisclosureFacts,
  type InterpreterUse,
} from '../../core/safeguards';
import type { Settings } from '../../core/settings';
import type { VulnerabilityFlag } from '../../core/vulnerability';
import { disclosureOrders, isProtectionCase, personFlags } from '../../db/episode-facts';
import type { ConsularNoticesTable, EpisodesTable, InterpreterUsesTable } from '../../db/schema';
import type { Store } from '../../db/store';
import type { Handlers, SignedInEnv } from '../api/router';
import { episodeRow } from './episodes';
import { protectionFigures } from './protection-figures';
import { episodeAdmission, notifiedEpisodes, storedDelay } from './admission';
import { effectiveState, type EpisodeState } from '../../core/episode';
import { dateValidationError, notFuture } from './intake';
import type { Installation } from './installation';
import { actorNames, personRow } from './person-view';

const actor = (env: SignedInEnv) => ({ userId: env.session.userId });
const notFound = () => new ApiError({ code: 'not_found', messageKey: 'error.notFound' });
const rule = (key: string, field?: string) => new ApiError(field ? { code: 'rule', messageKey: key, fields: { [field]: { key } } } : { code: 'rule', messageKey: key });

/** The content hash that identifies exactly which wording a person was given. */
export function templateHash(t: LetterTemplate): string {
  return createHash('sha256').update(canonicalJson(t)).digest('hex').slice(0, 16);
}

// Crockford base32 without I, L, O, U: a code read off paper survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Eight characters from the notification and the template's hash, printed on the letter and in its QR code. */
export function verifyCodeFor(notificationId: string, hash: string): string {
  const digest = createHash('sha256').update(`${notificationId}|${hash}`).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 8) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 8) break;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

function normalizeCode(code: string): string {
  const c = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return `${c.slice(0, 4)}-${c.slice(4)}`;
}

function notBeforeApprehension(at: string, ep: EpisodesTable, path: string): void {
  if (Date.parse(at) < Date.parse(ep.apprehended_at)) throw dateValidationError([{ path, key: 'error.time.beforeApprehension' }]);
}

function flagsOf(store: Store, personId: string): VulnerabilityFlag[] {
  return personFlags(store.q, store.qb, [personId]).get(personId) ?? [];
}

function toInterpreterUse(u: InterpreterUsesTable): InterpreterUse {
  return {
    at: u.at,
    language: u.language,
    interpreterName: u.interpreter_name,
    kind: u.kind as InterpreterUse['kind'],
    purpose: u.purpose as InterpreterUse['purpose'],
    genderPreferenceMet: u.gender_preference_met === null ? null : u.gender_preference_met === 1,
    affiliationChecked: u.affiliation_checked === 1,
    affiliatedWithOriginState: u.affiliated === 1,
  };
}

function interpreterUse(store: Store, useId: string, personId: string): InterpreterUse {
  const u = store.q.first(store.qb.selectFrom('interpreter_uses').selectAll().where('use_id', '=', useId));
  if (!u || u.person_id !== personId) throw rule('error.interpreter.unknown', 'interpreterUseId');
  return toInterpreterUse(u);
}

function noticeRow(store: Store, noticeId: string): ConsularNoticesTable {
  const n = store.q.first(store.qb.selectFrom('consular_notices').selectAll().where('notice_id', '=', noticeId));
  if (!n) throw notFound();
  return n;
}

function noticeState(n: ConsularNoticesTable, flags: readonly VulnerabilityFlag[], settings: Settings): { state: ConsularState; protectionCase: boolean } {
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
function noticeDisclosure(store: Store, n: ConsularNoticesTable, flags: readonly VulnerabilityFlag[]): { disclosure: ConsularDisclosure; furtherStepsAllowed: boolean } {
  const facts: DisclosureFacts = {
    protectionCase: isProtectionCase(flags, store.settings),
    ...(disclosureOrders(store.q, store.qb, [n.notice_id]).get(n.notice_id) ?? { sentOrder: null, consentOrders: [], reviewedOrder: null }),
  };
  return { disclosure: consularDisclosure(facts), furtherStepsAllowed: furtherConsularStepAllowed(facts) };
}

function blockReasons(n: ConsularNoticesTable, flags: readonly VulnerabilityFlag[], settings: Settings): SafeguardsPanel['episodes'][number]['consular'][number]['blockReasons'] {
  const out: SafeguardsPanel['episodes'][number]['consular'][number]['blockReasons'] = [];
  if (n.sent_at) return out;
  if (flags.includes('asylum')) out.push('asylum');
  if (flags.includes('refugee')) out.push('refugee');
  if (settings.consularBlockForTrafficking && flags.includes('trafficking')) out.push('trafficking');
  if (n.wish === 'expressly_opposes') out.push('opposed');
  return n.consent && out.length && !out.includes('opposed') ? [] : out;
}

/** The consul is still blocked for a reader without protection.read, but the panel does not say why. */
function maskTrafficking(panel: SafeguardsPanel, mayReadProtection: boolean): SafeguardsPanel {
  if (mayReadProtection) return panel;
  return {
    ...panel,
    episodes: panel.episodes.map((e) => ({
      ...e,
      consular: e.consular.map((n) => ({ ...n, blockReasons: n.blockReasons.map((r) => (r === 'trafficking' ? 'restricted' : r)) })),
    })),
  };
}

const languageMatches = (spoken: readonly string[], language: string) => spoken.some((l) => l.trim().toLowerCase() === language.trim().toLowerCase());

/**
 * Rights (Migration Code 74.5), consular notice (VCCR 36 with the protection block), legal aid
 * (Constitution 61) and interpreters. Each refusal names the rule in a translated message.
 */
export function safeguardsHandlers(inst: Installation, now: () => number): Handlers['safeguards'] {
  return {
    letterTemplates: () => ({
      templates: letterTemplates.map((t) => ({ language: t.language, endonym: t.endonym, version: t.version, versionHash: templateHash(t), status: t.status, direction: t.direction })),
    }),
    letter: (input) => {
      const store = inst.requireStore();
      const n = store.q.first(store.qb.selectFrom('rights_notifications').selectAll().where('notification_id', '=', input.notificationId));
      if (!n || !n.template_version) throw notFound();
      const template = findTemplate(n.language, n.template_version);
      if (!template) throw notFound();
      const p = personRow(store, n.person_id);
      return {
        template,
        versionHash: templateHash(template),
        verifyCode: n.verify_code,
        qrPayload: `qeyd:rights:${n.verify_code}:${n.notification_id}:${templateHash(template)}`,
        person: { personId: p.person_id, nameOriginal: p.name_original, nameLatin: p.name_latin, birthDate: p.birth_date, nationalities: JSON.parse(p.nationalities) as string[] },
        facilityName: store.meta('facility_name') ?? '',
        notifiedAt: n.at,
        officerName: actorNames(store)(n.recorded_by),
      };
    },
    verifyLetter: (input) => {
      const store = inst.requireStore();
      const n = store.q.first(store.qb.selectFrom('rights_notifications').selectAll().where('verify_code', '=', normalizeCode(input.code)));
      if (!n) return { found: false, notification: null };
      const p = personRow(store, n.person_id);
      const event = store.eventsFor(n.notification_id)[0];
      const recordedHash = event ? ((JSON.parse(event.payload) as { templateHash?: string }).templateHash ?? null) : null;
      const template = n.template_version ? findTemplate(n.language, n.template_version) : undefined;
      return {
        found: true,
        notification: {
          notificationId: n.notification_id,
          personId: n.person_id,
          nameLatin: p.name_latin,
          at: n.at,
          language: n.language,
          templateVersion: n.template_version,
          templateHash: recordedHash,
          // The wording printed then is still the wording the app holds for that version.
          templateMatches: template ? templateHash(template) === recordedHash : recordedHash === null,
        },
      };
    },
    panel: (input, env) => maskTrafficking(buildPanel(inst.requireStore(), input.personId, now()), can(env.session.roles, 'protection.read')),
    notifyRights: (input, env) => {
      const store = inst.requireStore();
      const ep = episodeRow(store, input.episodeId);
      const n = input.notification;
      notBeforeApprehension(n.at, ep, 'notification.at');
      notFuture(n.at, now(), 'notification.at');
      let hash: string | undefined;
      let letterStatus: LetterStatus | undefined;
      if (n.mode === 'written') {
        const template = findTemplate(n.language, n.templateVersion);
        if (!template || (n.templateId !== undefined && n.templateId !== template.id)) throw rule('error.rights.unknownTemplate', 'notification.templateVersion');
        hash = templateHash(template);
        letterStatus = template.status === 'approved' ? 'reviewed' : 'draft';
      }
      const person = personRow(store, ep.person_id);
      const flags = flagsOf(store, ep.person_id);
      if (n.interpreterUseId) {
        const use = interpreterUse(store, n.interpreterUseId, ep.person_id);
        if (!interpreterAllowed(use, isProtectionCase(flags, store.settings))) throw rule('error.interpreter.affiliatedInProtectionCase', 'notification.interpreterUseId');
      } else if (!languageMatches(JSON.parse(person.languages) as string[], n.language)) {
        // Rights first (§5 rule 2): in a language the person understands, or through an interpreter.
        throw rule('error.rights.languageNotUnderstood', 'notification.language');
      }
      const notificationId = randomUUID();
      const verifyCode = verifyCodeFor(notificationId, hash ?? 'oral');
      store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'rights.notified', entityId: notificationId, payload: { personId: ep.person_id, episodeId: ep.episode_id, notification: n, templateHash: hash, verifyCode, letterStatus } }),
      );
      return { notificationId, verifyCode };
    },
    recordRightsDelay: (input, env) => {
      const store = inst.requireStore();
      const ep = episodeRow(store, input.episodeId);
      if (ep.state === 'CLOSED') throw rule('error.rights.delayClosed');
      // Once the rights reached the person there is no delay left to explain (§5 rule 2).
      if (notifiedEpisodes(store, [ep.episode_id]).size > 0) throw rule('error.rights.delayAfterNotice');
      notBeforeApprehension(input.delay.at, ep, 'delay.at');
      notFuture(input.delay.at, now(), 'delay.at');
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'rights.delayed', entityId: ep.episode_id, payload: { personId: ep.person_id, episodeId: ep.episode_id, delay: input.delay } }),
      );
      return { eventId: e.eventId };
    },
    recordInterpreter: (input, env) => {
      const store = inst.requireStore();
      personRow(store, input.personId);
      if (input.episodeId && episodeRow(store, input.episodeId).person_id !== input.personId) throw notFound();
      notFuture(input.use.at, now(), 'use.at');
      // §5 rule 10: an interpreter linked to the country-of-origin mission is never used in a protection case.
      if (!interpreterAllowed(input.use, isProtectionCase(flagsOf(store, input.personId), store.settings))) {
        throw rule('error.interpreter.affiliatedInProtectionCase', input.use.affiliationChecked ? 'use.affiliatedWithOriginState' : 'use.affiliationChecked');
      }
      const useId = randomUUID();
      store.command(actor(env), env.method, (tx) => tx.append({ type: 'interpreter.used', entityId: useId, payload: { personId: input.personId, episodeId: input.episodeId, use: input.use } }));
      return { useId };
    },
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
      const type = input.kind === 'acknowledged' ? 'consular.acknowledged' : 'consular.visited';
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type, entityId: n.notice_id, payload: { at: input.at, note: input.note } }));
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
    stats: (_input, env) => ({ ...safeguardStats(inst.requireStore()), ...protectionFigures(inst.requireStore(), now(), can(env.session.roles, 'protection.read')) }),
  };
}

function legalAidRow(store: Store, requestId: string) {
  const r = store.q.first(store.qb.selectFrom('legal_aid_requests').selectAll().where('request_id', '=', requestId));
  if (!r) throw notFound();
  return r;
}

const hoursBetween = (a: string, b: string) => Math.round(((Date.parse(b) - Date.parse(a)) / 3_600_000) * 10) / 10;

/** Every safeguard of every detention of a person, with its state and clock. */
export function buildPanel(store: Store, personId: string, now: number): SafeguardsPanel {
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
          templateHash: (JSON.parse(events.get(r.notification_id)?.payload ?? '{}') as { templateHash?: string }).templateHash ?? null,
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
        interpreters: uses.filter((u) => u.episode_id === null || u.episode_id === e.episode_id).map((u) => ({ useId: u.use_id, episodeId: u.episode_id, use: toInterpreterUse(u) })),
      };
    }),
  };
}

/** The people behind the disclosure figure, by name, each a link to their record. */
function disclosurePeople(store: Store, disclosed: ReadonlyMap<string, boolean>) {
  if (disclosed.size === 0) return [];
  const rows = store.q.all(
    store.qb
      .selectFrom('persons')
      .select(['person_id', 'name_latin'])
      .where('person_id', 'in', [...disclosed.keys()])
      .orderBy('name_latin'),
  );
  return rows.map((p) => ({ personId: p.person_id, nameLatin: p.name_latin, reviewed: disclosed.get(p.person_id) ?? false }));
}

/** Facility figures: rights within the limit, consular notices sent or blocked, time to a defender. */
export function safeguardStats(store: Store) {
  const s = store.settings;
  const episodes = store.q.all(store.qb.selectFrom('episodes').select(['episode_id', 'person_id', 'apprehended_at']));
  const firstRights = new Map<string, string>();
  for (const r of store.q.all(store.qb.selectFrom('rights_notifications').select(['episode_id', 'at']).orderBy('at'))) {
    if (!firstRights.has(r.episode_id)) firstRights.set(r.episode_id, r.at);
  }
  let within = 0;
  let late = 0;
  let missing = 0;
  for (const e of episodes) {
    const at = firstRights.get(e.episode_id);
    if (!at) missing++;
    else if (Date.parse(at) - Date.parse(e.apprehended_at) <= s.rightsNotificationHours * 3_600_000) within++;
    else late++;
  }
  const flagsByPerson = personFlags(store.q, store.qb, [...new Set(episodes.map((e) => e.person_id))]);
  let sent = 0;
  let blocked = 0;
  let conflicts = 0;
  const allNotices = store.q.all(store.qb.selectFrom('consular_notices').selectAll());
  const orders = disclosureOrders(
    store.q,
    store.qb,
    allNotices.filter((n) => n.sent_at).map((n) => n.notice_id),
  );
  const disclosed = new Map<string, boolean>();
  for (const n of allNotices) {
    const flags = flagsByPerson.get(n.person_id) ?? [];
    const { state } = noticeState(n, flags, s);
    const o = orders.get(n.notice_id);
    const disclosure = o ? consularDisclosure({ protectionCase: isProtectionCase(flags, s), ...o }) : 'none';
    if (disclosure !== 'none') disclosed.set(n.person_id, (disclosed.get(n.person_id) ?? true) && disclosure === 'reviewed');
    if (n.sent_at) sent++;
    else if (state === 'BLOCKED_PROTECTION' || state === 'BLOCKED_OPPOSED') {
      blocked++;
      if (s.nationalConsularReporting) conflicts++;
    }
  }
  const apprehended = new Map(episodes.map((e) => [e.episode_id, e.apprehended_at]));
  const firstContact = new Map<string, string>();
  for (const a of store.q.all(store.qb.selectFrom('legal_aid_requests').select(['episode_id', 'first_contact_at']))) {
    if (!a.first_contact_at) continue;
    const cur = firstContact.get(a.episode_id);
    if (!cur || a.first_contact_at < cur) firstContact.set(a.episode_id, a.first_contact_at);
  }
  const hours = [...firstContact].map(([ep, at]) => hoursBetween(apprehended.get(ep)!, at)).sort((a, b) => a - b);
  const languages = store.q.all(
    store.qb
      .selectFrom('rights_notifications')
      .select((eb) => ['language', eb.fn.countAll<number>().as('count')])
      .groupBy('language')
      .orderBy('count', 'desc'),
  );
  return {
    episodes: episodes.length,
    rightsWithinLimit: within,
    rightsLate: late,
    rightsMissing: missing,
    consularSent: sent,
    consularBlocked: blocked,
    policyConflicts: conflicts,
    disclosureConflicts: disclosed.size,
    disclosureUnreviewed: [...disclosed.values()].filter((reviewed) => !reviewed).length,
    disclosurePeople: disclosurePeople(store, disclosed),
    medianHoursToDefender: median(hours),
    withoutDefender: episodes.length - firstContact.size,
    languages: languages.map((l) => ({ language: l.language, count: Number(l.count) })),
  };
}
