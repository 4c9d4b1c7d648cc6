import { randomUUID } from 'node:crypto';
import { recommendationsBody } from '../../../core/npm/files';
import { canMoveVisit, defaultPseudonym, visitAcceptsFieldwork, visitAcceptsFindings } from '../../../core/npm/visit';
import { addCalendarDays, localDate } from '../../../core/time';
import { fileSlug, signFile, signedFileText } from '../../../db/signed-file';
import type { ReadStore } from '../../../db/store';
import type { Handlers } from '../../api/router';
import { actor, notFound, notFuture, rule } from '../common';
import type { ServiceInstallation } from '../installation';
import { facilityRow } from './facilities';
import { importExtractFile, importResponsesFile } from './files';
import { openerFor, orgSigner, requireOrg, sealForOrg } from './org';
import { stateOf, visitRecommendations, visitRow, type VisitRow } from './visits-views';

/**
 * What the team records on a visit: each step of its lifecycle, the fieldwork on site, findings, and
 * the files exchanged with the centre. Each refuses what the visit's state or the clock does not allow;
 * what a detainee said is sealed to the organisation key before the event is made.
 */

/** The latest moment recorded before the step now being taken: a later step cannot precede it. */
function previousMoment(v: VisitRow): string | null {
  return v.report_sent_at ?? v.report_drafted_at ?? v.left_at ?? v.arrived_at;
}

function requireFieldwork(v: VisitRow): void {
  if (!visitAcceptsFieldwork(stateOf(v))) throw rule('error.visit.notOnSite');
}

function uniquePseudonym(store: ReadStore, visitId: string, wanted: string | undefined): string {
  const taken = new Set(store.q.all(store.qb.selectFrom('visit_interviews').select('pseudonym').where('visit_id', '=', visitId)).map((r) => r.pseudonym));
  if (wanted) return wanted;
  let n = taken.size + 1;
  while (taken.has(defaultPseudonym(n))) n++;
  return defaultPseudonym(n);
}

export function visitCommands(inst: ServiceInstallation, now: () => number): Omit<Handlers['npmVisits'], 'list' | 'get'> {
  return {
    plan: ({ plan }, env) => {
      const store = inst.requireStore();
      if (!facilityRow(store, plan.facilityId)) throw rule('error.npm.unknownFacility', 'plan.facilityId');
      if (plan.type === 'follow_up' || plan.followsVisitId) {
        const earlier = plan.followsVisitId ? store.q.first(store.qb.selectFrom('visits').select(['facility_id', 'planned_for']).where('visit_id', '=', plan.followsVisitId)) : undefined;
        if (!earlier || earlier.facility_id !== plan.facilityId || earlier.planned_for > plan.plannedFor) throw rule('error.visit.followUpNeedsEarlierVisit', 'plan.followsVisitId');
      }
      const visitId = randomUUID();
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'visit.planned', entityId: visitId, payload: { plan } });
      });
      return { visitId };
    },

    move: ({ visitId, to, at }, env) => {
      const store = inst.requireStore();
      const v = visitRow(store, visitId);
      if (!canMoveVisit(stateOf(v), to)) throw rule('error.visit.oneStepAtATime', 'to');
      notFuture(at, now(), 'at');
      if (to === 'DEBRIEF' && v.arrived_at && Date.parse(at) <= Date.parse(v.arrived_at)) throw rule('error.visit.departureBeforeArrival', 'at');
      const previous = previousMoment(v);
      if (previous && Date.parse(at) < Date.parse(previous)) throw rule('error.visit.movedBeforePrevious', 'at');
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'visit.moved', entityId: visitId, payload: { to, at } });
      });
      return { ok: true as const };
    },

    recordArea: ({ visitId, observation, at }, env) => {
      const store = inst.requireStore();
      requireFieldwork(visitRow(store, visitId));
      notFuture(at, now(), 'at');
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'visit.areaObserved', entityId: visitId, payload: { observation, at } });
      });
      return { ok: true as const };
    },

    recordRegisterCheck: ({ visitId, check, at }, env) => {
      const store = inst.requireStore();
      requireFieldwork(visitRow(store, visitId));
      notFuture(at, now(), 'at');
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'visit.registerChecked', entityId: visitId, payload: { check, at } });
      });
      return { ok: true as const };
    },

    recordInterview: ({ visitId, interview }, env) => {
      const store = inst.requireStore();
      requireFieldwork(visitRow(store, visitId));
      notFuture(interview.at, now(), 'interview.at');
      requireOrg(store);
      const interviewId = randomUUID();
      const pseudonym = uniquePseudonym(store, visitId, interview.pseudonym || undefined);
      // Sealed before the event exists: the log, the projection, sync and HQ only ever see ciphertext.
      const sealed = sealForOrg(store, interview.confidential);
      store.command(actor(env), env.method, (tx) => {
        tx.append({
          type: 'visit.interviewed',
          entityId: visitId,
          payload: {
            interviewId,
            pseudonym,
            private: interview.private,
            kind: interview.kind,
            groupSize: interview.kind === 'group' ? interview.groupSize : undefined,
            at: interview.at,
            consentScope: interview.consentScope,
            reprisalRisk: interview.reprisalRisk,
            language: interview.language,
            interpreterUsed: interview.interpreterUsed,
            sealed,
          },
        });
      });
      return { interviewId, pseudonym };
    },

    checkReprisal: ({ visitId, check }, env) => {
      const store = inst.requireStore();
      const v = visitRow(store, visitId);
      requireFieldwork(v);
      notFuture(check.at, now(), 'check.at');
      const interview = store.q.first(store.qb.selectFrom('visit_interviews').select(['visit_id', 'facility_id']).where('interview_id', '=', check.interviewId));
      // SPT: the follow-up on a person's safety happens at the next visit, to the same place.
      if (!interview || interview.facility_id !== v.facility_id || interview.visit_id === visitId) throw rule('error.visit.reprisalNotDue', 'check.interviewId');
      const sealedNote = check.note ? sealForOrg(store, { note: check.note }) : undefined;
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'visit.reprisalChecked', entityId: visitId, payload: { interviewId: check.interviewId, at: check.at, outcome: check.outcome, sealedNote } });
      });
      return { ok: true as const };
    },

    importExtract: ({ visitId, content }, env) => {
      const store = inst.requireStore();
      return importExtractFile(store, visitId, content, now(), { actor: actor(env), method: env.method, openSealed: openerFor(store) });
    },

    addFinding: ({ visitId, finding }, env) => {
      const store = inst.requireStore();
      const v = visitRow(store, visitId);
      if (!visitAcceptsFindings(stateOf(v))) throw rule('error.visit.findingsClosed');
      // DEBRIEF and later always have a departure (the move there records it).
      const departure = localDate(Date.parse(v.left_at ?? new Date(now()).toISOString()), store.settings.timeZone);
      if (finding.dueDate && finding.dueDate < departure) throw rule('error.visit.dueBeforeDeparture', 'finding.dueDate');
      const dueDate = finding.dueDate ?? addCalendarDays(departure, store.settings.npmResponseDays);
      const recommendationId = randomUUID();
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'visit.findingAdded', entityId: visitId, payload: { recommendationId, finding: { ...finding, dueDate } } });
      });
      return { recommendationId };
    },

    exportRecommendations: ({ visitId }, env) => {
      const store = inst.requireStore();
      const v = visitRow(store, visitId);
      if (!['REPORT_DRAFT', 'SENT', 'FOLLOW_UP'].includes(v.state)) throw rule('error.visit.reportNotDrafted');
      const rows = visitRecommendations(store, visitId);
      if (rows.length === 0) throw rule('error.visit.noFindings');
      const facility = facilityRow(store, v.facility_id);
      if (!facility) throw rule('error.npm.unknownFacility');
      const org = requireOrg(store);
      const signer = orgSigner(store);
      const tz = store.settings.timeZone;
      const issuedAt = new Date(now()).toISOString();
      const body = recommendationsBody.parse({
        organisationId: org.organisationId,
        organisationName: org.name,
        visitId,
        installationId: facility.installation_id,
        facilityName: facility.name,
        visitedFrom: localDate(Date.parse(v.arrived_at!), tz),
        visitedTo: localDate(Date.parse(v.left_at!), tz),
        issuedAt,
        recommendations: rows.map((r) => ({
          recommendationId: r.recommendation_id,
          title: r.title,
          standard: r.standard,
          severity: r.severity,
          area: r.area ?? undefined,
          finding: r.finding,
          recommendation: r.recommendation,
          addressee: r.addressee,
          dueDate: r.due_date,
        })),
      });
      const file = signFile('qeyd-npm-recommendations', body, signer);
      // Recorded on every export: the log shows each time the file was made; the first one starts the clock.
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'visit.recommendationsIssued', entityId: visitId, payload: { at: issuedAt, recommendationIds: rows.map((r) => r.recommendation_id) } });
      });
      return { fileName: `qeyd-recommendations-${fileSlug(facility.name)}-${body.visitedTo}.json`, content: signedFileText(file) };
    },

    importResponses: ({ content }, env) => importResponsesFile(inst.requireStore(), content, now(), { actor: actor(env), method: env.method }),

    verifyRecommendation: ({ recommendationId, verification }, env) => {
      const store = inst.requireStore();
      const r = store.q.first(store.qb.selectFrom('recommendations').select(['visit_id', 'facility_id', 'issued_at']).where('recommendation_id', '=', recommendationId));
      if (!r) throw notFound();
      const v = visitRow(store, verification.visitId);
      if (v.facility_id !== r.facility_id || v.visit_id === r.visit_id) throw rule('error.visit.recommendationNotHere', 'verification.visitId');
      if (!r.issued_at) throw rule('error.visit.recommendationNotIssued');
      if (!['ON_SITE', 'DEBRIEF', 'REPORT_DRAFT'].includes(v.state)) throw rule('error.visit.verifyNotOpen', 'verification.visitId');
      notFuture(verification.at, now(), 'verification.at');
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'visit.recommendationVerified', entityId: verification.visitId, payload: { recommendationId, verification } });
      });
      return { ok: true as const };
    },
  };
}
