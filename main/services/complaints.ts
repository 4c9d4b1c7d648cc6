import { randomUUID } from 'node:crypto';
import type { AppealView, ComplaintView } from '../../core/contract/complaints';
import type { HistoryEntry } from '../../core/contract/register-views';
import {
  answerDueAt,
  complaintStatus,
  forwardDueAt,
  mayReadComplaint,
  needsForwarding,
  type AppealOutcome,
  type ComplaintAddressee,
  type ComplaintFacts,
  type ComplaintStatus,
} from '../../core/complaints';
import type { Decision, EpisodeState } from '../../core/episode';
import { can } from '../../core/permissions';
import { localDate } from '../../core/time';
import type { AppealsTable, ComplaintsTable, EpisodesTable } from '../../db/schema';
import type { ReadStore } from '../../db/store';
import type { Handlers, SignedInEnv } from '../api/router';
import { actor, dateValidationError, notFound, notFuture, rule } from './common';
import { episodeRow } from './episodes';
import type { ServiceInstallation } from './installation';

/**
 * Requests, complaints and appeals against the placement decision (issue #15 §2, docs/complaints.md).
 * A complaint about staff is read only by holders of `complaints.staff` who are not named in it
 * (core/complaints.ts mayReadComplaint): here, in the timeline (maskComplaintHistory) and on the
 * due-now board (a neutral `restricted_complaint` kind). The ombudsman receives it in the register
 * extract the centre sends, through complaintsForExtract.
 */

export interface ComplaintViewer {
  userId: string;
  mayReadStaffComplaints: boolean;
}

export const viewerOf = (env: SignedInEnv): ComplaintViewer => ({ userId: env.session.userId, mayReadStaffComplaints: can(env.session.roles, 'complaints.staff') });

const staffIds = (r: ComplaintsTable) => JSON.parse(r.staff_user_ids) as string[];
const readable = (r: ComplaintsTable, viewer: ComplaintViewer) => mayReadComplaint(r.about_staff === 1, staffIds(r), viewer);

function factsOf(r: ComplaintsTable): ComplaintFacts {
  return {
    complaintId: r.complaint_id,
    addressee: r.addressee as ComplaintAddressee,
    receivedAt: r.received_at,
    forwardedAt: r.forwarded_at,
    answeredAt: r.answered_at,
    escalated: r.escalated_to !== null,
    aboutStaff: r.about_staff === 1,
  };
}

export function toComplaintView(store: ReadStore, r: ComplaintsTable, viewer: ComplaintViewer, now: number): ComplaintView {
  const f = factsOf(r);
  const s = store.settings;
  const open = readable(r, viewer);
  return {
    complaintId: r.complaint_id,
    episodeId: r.episode_id,
    receivedAt: r.received_at,
    addressee: f.addressee,
    aboutStaff: f.aboutStaff,
    restricted: !open,
    status: complaintStatus(f, s, now),
    dueAt: new Date(answerDueAt(f, s)).toISOString(),
    forwardDueAt: needsForwarding(f.addressee) ? new Date(forwardDueAt(f, s)).toISOString() : null,
    forwardedAt: r.forwarded_at,
    answeredAt: r.answered_at,
    escalatedTo: r.escalated_to,
    escalatedFrom: r.escalated_from,
    detail: open
      ? {
          kind: r.kind as 'request' | 'complaint',
          category: r.category as NonNullable<ComplaintView['detail']>['category'],
          subject: r.subject,
          lodgedBy: r.lodged_by as NonNullable<ComplaintView['detail']>['lodgedBy'],
          lodgedByName: r.lodged_by_name,
          staffNamed: r.staff_named,
          staffUserIds: staffIds(r),
          forwardVia: r.forward_via,
          answerFrom: r.answer_from,
          answerText: r.answer_text,
        }
      : null,
  };
}

export function toAppealView(r: AppealsTable): AppealView {
  return {
    appealId: r.appeal_id,
    episodeId: r.episode_id,
    decision: r.decision as AppealView['decision'],
    extensionNo: r.extension_no,
    filedAt: r.filed_at,
    court: r.court,
    note: r.note,
    hearings: JSON.parse(r.hearings) as AppealView['hearings'],
    outcome: r.outcome as AppealOutcome | null,
    outcomeAt: r.outcome_at,
    newTermEnd: r.new_term_end,
    termEndBefore: r.term_end_before,
    termApplied: r.term_applied === 1,
    outcomeNote: r.outcome_note,
  };
}

/** A person's register of requests and complaints and their appeals, newest first, masked for this reader. */
export function complaintsOfPerson(store: ReadStore, personId: string, viewer: ComplaintViewer, now: number): { complaints: ComplaintView[]; appeals: AppealView[] } {
  const rows = store.q.all(store.qb.selectFrom('complaints').selectAll().where('person_id', '=', personId).orderBy('received_at', 'desc').orderBy('complaint_id'));
  const appeals = store.q.all(store.qb.selectFrom('appeals').selectAll().where('person_id', '=', personId).orderBy('filed_at', 'desc').orderBy('appeal_id'));
  return { complaints: rows.map((r) => toComplaintView(store, r, viewer, now)), appeals: appeals.map(toAppealView) };
}

/**
 * The person's timeline with every event of a complaint this reader may not read shown as one neutral
 * entry type (`complaint.restricted`): that something was recorded stays visible, never what.
 */
export function maskComplaintHistory(store: ReadStore, personIds: readonly string[], history: HistoryEntry[], viewer: ComplaintViewer): HistoryEntry[] {
  if (personIds.length === 0) return history;
  const hidden = new Set(
    store.q
      .all(
        store.qb
          .selectFrom('complaints')
          .selectAll()
          .where('person_id', 'in', [...personIds])
          .where('about_staff', '=', 1),
      )
      .filter((r) => !readable(r, viewer))
      .map((r) => r.complaint_id),
  );
  if (hidden.size === 0) return history;
  return history.map((h) => (h.type.startsWith('complaint.') && hidden.has(h.entityId) ? { ...h, type: 'complaint.restricted', reason: null, changes: [] } : h));
}

function complaintRow(store: ReadStore, complaintId: string): ComplaintsTable {
  const r = store.q.first(store.qb.selectFrom('complaints').selectAll().where('complaint_id', '=', complaintId));
  if (!r) throw notFound();
  return r;
}

function appealRow(store: ReadStore, appealId: string): AppealsTable {
  const r = store.q.first(store.qb.selectFrom('appeals').selectAll().where('appeal_id', '=', appealId));
  if (!r) throw notFound();
  return r;
}

/** Whoever may not read a staff complaint may not act on it either: acting shows what it says. */
function requireReadable(r: ComplaintsTable, env: SignedInEnv): void {
  if (!readable(r, viewerOf(env))) throw rule('error.complaints.restricted');
}

function openEpisode(store: ReadStore, episodeId: string): EpisodesTable {
  const ep = episodeRow(store, episodeId);
  if ((ep.state as EpisodeState) === 'CLOSED') throw rule('error.complaints.episodeClosed');
  return ep;
}

function notBefore(at: string, earliest: string, path: string, key: string): void {
  if (Date.parse(at) < Date.parse(earliest)) throw dateValidationError([{ path, key }]);
}

/** The decision an appeal is against: the placement (0) or the n-th extension. */
function appealedDecision(ep: EpisodesTable, appeal: { decision: string; extensionNo?: number | null }): Decision | null {
  if (appeal.decision === 'placement') return ep.decision ? (JSON.parse(ep.decision) as Decision) : null;
  const list = JSON.parse(ep.extensions) as Decision[];
  return list[(appeal.extensionNo ?? 0) - 1] ?? null;
}

export function complaintsHandlers(inst: ServiceInstallation, now: () => number): Handlers['complaints'] {
  return {
    forPerson: (input, env) => {
      const store = inst.readStore();
      if (!store.q.first(store.qb.selectFrom('persons').select('person_id').where('person_id', '=', input.personId))) throw notFound();
      return complaintsOfPerson(store, input.personId, viewerOf(env), now());
    },
    staff: () => {
      const store = inst.readStore();
      const rows = store.q.all(store.qb.selectFrom('users').select(['user_id', 'display_name']).where('active', '=', 1).orderBy('display_name'));
      return { staff: rows.map((u) => ({ userId: u.user_id, displayName: u.display_name })) };
    },
    lodge: (input, env) => {
      const store = inst.requireStore();
      const ep = openEpisode(store, input.episodeId);
      const c = input.complaint;
      notBefore(c.receivedAt, ep.apprehended_at, 'complaint.receivedAt', 'error.time.beforeApprehension');
      notFuture(c.receivedAt, now(), 'complaint.receivedAt');
      if (c.aboutStaff) {
        const known = new Set(store.q.all(store.qb.selectFrom('users').select('user_id')).map((u) => u.user_id));
        if (c.aboutStaff.userIds.some((u) => !known.has(u))) throw rule('error.complaints.unknownStaff', 'complaint.aboutStaff.userIds');
      }
      const complaintId = randomUUID();
      store.command(actor(env), env.method, (tx) => tx.append({ type: 'complaint.lodged', entityId: complaintId, payload: { personId: ep.person_id, episodeId: ep.episode_id, complaint: c } }));
      return { complaintId };
    },
    forward: (input, env) => {
      const store = inst.requireStore();
      const r = complaintRow(store, input.complaintId);
      requireReadable(r, env);
      if (!needsForwarding(r.addressee as ComplaintAddressee)) throw rule('error.complaints.notForwarded');
      if (r.forwarded_at) throw rule('error.complaints.alreadyForwarded');
      notBefore(input.forward.at, r.received_at, 'forward.at', 'error.complaints.beforeReceived');
      notFuture(input.forward.at, now(), 'forward.at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'complaint.forwarded', entityId: r.complaint_id, payload: { forward: input.forward } }));
      return { eventId: e.eventId };
    },
    answer: (input, env) => {
      const store = inst.requireStore();
      const r = complaintRow(store, input.complaintId);
      requireReadable(r, env);
      if (r.answered_at) throw rule('error.complaints.alreadyAnswered');
      notBefore(input.answer.at, r.forwarded_at ?? r.received_at, 'answer.at', r.forwarded_at ? 'error.complaints.beforeForwarded' : 'error.complaints.beforeReceived');
      notFuture(input.answer.at, now(), 'answer.at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'complaint.answered', entityId: r.complaint_id, payload: { answer: input.answer } }));
      return { eventId: e.eventId };
    },
    escalate: (input, env) => {
      const store = inst.requireStore();
      const r = complaintRow(store, input.complaintId);
      requireReadable(r, env);
      if (r.escalated_to) throw rule('error.complaints.alreadyEscalated');
      const x = input.escalation;
      if (x.addressee === r.addressee) throw rule('error.complaints.sameAddressee', 'escalation.addressee');
      const ep = openEpisode(store, r.episode_id);
      notBefore(x.receivedAt, r.received_at, 'escalation.receivedAt', 'error.complaints.beforeReceived');
      notFuture(x.receivedAt, now(), 'escalation.receivedAt');
      const complaintId = randomUUID();
      const staff = r.about_staff === 1 ? { named: r.staff_named ?? '', userIds: staffIds(r) } : undefined;
      store.command(actor(env), env.method, (tx) =>
        tx.append({
          type: 'complaint.lodged',
          entityId: complaintId,
          payload: {
            personId: ep.person_id,
            episodeId: ep.episode_id,
            escalatedFrom: r.complaint_id,
            complaint: {
              kind: r.kind as 'request' | 'complaint',
              category: r.category as NonNullable<ComplaintView['detail']>['category'],
              subject: x.note && x.note.length > 0 ? x.note : r.subject,
              lodgedBy: r.lodged_by as NonNullable<ComplaintView['detail']>['lodgedBy'],
              lodgedByName: r.lodged_by_name ?? undefined,
              receivedAt: x.receivedAt,
              addressee: x.addressee,
              ...(staff ? { aboutStaff: staff } : {}),
            },
          },
        }),
      );
      return { complaintId };
    },
    fileAppeal: (input, env) => {
      const store = inst.requireStore();
      const ep = openEpisode(store, input.episodeId);
      const a = input.appeal;
      if (!ep.decision) throw rule('error.appeals.noDecision');
      if (!appealedDecision(ep, a)) throw rule('error.appeals.noSuchExtension', 'appeal.extensionNo');
      notBefore(a.filedAt, ep.apprehended_at, 'appeal.filedAt', 'error.time.beforeApprehension');
      notFuture(a.filedAt, now(), 'appeal.filedAt');
      const appealId = randomUUID();
      store.command(actor(env), env.method, (tx) => tx.append({ type: 'appeal.filed', entityId: appealId, payload: { personId: ep.person_id, episodeId: ep.episode_id, appeal: a } }));
      return { appealId };
    },
    recordHearing: (input, env) => {
      const store = inst.requireStore();
      const r = appealRow(store, input.appealId);
      if (r.outcome) throw rule('error.appeals.alreadyDecided');
      const tz = store.settings.timeZone;
      const h = input.hearing;
      if (h.on < localDate(Date.parse(r.filed_at), tz)) throw dateValidationError([{ path: 'hearing.on', key: 'error.appeals.beforeFiled' }]);
      if (h.on > localDate(now(), tz)) throw dateValidationError([{ path: 'hearing.on', key: 'error.time.inFuture' }]);
      if (h.nextOn !== undefined && h.nextOn <= h.on) throw dateValidationError([{ path: 'hearing.nextOn', key: 'error.appeals.nextNotAfter' }]);
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'appeal.hearing', entityId: r.appeal_id, payload: { hearing: h } }));
      return { eventId: e.eventId };
    },
    decideAppeal: (input, env) => {
      const store = inst.requireStore();
      const r = appealRow(store, input.appealId);
      if (r.outcome) throw rule('error.appeals.alreadyDecided');
      const o = input.outcome;
      notBefore(o.at, r.filed_at, 'outcome.at', 'error.appeals.beforeFiled');
      notFuture(o.at, now(), 'outcome.at');
      if (o.outcome === 'term_shortened' && o.newTermEnd) {
        const decided = appealedDecision(episodeRow(store, r.episode_id), { decision: r.decision, extensionNo: r.extension_no });
        if (decided && Date.parse(o.newTermEnd) >= Date.parse(decided.termEnd)) throw rule('error.appeals.notShorter', 'outcome.newTermEnd');
      }
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'appeal.decided', entityId: r.appeal_id, payload: { outcome: o } }));
      return { eventId: e.eventId };
    },
  };
}

const inPeriod = (instant: string, from: string, to: string, tz: string) => {
  const d = localDate(Date.parse(instant), tz);
  return d >= from && d <= to;
};

export interface ComplaintsFigures {
  /** requests and complaints received in the period, by addressee (escalations count as new items) */
  byAddressee: Record<ComplaintAddressee, number>;
  requests: number;
  complaints: number;
  /** of those received in the period: answered by their due time, answered after it */
  answeredOnTime: number;
  answeredLate: number;
  escalated: number;
  /** complaints about staff received in the period: the count only */
  aboutStaff: number;
  /** now: unanswered items past their due time (or not forwarded in time), whenever received */
  openOverdueNow: number;
  /** appeals filed in the period, by outcome (`pending`: no outcome yet) */
  appealsFiled: number;
  appealsByOutcome: Record<AppealOutcome | 'pending', number>;
}

/**
 * The facility's figures for requests, complaints and appeals between two local dates (inclusive), on
 * a facility's or HQ console's ReadStore. Counts only: no subject, no name.
 */
export function complaintsFigures(store: ReadStore, from: string, to: string, now: number = Date.now()): ComplaintsFigures {
  const s = store.settings;
  const tz = s.timeZone;
  const rows = store.q.all(store.qb.selectFrom('complaints').selectAll());
  const byAddressee: Record<ComplaintAddressee, number> = { centre_head: 0, sms: 0, ombudsman: 0, court: 0, prosecutor: 0 };
  const out: ComplaintsFigures = {
    byAddressee,
    requests: 0,
    complaints: 0,
    answeredOnTime: 0,
    answeredLate: 0,
    escalated: 0,
    aboutStaff: 0,
    openOverdueNow: 0,
    appealsFiled: 0,
    appealsByOutcome: { upheld: 0, release_ordered: 0, term_shortened: 0, other: 0, pending: 0 },
  };
  const statusNow = (r: ComplaintsTable): ComplaintStatus => complaintStatus(factsOf(r), s, now);
  for (const r of rows) {
    if (statusNow(r) === 'overdue') out.openOverdueNow++;
    if (!inPeriod(r.received_at, from, to, tz)) continue;
    byAddressee[r.addressee as ComplaintAddressee]++;
    if (r.kind === 'request') out.requests++;
    else out.complaints++;
    if (r.about_staff === 1) out.aboutStaff++;
    if (r.escalated_to) out.escalated++;
    if (r.answered_at) {
      if (Date.parse(r.answered_at) <= answerDueAt(factsOf(r), s)) out.answeredOnTime++;
      else out.answeredLate++;
    }
  }
  for (const a of store.q.all(store.qb.selectFrom('appeals').select(['filed_at', 'outcome']))) {
    if (!inPeriod(a.filed_at, from, to, tz)) continue;
    out.appealsFiled++;
    out.appealsByOutcome[(a.outcome as AppealOutcome | null) ?? 'pending']++;
  }
  return out;
}

/**
 * What the register extract for the ombudsman needs (issue #15 §7; the lead adds it to the extract): every
 * request and complaint received in the period, complaints about staff included in full, since the
 * ombudsman is one of the two who may read them (NMR r57); and the appeals filed in it.
 */
export function complaintsForExtract(
  store: ReadStore,
  from: string,
  to: string,
  now: number = Date.now(),
): { complaints: (ComplaintView & { personId: string })[]; appeals: (AppealView & { personId: string })[] } {
  const tz = store.settings.timeZone;
  const ombudsman: ComplaintViewer = { userId: '', mayReadStaffComplaints: true };
  const rows = store.q.all(store.qb.selectFrom('complaints').selectAll().orderBy('received_at')).filter((r) => inPeriod(r.received_at, from, to, tz));
  const appeals = store.q.all(store.qb.selectFrom('appeals').selectAll().orderBy('filed_at')).filter((a) => inPeriod(a.filed_at, from, to, tz));
  return {
    complaints: rows.map((r) => ({ ...toComplaintView(store, r, ombudsman, now), personId: r.person_id })),
    appeals: appeals.map((a) => ({ ...toAppealView(a), personId: a.person_id })),
  };
}
