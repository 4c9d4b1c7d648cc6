import { randomUUID } from 'node:crypto';
import { sql, type InferResult, type Selectable } from 'kysely';
import type { z } from 'zod';
import { ApiError } from '../../../core/contract/errors';
import type { RecommendationView, VisitView, visitSummary } from '../../../core/contract/npm';
import { recommendationsBody } from '../../../core/npm/files';
import { sealedSchema } from '../../../core/npm/sealed';
import {
  canMoveVisit,
  defaultPseudonym,
  interviewConfidentialSchema,
  recommendationState,
  visitAcceptsFieldwork,
  visitAcceptsFindings,
  type authorityResponseSchema,
  type findingSchema,
  type implementationStatuses,
  type VisitState,
} from '../../../core/npm/visit';
import { addCalendarDays, localDate } from '../../../core/time';
import { fileSlug, signFile, signedFileText } from '../../../db/signed-file';
import type { VisitInterviewsTable, VisitsTable } from '../../../db/schema';
import type { Store } from '../../../db/store';
import type { Handlers, SignedInEnv } from '../../api/router';
import { facilityRow } from './facilities';
import { discrepanciesFor, importExtractFile, importResponsesFile } from './files';
import { openerFor, orgSigner, requireOrg, sealForOrg, type Opener } from './org';
import { notFuture } from '../intake';
import type { Installation } from '../installation';

/**
 * Ombudsman visits (OPCAT Arts 19–22, docs/domain.md §2–§3): the lifecycle PLANNED → ON_SITE → DEBRIEF →
 * REPORT_DRAFT → SENT → FOLLOW_UP, the fieldwork recorded on site, findings with their recommendations,
 * and where each recommendation stands. What a detainee said is sealed to the organisation key here,
 * before any event is made, and opened only in memory for the visit view.
 */

const actor = (env: SignedInEnv) => ({ userId: env.session.userId });
const notFound = () => new ApiError({ code: 'not_found', messageKey: 'error.notFound' });
/** A refused rule, its sentence also placed on the field it concerns. */
const rule = (key: string, field?: string) => new ApiError(field ? { code: 'rule', messageKey: key, fields: { [field]: { key } } } : { code: 'rule', messageKey: key });

type VisitRow = Selectable<VisitsTable>;

type Finding = z.infer<typeof findingSchema>;
type Summary = z.infer<typeof visitSummary>;

export function visitRow(store: Store, visitId: string): VisitRow {
  const v = store.q.first(store.qb.selectFrom('visits').selectAll().where('visit_id', '=', visitId));
  if (!v) throw notFound();
  return v;
}

const stateOf = (v: VisitRow) => v.state as VisitState;
const today = (store: Store, now: number) => localDate(now, store.settings.timeZone);

/** The instant before which an interview counts as "an earlier visit's" for this visit. */
function cutoff(v: VisitRow, now: number): string {
  return v.arrived_at ?? new Date(now).toISOString();
}

/** Interviews of earlier visits to the visit's facility whose reprisal check is still owed. */
function dueReprisalRows(store: Store, v: VisitRow, now: number): Selectable<VisitInterviewsTable>[] {
  return store.q.all(
    store.qb
      .selectFrom('visit_interviews as i')
      .selectAll('i')
      .where('i.facility_id', '=', v.facility_id)
      .where('i.visit_id', '!=', v.visit_id)
      .where('i.at', '<', cutoff(v, now))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('visit_reprisal_checks as c').select('c.event_id').whereRef('c.interview_id', '=', 'i.interview_id'))))
      .orderBy('i.at')
      .orderBy(sql`i.rowid`),
  );
}

/** Recommendations with the name of the facility they concern, in the order they were made. */
const recommendationsWithFacility = (store: Store) =>
  store.qb.selectFrom('recommendations as r').leftJoin('npm_facilities as f', 'f.facility_id', 'r.facility_id').selectAll('r').select('f.name as facility_name').orderBy('r.local_seq');
type RecommendationRow = InferResult<ReturnType<typeof recommendationsWithFacility>>[number];

function visitRecommendations(store: Store, visitId: string): RecommendationRow[] {
  return store.q.all(recommendationsWithFacility(store).where('r.visit_id', '=', visitId));
}

export function toRecommendationView(r: RecommendationRow, todayDate: string): RecommendationView {
  const response = r.response ? (JSON.parse(r.response) as z.infer<typeof authorityResponseSchema>) : null;
  const implementation = r.implementation as (typeof implementationStatuses)[number] | null;
  return {
    recommendationId: r.recommendation_id,
    visitId: r.visit_id,
    facilityName: r.facility_name ?? '',
    title: r.title,
    standard: r.standard,
    severity: r.severity as Finding['severity'],
    area: r.area,
    finding: r.finding,
    recommendation: r.recommendation,
    addressee: r.addressee as Finding['addressee'],
    dueDate: r.due_date,
    state: recommendationState({ issuedAt: r.issued_at, dueDate: r.due_date, response, implementation, verifiedAt: r.verified_at, today: todayDate }),
    issuedAt: r.issued_at,
    response,
    implementation,
    verifiedAt: r.verified_at,
    verifiedOnVisitId: r.verified_on_visit_id,
    verificationNote: r.verification_note,
  };
}

function openSealedJson(text: string | null, opener: Opener | null): unknown {
  if (!text || !opener) return null;
  const sealed = sealedSchema.safeParse(JSON.parse(text));
  return sealed.success ? opener(sealed.data) : null;
}

function summaryOf(store: Store, v: VisitRow, now: number): Summary {
  const count = (table: 'visit_interviews' | 'recommendations') =>
    store.q.first(
      store.qb
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('visit_id', '=', v.visit_id),
    )?.n ?? 0;
  return {
    visitId: v.visit_id,
    facilityId: v.facility_id,
    facilityName: facilityRow(store, v.facility_id)?.name ?? '',
    type: v.type as Summary['type'],
    announced: v.announced === 1,
    plannedFor: v.planned_for,
    state: stateOf(v),
    arrivedAt: v.arrived_at,
    leftAt: v.left_at,
    interviews: count('visit_interviews'),
    findings: count('recommendations'),
    reprisalChecksDue: dueReprisalRows(store, v, now).length,
  };
}

/**
 * The whole visit as the team sees it. Interviews and reprisal-check notes are opened in memory with
 * the organisation key when this installation holds it; elsewhere their confidential part is null.
 */
export function buildVisitView(store: Store, visitId: string, now: number): VisitView {
  const v = visitRow(store, visitId);
  const opener = openerFor(store);
  const todayDate = today(store, now);
  const { q, qb } = store;
  const interviews = q.all(
    qb
      .selectFrom('visit_interviews')
      .selectAll()
      .where('visit_id', '=', visitId)
      .orderBy('at')
      .orderBy(sql`rowid`),
  );
  const pseudonyms = new Map(q.all(qb.selectFrom('visit_interviews').select(['interview_id', 'pseudonym']).where('facility_id', '=', v.facility_id)).map((r) => [r.interview_id, r.pseudonym]));
  const areas = q.all(qb.selectFrom('visit_areas').select(['area', 'rating', 'note', 'sources', 'at']).where('visit_id', '=', visitId).orderBy('local_seq'));
  const checks = q.all(qb.selectFrom('visit_register_checks').select(['register', 'note', 'at']).where('visit_id', '=', visitId).orderBy('local_seq'));
  const reprisalChecks = q.all(
    qb
      .selectFrom('visit_reprisal_checks')
      .select(['interview_id', 'at', 'outcome', 'sealed_note'])
      .where('visit_id', '=', visitId)
      .orderBy('at')
      .orderBy(sql`rowid`),
  );
  const extract = q.first(
    qb.selectFrom('visit_extracts').select(['extract_id', 'imported_at', 'from_date', 'to_date', 'generated_at', 'persons']).where('visit_id', '=', visitId).orderBy('local_seq', 'desc').limit(1),
  );
  const earlierRecommendations = q
    .all(recommendationsWithFacility(store).where('r.facility_id', '=', v.facility_id).where('r.visit_id', '!=', visitId).where('r.created_at', '<', cutoff(v, now)))
    .map((r) => toRecommendationView(r, todayDate));
  const summary = summaryOf(store, v, now);
  return {
    ...summary,
    team: JSON.parse(v.team) as VisitView['team'],
    followsVisitId: v.follows_visit_id,
    purpose: v.purpose,
    reportDraftedAt: v.report_drafted_at,
    reportSentAt: v.report_sent_at,
    followUpAt: v.follow_up_at,
    areas: areas.map((a) => ({
      area: a.area,
      rating: a.rating as VisitView['areas'][number]['rating'],
      note: a.note ?? undefined,
      sources: JSON.parse(a.sources) as VisitView['areas'][number]['sources'],
      at: a.at,
    })),
    registerChecks: checks.map((c) => ({ register: c.register as VisitView['registerChecks'][number]['register'], note: c.note ?? undefined, at: c.at })),
    interviews: interviews.map((i) => {
      const opened = interviewConfidentialSchema.safeParse(openSealedJson(i.sealed, opener));
      return {
        interviewId: i.interview_id,
        pseudonym: i.pseudonym,
        private: i.private === 1,
        kind: i.kind as 'individual' | 'group',
        groupSize: i.group_size,
        at: i.at,
        consentScope: JSON.parse(i.consent_scope) as VisitView['interviews'][number]['consentScope'],
        reprisalRisk: i.reprisal_risk as VisitView['interviews'][number]['reprisalRisk'],
        language: i.language,
        interpreterUsed: i.interpreter_used === 1,
        confidential: opener && opened.success ? opened.data : null,
      };
    }),
    reprisalChecksDue: dueReprisalRows(store, v, now).map((i) => ({
      interviewId: i.interview_id,
      pseudonym: i.pseudonym,
      fromVisitId: i.visit_id,
      interviewedAt: i.at,
      reprisalRisk: i.reprisal_risk as VisitView['reprisalChecksDue'][number]['reprisalRisk'],
    })),
    reprisalChecks: reprisalChecks.map((c) => {
      const opened = openSealedJson(c.sealed_note, opener) as { note?: unknown } | null;
      return {
        interviewId: c.interview_id,
        pseudonym: pseudonyms.get(c.interview_id) ?? '',
        at: c.at,
        outcome: c.outcome as VisitView['reprisalChecks'][number]['outcome'],
        note: typeof opened?.note === 'string' ? opened.note : null,
      };
    }),
    extract: extract
      ? {
          extractId: extract.extract_id,
          importedAt: extract.imported_at,
          from: extract.from_date,
          to: extract.to_date,
          generatedAt: extract.generated_at,
          persons: extract.persons,
          discrepancies: discrepanciesFor(store, visitId, opener),
        }
      : null,
    findings: visitRecommendations(store, visitId).map((r) => toRecommendationView(r, todayDate)),
    earlierRecommendations,
  };
}

/** The latest moment recorded before the step now being taken: a later step cannot precede it. */
function previousMoment(v: VisitRow): string | null {
  return v.report_sent_at ?? v.report_drafted_at ?? v.left_at ?? v.arrived_at;
}

function requireFieldwork(v: VisitRow): void {
  if (!visitAcceptsFieldwork(stateOf(v))) throw rule('error.visit.notOnSite');
}

function uniquePseudonym(store: Store, visitId: string, wanted: string | undefined): string {
  const taken = new Set(store.q.all(store.qb.selectFrom('visit_interviews').select('pseudonym').where('visit_id', '=', visitId)).map((r) => r.pseudonym));
  if (wanted) return wanted;
  let n = taken.size + 1;
  while (taken.has(defaultPseudonym(n))) n++;
  return defaultPseudonym(n);
}

export function npmVisitsHandlers(inst: Installation, now: () => number): Handlers['npmVisits'] {
  return {
    list: ({ state }) => {
      const store = inst.requireStore();
      let query = store.qb.selectFrom('visits').selectAll().orderBy('planned_for', 'desc').orderBy('created_at', 'desc');
      if (state) query = query.where('state', '=', state);
      const rows = store.q.all(query);
      const at = now();
      return { visits: rows.map((v) => summaryOf(store, v, at)) };
    },

    get: ({ visitId }) => ({ visit: buildVisitView(inst.requireStore(), visitId, now()) }),

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
