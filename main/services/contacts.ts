import { randomUUID } from 'node:crypto';
import { contactCategories, contactKinds, isSafeguardRefusal, type Contact, type ContactCategory, type ContactKind } from '../../core/contacts';
import type { ContactView } from '../../core/contract/contacts';
import type { legalAidContactSchema } from '../../core/safeguards';
import { localDate } from '../../core/time';
import { isProtectionCase } from '../../db/episode-facts';
import type { Selectable } from 'kysely';
import type { ContactsTable, EpisodesTable } from '../../db/schema';
import type { ReadStore, ServiceStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { actor, dateValidationError, notFound, notFuture, rule } from './common';
import { episodeRow } from './episodes';
import type { ServiceInstallation } from './installation';
import { flagsOf, notBeforeApprehension } from './safeguards/shared';
import { noticeDisclosure } from './safeguards/consular';
import type { z } from 'zod';

/**
 * Contact with the outside world (issue #15 §1, docs/contacts.md): the log of an episode's visits, calls,
 * letters and parcels. The app records what happened: a refused lawyer or ombudsman is never refused by
 * the app, it is recorded, flagged and owed the head's review (core/contacts.ts).
 */

function contactRow(store: ReadStore, contactId: string): Selectable<ContactsTable> {
  const row = store.q.first(store.qb.selectFrom('contacts').selectAll().where('contact_id', '=', contactId));
  if (!row) throw notFound();
  return row;
}

function checkTimes(c: Contact, ep: EpisodesTable, now: number, prefix: string): void {
  notBeforeApprehension(c.at, ep, `${prefix}at`);
  notFuture(c.at, now, `${prefix}at`);
}

/**
 * A consul's visit to a protection case needs the person's informed consent, as the consular notice does
 * (docs/domain.md §5 rule 3): the visit discloses the detention to the state the person may be fleeing. A
 * notice sent before the person became a protection case needs consent recorded since (a disclosure
 * conflict). A consul turned away is recorded whatever the case: that refusal is the protection working.
 */
function consulAllowed(store: ServiceStore, ep: EpisodesTable, c: Contact, noticeId: string | null): void {
  if (c.category !== 'consul' || c.outcome !== 'took_place') return;
  const flags = flagsOf(store, ep.person_id);
  const notice = noticeId ? store.q.first(store.qb.selectFrom('consular_notices').selectAll().where('notice_id', '=', noticeId)) : undefined;
  if (isProtectionCase(flags, store.settings) && !notice?.consent) throw rule('error.consular.consentNeeded', 'contact.category');
  if (notice && !noticeDisclosure(store, notice, flags).furtherStepsAllowed) throw rule('error.consular.consentNeeded', 'contact.category');
}

/** The episode's consular notice a consul's visit answers: the one named, else the latest sent and not withdrawn. */
function noticeFor(store: ServiceStore, ep: EpisodesTable, c: Contact, noticeId: string | undefined): string | null {
  if (noticeId !== undefined) {
    const n = store.q.first(store.qb.selectFrom('consular_notices').select(['episode_id']).where('notice_id', '=', noticeId));
    if (!n || n.episode_id !== ep.episode_id || c.category !== 'consul' || c.kind !== 'visit') throw rule('error.contacts.noticeMismatch', 'noticeId');
    return noticeId;
  }
  if (c.category !== 'consul' || c.kind !== 'visit') return null;
  const sent = store.q.first(store.qb.selectFrom('consular_notices').select('notice_id').where('episode_id', '=', ep.episode_id).where('sent_at', 'is not', null).orderBy('sent_at', 'desc').limit(1));
  return sent?.notice_id ?? null;
}

/**
 * Appends one contact. Shared by the log's form and the consular card ("Consul visited"), so a consul's
 * visit is one record, wherever it is typed in.
 */
export function appendContact(store: ServiceStore, env: Parameters<typeof actor>[0], ep: EpisodesTable, contact: Contact, links: { noticeId?: string | null; legalAidRequestId?: string }): string {
  const contactId = randomUUID();
  store.command(actor(env), env.method, (tx) =>
    tx.append({
      type: 'contact.recorded',
      entityId: contactId,
      payload: {
        personId: ep.person_id,
        episodeId: ep.episode_id,
        contact,
        ...(links.noticeId ? { noticeId: links.noticeId } : {}),
        ...(links.legalAidRequestId ? { legalAidRequestId: links.legalAidRequestId } : {}),
      },
    }),
  );
  return contactId;
}

const json = <T>(s: string | null): T | null => (s ? (JSON.parse(s) as T) : null);

/** The review with the head's name: the account's display name where this installation knows it (not at HQ's console). */
function reviewOf(raw: string | null, users: ReadonlyMap<string, string>): ContactView['review'] {
  const r = json<NonNullable<ContactView['review']>>(raw);
  return r ? { ...r, by: users.get(r.by) ?? '—' } : null;
}

function viewOf(r: Selectable<ContactsTable>, users: ReadonlyMap<string, string>): ContactView {
  return {
    contactId: r.contact_id,
    episodeId: r.episode_id,
    kind: r.kind as ContactKind,
    category: r.category as ContactCategory | null,
    who: { name: r.who_name, relation: r.who_relation },
    direction: r.direction as 'in' | 'out' | null,
    at: r.at,
    durationMinutes: r.duration_minutes,
    supervision: r.supervision as 'private' | 'supervised' | null,
    supervisedBy: r.supervised_by,
    outcome: r.outcome as 'took_place' | 'refused',
    refusal: json(r.refusal),
    note: r.note,
    noticeId: r.notice_id,
    legalAidRequestId: r.legal_aid_request_id,
    source: r.source === 'consular' ? 'consular' : 'log',
    safeguardFailure: isSafeguardRefusal(r),
    review: reviewOf(r.review, users),
    corrections: r.corrections,
    recordedBy: users.get(r.recorded_by) ?? null,
  };
}

type LegalAidContact = z.infer<typeof legalAidContactSchema>;

/**
 * A defender's contacts recorded on the legal-aid card, shown in the log as they are (one record, two
 * views): recording them again here would count one meeting twice.
 */
function legalAidRows(store: ReadStore, personId: string): ContactView[] {
  const requests = store.q.all(store.qb.selectFrom('legal_aid_requests').select(['request_id', 'episode_id', 'defender', 'contacts']).where('person_id', '=', personId));
  return requests.flatMap((r) => {
    const defender = json<{ name: string }>(r.defender);
    return (JSON.parse(r.contacts) as LegalAidContact[]).map((c, i) => ({
      contactId: `legal-aid:${r.request_id}:${i}`,
      episodeId: r.episode_id,
      kind: c.mode === 'in_person' ? ('visit' as const) : ('call' as const),
      category: 'lawyer' as const,
      who: { name: defender?.name ?? '', relation: null },
      direction: c.mode === 'in_person' ? null : ('in' as const),
      at: c.at,
      durationMinutes: c.durationMinutes,
      supervision: c.confidential ? ('private' as const) : ('supervised' as const),
      supervisedBy: null,
      outcome: 'took_place' as const,
      refusal: null,
      note: null,
      noticeId: null,
      legalAidRequestId: r.request_id,
      source: 'legal_aid' as const,
      safeguardFailure: false,
      review: null,
      corrections: 0,
      recordedBy: null,
    }));
  });
}

export function listContacts(store: ReadStore, personId: string): ContactView[] {
  const person = store.q.first(store.qb.selectFrom('persons').select('person_id').where('person_id', '=', personId));
  if (!person) throw notFound();
  const rows = store.q.all(store.qb.selectFrom('contacts').selectAll().where('person_id', '=', personId));
  const users = new Map(store.q.all(store.qb.selectFrom('users').select(['user_id', 'display_name'])).map((u) => [u.user_id, u.display_name]));
  return [...rows.map((r) => viewOf(r, users)), ...legalAidRows(store, personId)].sort((a, b) => b.at.localeCompare(a.at) || a.contactId.localeCompare(b.contactId));
}

export function contactsHandlers(inst: ServiceInstallation, now: () => number): Handlers['contacts'] {
  return {
    list: (input) => ({ contacts: listContacts(inst.readStore(), input.personId) }),
    record: (input, env) => {
      const store = inst.requireStore();
      const ep = episodeRow(store, input.episodeId);
      if (ep.state === 'CLOSED') throw rule('error.contacts.episodeClosed');
      const c = input.contact;
      checkTimes(c, ep, now(), 'contact.');
      if (input.legalAidRequestId !== undefined) {
        const r = store.q.first(store.qb.selectFrom('legal_aid_requests').select('episode_id').where('request_id', '=', input.legalAidRequestId));
        if (!r || r.episode_id !== ep.episode_id || c.category !== 'lawyer') throw rule('error.contacts.legalAidMismatch', 'legalAidRequestId');
      }
      const noticeId = noticeFor(store, ep, c, input.noticeId);
      consulAllowed(store, ep, c, noticeId);
      return { contactId: appendContact(store, env, ep, c, { noticeId, legalAidRequestId: input.legalAidRequestId }) };
    },
    correct: (input, env) => {
      const store = inst.requireStore();
      const row = contactRow(store, input.contactId);
      if (row.source !== 'log') throw rule('error.contacts.notCorrectable');
      const ep = episodeRow(store, row.episode_id);
      const c = input.contact;
      checkTimes(c, ep, now(), 'contact.');
      // A link to a consular notice or a legal-aid request holds only while the contact is that kind.
      if (row.notice_id && (c.category !== 'consul' || c.kind !== 'visit')) throw rule('error.contacts.noticeMismatch', 'contact.category');
      if (row.legal_aid_request_id && c.category !== 'lawyer') throw rule('error.contacts.legalAidMismatch', 'contact.category');
      consulAllowed(store, ep, c, row.notice_id);
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'contact.corrected', entityId: row.contact_id, payload: { contact: c, reason: input.reason } }));
      return { eventId: e.eventId };
    },
    reviewRefusal: (input, env) => {
      const store = inst.requireStore();
      const row = contactRow(store, input.contactId);
      if (!isSafeguardRefusal(row)) throw rule('error.contacts.reviewNotOwed');
      if (row.review) throw rule('error.contacts.alreadyReviewed');
      if (Date.parse(input.review.at) < Date.parse(row.at)) throw dateValidationError([{ path: 'review.at', key: 'error.contacts.reviewBeforeRefusal' }]);
      notFuture(input.review.at, now(), 'review.at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'contact.refusalReviewed', entityId: row.contact_id, payload: { review: input.review } }));
      return { eventId: e.eventId };
    },
  };
}

export interface ContactsFigures {
  from: string;
  to: string;
  /** contacts in the period by kind (visits, calls, letters, parcels), whatever the outcome */
  byKind: Record<ContactKind, number>;
  /** visits in the period by who came */
  visitsByCategory: Record<ContactCategory, number>;
  refused: number;
  /** refused lawyers and ombudsmen in the period: safeguard failures */
  refusedLawyer: number;
  refusedOmbudsman: number;
  /** safeguard refusals whose review by the head is not recorded, now, whatever the period */
  refusalsUnreviewedNow: number;
}

/**
 * Counts of the log for a period of the facility's local days (inclusive), from the contacts table, the
 * same at a centre and at HQ's console (which projects every centre's events).
 */
export function contactsFigures(store: ReadStore, from: string, to: string): ContactsFigures {
  const rows = store.q.all(store.qb.selectFrom('contacts').select(['kind', 'category', 'at', 'outcome', 'review']));
  const inPeriod = (at: string) => {
    const day = localDate(Date.parse(at), store.settings.timeZone);
    return day >= from && day <= to;
  };
  const byKind = Object.fromEntries(contactKinds.map((k) => [k, 0])) as Record<ContactKind, number>;
  const visitsByCategory = Object.fromEntries(contactCategories.map((k) => [k, 0])) as Record<ContactCategory, number>;
  const out: ContactsFigures = { from, to, byKind, visitsByCategory, refused: 0, refusedLawyer: 0, refusedOmbudsman: 0, refusalsUnreviewedNow: 0 };
  for (const r of rows) {
    if (isSafeguardRefusal(r) && !r.review) out.refusalsUnreviewedNow += 1;
    if (!inPeriod(r.at)) continue;
    byKind[r.kind as ContactKind] += 1;
    if (r.kind === 'visit' && r.category) visitsByCategory[r.category as ContactCategory] += 1;
    if (r.outcome !== 'refused') continue;
    out.refused += 1;
    if (r.category === 'lawyer') out.refusedLawyer += 1;
    if (r.category === 'ombudsman') out.refusedOmbudsman += 1;
  }
  return out;
}
