import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ApiError } from '../../../core/contract/errors';
import type { inquiryView, personCandidate, recordCandidate, reviewView } from '../../../core/contract/tracing';
import type { RequesterCategory } from '../../../core/contract/tracing-shared';
import { can } from '../../../core/permissions';
import { localDate } from '../../../core/time';
import { disclosureAllowed, disclosureFor, isOverdue, workingDaysAfter, type DisclosureState, type InquirySubjectFacts, type PersonAnswers } from '../../../core/tracing';
import type { TracingInquiriesTable } from '../../../db/schema';
import type { ReadStore } from '../../../db/store';
import type { Handlers, SignedInEnv } from '../../api/router';
import { actor, dateValidationError, notFound, notFuture, rule } from '../common';
import type { ServiceInstallation } from '../installation';
import { actorNames } from '../person-view';
import { personCandidates, recordCandidates, recordView } from './matching';

/** One request HQ sent a centre about this inquiry, as the HQ -> centre channel reports it (tracingCentre.centreAnswers). */
export interface CentreRequest {
  personId: string;
  /** could_not_ask: the centre closed it without the person's word (they left, died, could not understand): no answer, no consent */
  status: 'pending' | 'answered' | 'could_not_ask';
  answers: { consentToDisclose?: 'given' | 'refused'; contact?: 'accepted' | 'refused' };
  answeredAt?: string;
  askedAt: string;
}

export interface TracingDeps {
  /** Only HQ's console keeps inquiries: on a device every tracing method is refused. */
  atHq: boolean;
  /** The person's answers through the centre, per inquiry; none until the channel is wired. */
  centreAnswers?: (inquiryId: string, env: SignedInEnv) => Promise<readonly CentreRequest[]>;
  /** Each enrolled device's facility name at HQ (the fleet), to say where a person is held. */
  facilities?: () => Promise<ReadonlyMap<string, string>>;
}

type Subject = InquirySubjectFacts & { names: string[] };

function subjectOf(row: TracingInquiriesTable): Subject {
  const s = JSON.parse(row.subject) as { names: string[]; sex?: string; birthDate?: string; age?: number; nationality?: string; lastKnownPlace?: string; distinguishing?: string };
  return {
    names: s.names,
    sex: s.sex ?? null,
    birthDate: s.birthDate ?? null,
    age: s.age ?? null,
    nationality: s.nationality ?? null,
    lastKnownPlace: s.lastKnownPlace ?? null,
    distinguishing: s.distinguishing ?? null,
  };
}

/** The latest answer to each question, over every request about the person (or a record merged into theirs). */
export function answersFor(requests: readonly CentreRequest[], personIds: readonly string[]): PersonAnswers {
  const mine = requests.filter((r) => personIds.includes(r.personId));
  const answered = mine.filter((r) => r.status === 'answered').sort((a, b) => ((a.answeredAt ?? a.askedAt) < (b.answeredAt ?? b.askedAt) ? -1 : 1));
  let consentToDisclose: PersonAnswers['consentToDisclose'] = null;
  let contact: PersonAnswers['contact'] = null;
  for (const r of answered) {
    consentToDisclose = r.answers.consentToDisclose ?? consentToDisclose;
    contact = r.answers.contact ?? contact;
  }
  return { consentToDisclose, contact, pending: mine.some((r) => r.status === 'pending') };
}

export function tracingHandlers(inst: ServiceInstallation, now: () => number, deps: TracingDeps): Handlers['tracing'] {
  const store = () => {
    if (!deps.atHq) throw new ApiError({ code: 'not_found', messageKey: 'error.hq.only' });
    return inst.requireStore();
  };
  const today = (s: ReadStore) => localDate(now(), s.settings.timeZone);
  const inquiryRow = (s: ReadStore, inquiryId: string) => {
    const row = s.q.first(s.qb.selectFrom('tracing_inquiries').selectAll().where('inquiry_id', '=', inquiryId));
    if (!row) throw notFound();
    return row;
  };
  const openRow = (s: ReadStore, inquiryId: string) => {
    const row = inquiryRow(s, inquiryId);
    if (row.status === 'closed') throw rule('error.tracing.closed');
    return row;
  };

  /** The inquiry with its candidates, each with its review and what an answer may disclose of it. */
  const assemble = async (s: ReadStore, row: TracingInquiriesTable, env: SignedInEnv): Promise<z.infer<typeof inquiryView>> => {
    const subject = subjectOf(row);
    const category = row.category as RequesterCategory;
    const mayReadProtection = can(env.session.roles, 'protection.read');
    const requests = deps.centreAnswers ? await deps.centreAnswers(row.inquiry_id, env) : [];
    const facilityOfDevice = deps.facilities ? await deps.facilities() : new Map<string, string>();
    const names = actorNames(s);
    const reviews = new Map(
      s.q
        .all(s.qb.selectFrom('tracing_reviews').selectAll().where('inquiry_id', '=', row.inquiry_id))
        .map((r): [string, z.infer<typeof reviewView>] => [
          r.candidate_id,
          { decision: r.decision as 'confirmed' | 'rejected', note: r.note, at: r.reviewed_at, by: r.reviewed_by, byName: names(r.reviewed_by) },
        ]),
    );
    const people: z.infer<typeof personCandidate>[] = personCandidates(s, subject, mayReadProtection, facilityOfDevice).map((m) => ({
      kind: 'person',
      candidateId: m.person.personId,
      person: m.person,
      score: m.score,
      reasons: m.reasons,
      state: m.state,
      facilityName: m.facilityName,
      since: m.since,
      review: reviews.get(m.person.personId) ?? null,
      disclosure: disclosureFor(category, m.protection, answersFor(requests, m.recordIds)),
      protection: m.protection,
    }));
    const records: z.infer<typeof recordCandidate>[] = recordCandidates(s, subject).map((c) => ({
      kind: 'record',
      candidateId: c.record.record_id,
      record: recordView(c.record),
      score: c.score,
      reasons: c.reasons,
      review: reviews.get(c.record.record_id) ?? null,
      // A record of an unknown or dead person carries no protection status a consulate could endanger.
      disclosure: 'may_disclose',
    }));
    // A candidate confirmed earlier stays on the page even if a better-spelt record now outranks it.
    const shown = new Set([...people.map((p) => p.candidateId), ...records.map((r) => r.candidateId)]);
    for (const [candidateId, review] of reviews) {
      if (shown.has(candidateId)) continue;
      const person = s.q.first(s.qb.selectFrom('persons').selectAll().where('person_id', '=', candidateId));
      if (person) {
        const again = personCandidates(s, { ...subject, names: [person.name_latin, person.name_original] }, mayReadProtection, facilityOfDevice).find((m) => m.person.personId === candidateId);
        if (again)
          people.push({
            kind: 'person',
            candidateId,
            person: again.person,
            score: 0,
            reasons: [],
            state: again.state,
            facilityName: again.facilityName,
            since: again.since,
            review,
            disclosure: disclosureFor(category, again.protection, answersFor(requests, again.recordIds)),
            protection: again.protection,
          });
        continue;
      }
      const record = s.q.first(s.qb.selectFrom('tracing_records').selectAll().where('record_id', '=', candidateId));
      if (record) records.push({ kind: 'record', candidateId, record: recordView(record), score: 0, reasons: [], review, disclosure: 'may_disclose' });
    }
    const requester = JSON.parse(row.requester) as { category: RequesterCategory; name: string; contact: string; organisation: string | null };
    const answers = s.q.all(s.qb.selectFrom('tracing_inquiry_answers').selectAll().where('inquiry_id', '=', row.inquiry_id).orderBy('recorded_at'));
    return {
      inquiryId: row.inquiry_id,
      requester,
      subject: { ...subject, sex: subject.sex as z.infer<typeof inquiryView>['subject']['sex'] },
      legalBasis: row.legal_basis,
      consent: row.consent as z.infer<typeof inquiryView>['consent'],
      consentNote: row.consent_note,
      receivedOn: row.received_on,
      dueOn: row.due_on,
      status: row.status as 'open' | 'answered' | 'closed',
      overdue: isOverdue(row.status as 'open', row.due_on, today(s)),
      closedReason: row.closed_reason,
      createdAt: row.created_at,
      createdByName: names(row.created_by),
      candidates: [...people, ...records].sort((a, b) => (a.review?.decision === 'confirmed' ? 0 : 1) - (b.review?.decision === 'confirmed' ? 0 : 1) || b.score - a.score),
      answers: answers.map((a) => ({
        answerId: a.answer_id,
        outcome: a.outcome as 'located',
        toldTo: a.told_to,
        toldAt: a.told_at,
        channel: a.channel as 'letter',
        summary: a.summary,
        candidateId: a.candidate_id,
        recordedAt: a.recorded_at,
        recordedBy: a.recorded_by,
        recordedByName: names(a.recorded_by),
      })),
    };
  };

  return {
    open: (input, env) => {
      const s = store();
      const day = today(s);
      if (input.receivedOn > day) throw dateValidationError([{ path: 'receivedOn', key: 'error.tracing.receivedInFuture' }]);
      const dueOn = input.dueOn ?? workingDaysAfter(input.receivedOn, s.settings.tracingAnswerWorkingDays, s.settings);
      const inquiryId = randomUUID();
      s.command(actor(env), env.method, (tx) => {
        tx.append({
          type: 'tracing.inquiryOpened',
          entityId: inquiryId,
          payload: {
            requester: input.requester,
            subject: input.subject,
            legalBasis: input.legalBasis,
            consent: input.consent,
            ...(input.consentNote ? { consentNote: input.consentNote } : {}),
            receivedOn: input.receivedOn,
            dueOn,
          },
        });
      });
      return { inquiryId, dueOn };
    },

    list: (input) => {
      const s = store();
      const day = today(s);
      let query = s.qb.selectFrom('tracing_inquiries').selectAll();
      if (input.status !== 'all') query = query.where('status', '=', input.status);
      const items = s.q.all(query).map((r) => {
        const requester = JSON.parse(r.requester) as { name: string };
        return {
          inquiryId: r.inquiry_id,
          category: r.category as RequesterCategory,
          requesterName: requester.name,
          subjectNames: subjectOf(r).names,
          receivedOn: r.received_on,
          dueOn: r.due_on,
          status: r.status as 'open' | 'answered' | 'closed',
          overdue: isOverdue(r.status as 'open', r.due_on, day),
        };
      });
      // Overdue first, then by due date: what must be answered next is at the top.
      items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0) || (a.receivedOn < b.receivedOn ? -1 : 1));
      return { items, today: day, answerWorkingDays: s.settings.tracingAnswerWorkingDays };
    },

    view: async (input, env) => {
      const s = store();
      const view = await assemble(s, inquiryRow(s, input.inquiryId), env);
      // Every candidate shown is a person's (or a record's) data read for this inquiry: one line each.
      for (const c of view.candidates) {
        s.audit({
          actor: env.session.userId,
          action: 'read',
          method: env.method,
          entityType: c.kind === 'person' ? 'person' : 'tracing_record',
          entityId: c.candidateId,
          outcome: 'ok',
          detail: JSON.stringify({ inquiryId: input.inquiryId, score: c.score }),
        });
      }
      return view;
    },

    review: (input, env) => {
      const s = store();
      openRow(s, input.inquiryId);
      const exists =
        input.kind === 'person'
          ? s.q.first(s.qb.selectFrom('persons').select('person_id').where('person_id', '=', input.candidateId))
          : s.q.first(s.qb.selectFrom('tracing_records').select('record_id').where('record_id', '=', input.candidateId));
      if (!exists) throw notFound();
      s.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'tracing.candidateReviewed', entityId: input.inquiryId, payload: { kind: input.kind, candidateId: input.candidateId, decision: input.decision, note: input.note } });
      });
      return { ok: true as const };
    },

    answer: async (input, env) => {
      const s = store();
      const row = openRow(s, input.inquiryId);
      notFuture(input.toldAt, now(), 'toldAt');
      let disclosure: DisclosureState | undefined;
      if (input.outcome === 'located') {
        // Saying where a person is needs a confirmed candidate whose disclosure this requester may receive.
        if (!input.candidateId) throw rule('error.tracing.locatedNeedsCandidate', 'candidateId');
        const view = await assemble(s, row, env);
        const c = view.candidates.find((x) => x.candidateId === input.candidateId);
        if (!c || c.review?.decision !== 'confirmed') throw rule('error.tracing.notConfirmed', 'candidateId');
        disclosure = c.disclosure;
        if (!disclosureAllowed(c.disclosure)) {
          s.audit({
            actor: env.session.userId,
            action: 'tracing.disclosureRefused',
            method: env.method,
            entityType: 'tracing_inquiry',
            entityId: input.inquiryId,
            outcome: 'denied',
            detail: JSON.stringify({ candidateId: input.candidateId, disclosure: c.disclosure }),
          });
          throw rule(`error.tracing.withheld.${c.disclosure}`, 'outcome');
        }
      }
      const answerId = s.command(actor(env), env.method, (tx) => {
        const e = tx.append({
          type: 'tracing.inquiryAnswered',
          entityId: input.inquiryId,
          payload: {
            outcome: input.outcome,
            ...(input.candidateId ? { candidateId: input.candidateId } : {}),
            toldTo: input.toldTo,
            toldAt: input.toldAt,
            channel: input.channel,
            summary: input.summary,
            ...(disclosure ? { disclosure } : {}),
          },
        });
        return e.eventId;
      });
      return { answerId };
    },

    close: (input, env) => {
      const s = store();
      openRow(s, input.inquiryId);
      s.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'tracing.inquiryClosed', entityId: input.inquiryId, payload: { reason: input.reason } });
      });
      return { ok: true as const };
    },

    recordFound: (input, env) => {
      const s = store();
      if (input.foundOn > today(s)) throw dateValidationError([{ path: 'foundOn', key: 'error.time.inFuture' }]);
      const recordId = randomUUID();
      const { kind, names, sex, description, foundPlace, foundOn, ageMin, ageMax, nationality, photoRef, circumstance, facilityName } = input;
      s.command(actor(env), env.method, (tx) => {
        tx.append({
          type: 'tracing.recordCreated',
          entityId: recordId,
          payload: {
            record: {
              kind,
              names,
              sex,
              description,
              foundPlace,
              foundOn,
              ...(ageMin !== undefined ? { ageMin } : {}),
              ...(ageMax !== undefined ? { ageMax } : {}),
              ...(nationality ? { nationality } : {}),
              ...(photoRef ? { photoRef } : {}),
              ...(circumstance ? { circumstance } : {}),
              ...(facilityName ? { facilityName } : {}),
            },
          },
        });
      });
      return { recordId };
    },

    records: (input) => {
      const s = store();
      let query = s.qb.selectFrom('tracing_records').selectAll().orderBy('found_on', 'desc');
      if (input.kind) query = query.where('kind', '=', input.kind);
      return { items: s.q.all(query).map(recordView) };
    },
  };
}
