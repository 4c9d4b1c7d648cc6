import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../../core/canonical-json';
import { findTemplate, letterTemplates, type LetterStatus } from '../../../core/rights-letters';
import type { LetterTemplate } from '../../../core/rights-letters/schema';
import { interpreterAllowed } from '../../../core/safeguards';
import { isProtectionCase } from '../../../db/episode-facts';
import type { Handlers } from '../../api/router';
import { episodeRow } from '../episodes';
import { notifiedEpisodes } from '../admission';
import { notFuture } from '../common';
import type { ServiceInstallation } from '../installation';
import { actorNames, personRow } from '../person-view';
import { actor, notFound, rule, notBeforeApprehension, flagsOf, recordedTemplateHash } from './shared';
import { interpreterUse } from './interpreters';

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

const languageMatches = (spoken: readonly string[], language: string) => spoken.some((l) => l.trim().toLowerCase() === language.trim().toLowerCase());

/** Rights (Migration Code 74.5): the letter in the person's language, told at once or the delay explained. */
export function rightsHandlers(inst: ServiceInstallation, now: () => number): Pick<Handlers['safeguards'], 'letterTemplates' | 'letter' | 'verifyLetter' | 'notifyRights' | 'recordRightsDelay'> {
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
      const recordedHash = recordedTemplateHash(event);
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
  };
}
