import { sql, type InferResult, type Selectable } from 'kysely';
import type { z } from 'zod';
import type { RecommendationView, VisitView, visitSummary } from '../../../core/contract/npm';
import { sealedSchema } from '../../../core/npm/sealed';
import { interviewConfidentialSchema, recommendationState, type authorityResponseSchema, type findingSchema, type implementationStatuses, type VisitState } from '../../../core/npm/visit';
import { localDate } from '../../../core/time';
import type { VisitInterviewsTable, VisitsTable } from '../../../db/schema';
import type { ReadStore } from '../../../db/store';
import type { Handlers } from '../../api/router';
import { notFound } from '../common';
import type { ServiceInstallation } from '../installation';
import { facilityRow } from './facilities';
import { discrepanciesFor, extractStayRows } from './files';
import { openerFor, type Opener } from './org';

/**
 * What the team reads of its visits (docs/npm.md): the list, and one visit whole — its fieldwork, the
 * reprisal checks owed from earlier visits, its findings and the earlier recommendations that concern the
 * same facility. Reads only: interviews and reprisal-check notes are opened in memory, never written.
 */

export type VisitRow = Selectable<VisitsTable>;

type Finding = z.infer<typeof findingSchema>;
type Summary = z.infer<typeof visitSummary>;

export function visitRow(store: ReadStore, visitId: string): VisitRow {
  const v = store.q.first(store.qb.selectFrom('visits').selectAll().where('visit_id', '=', visitId));
  if (!v) throw notFound();
  return v;
}

export const stateOf = (v: VisitRow) => v.state as VisitState;
const today = (store: ReadStore, now: number) => localDate(now, store.settings.timeZone);

/** The instant before which an interview counts as "an earlier visit's" for this visit. */
function cutoff(v: VisitRow, now: number): string {
  return v.arrived_at ?? new Date(now).toISOString();
}

/** Interviews of earlier visits to the visit's facility whose reprisal check is still owed. */
function dueReprisalRows(store: ReadStore, v: VisitRow, now: number): Selectable<VisitInterviewsTable>[] {
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
const recommendationsWithFacility = (store: ReadStore) =>
  store.qb.selectFrom('recommendations as r').leftJoin('npm_facilities as f', 'f.facility_id', 'r.facility_id').selectAll('r').select('f.name as facility_name').orderBy('r.local_seq');
type RecommendationRow = InferResult<ReturnType<typeof recommendationsWithFacility>>[number];

export function visitRecommendations(store: ReadStore, visitId: string): RecommendationRow[] {
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

function summaryOf(store: ReadStore, v: VisitRow, now: number): Summary {
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
export function buildVisitView(store: ReadStore, visitId: string, now: number): VisitView {
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
          stay: extractStayRows(store, visitId),
        }
      : null,
    findings: visitRecommendations(store, visitId).map((r) => toRecommendationView(r, todayDate)),
    earlierRecommendations,
  };
}

export function visitViews(inst: ServiceInstallation, now: () => number): Pick<Handlers['npmVisits'], 'list' | 'get'> {
  return {
    list: ({ state }) => {
      const store = inst.readStore();
      let query = store.qb.selectFrom('visits').selectAll().orderBy('planned_for', 'desc').orderBy('created_at', 'desc');
      if (state) query = query.where('state', '=', state);
      const rows = store.q.all(query);
      const at = now();
      return { visits: rows.map((v) => summaryOf(store, v, at)) };
    },

    get: ({ visitId }) => ({ visit: buildVisitView(inst.readStore(), visitId, now()) }),
  };
}
