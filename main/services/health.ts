import { randomUUID } from 'node:crypto';
import { ApiError } from '../../core/contract/errors';
import type { HealthRecordView } from '../../core/contract/health';
import type { OutcomeType } from '../../core/episode';
import { exitExamOwed, reportOnTime, type Injury, type InjuryReport, type MedicalVisit } from '../../core/health';
import { endOfLocalDay, startOfLocalDay } from '../../core/time';
import type { EpisodesTable } from '../../db/schema';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { actor, dateValidationError, notFound, notFuture, rule } from './common';
import { episodeRow } from './episodes';
import type { ServiceInstallation } from './installation';
import { personRow } from './person-view';

/** Health during the stay (issue #15 §4, docs/health.md): examinations, visits, hospital stays, injuries and their reports. */

function notClosed(row: EpisodesTable): void {
  if (row.state === 'CLOSED') throw new ApiError({ code: 'rule', messageKey: 'error.episode.wrongState', params: { state: 'CLOSED' } });
}

function notBeforeStart(at: string, row: EpisodesTable, path: string): void {
  if (Date.parse(at) < Date.parse(row.admitted_at ?? row.apprehended_at)) throw dateValidationError([{ path, key: 'error.time.beforeEpisodeStart' }]);
}

function admissionExam(row: Pick<EpisodesTable, 'medical'>): { visibleInjuries: boolean } | null {
  return row.medical ? (JSON.parse(row.medical) as { visibleInjuries: boolean }) : null;
}

function hasExitExam(store: ReadStore, episodeId: string): boolean {
  return store.q.first(store.qb.selectFrom('health_visits').select('visit_id').where('episode_id', '=', episodeId).where('kind', '=', 'exit_exam')) !== undefined;
}

/**
 * The guard `episodes.close` calls: a person placed in the centre is examined before leaving (docs/domain.md §4
 * "on placement and on leaving" [GDP]), or the reason they were not is on record first (health.recordExitExamNotDone).
 * Escape, death and a hand-over to a hospital need neither (core/health.ts exitExamExempt); a person never placed
 * (released while the court decision was awaited) was never examined on placement and owes no exit exam either.
 */
export function assertExitExamRecorded(store: ReadStore, row: EpisodesTable, outcome: OutcomeType): void {
  if (!row.admitted_at || !exitExamOwed(outcome)) return;
  if (row.exit_exam_not_done !== null || hasExitExam(store, row.episode_id)) return;
  throw rule('error.health.exitExamMissing', 'exit.type');
}

export function healthHandlers(inst: ServiceInstallation, now: () => number): Handlers['health'] {
  return {
    record: (input) => healthRecord(inst.readStore(), input.personId),
    status: (input) => {
      const store = inst.readStore();
      personRow(store, input.personId);
      const eps = store.q.all(store.qb.selectFrom('episodes').selectAll().where('person_id', '=', input.personId).orderBy('apprehended_at', 'desc'));
      return {
        episodes: eps.map((e) => ({
          episodeId: e.episode_id,
          inHospitalSince: e.in_hospital_since,
          exitExam: hasExitExam(store, e.episode_id) ? ('done' as const) : e.exit_exam_not_done !== null ? ('reason_recorded' as const) : ('not_done' as const),
        })),
      };
    },
    recordVisit: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      notClosed(row);
      const v = input.visit;
      notBeforeStart(v.at, row, 'visit.at');
      notFuture(v.at, now(), 'visit.at');
      if (v.followUpOn && Date.parse(`${v.followUpOn}T23:59:59Z`) < Date.parse(v.at)) throw dateValidationError([{ path: 'visit.followUpOn', key: 'error.health.followUpBeforeVisit' }]);
      if (v.kind === 'exit_exam' && hasExitExam(store, row.episode_id)) throw rule('error.health.exitExamDone', 'visit.kind');
      const visitId = randomUUID();
      store.command(actor(env), env.method, (tx) => tx.append({ type: 'health.visitRecorded', entityId: visitId, payload: { personId: row.person_id, episodeId: row.episode_id, visit: v } }));
      return { visitId };
    },
    recordExitExamNotDone: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      notClosed(row);
      notBeforeStart(input.notDone.at, row, 'notDone.at');
      notFuture(input.notDone.at, now(), 'notDone.at');
      if (hasExitExam(store, row.episode_id)) throw rule('error.health.exitExamDone');
      if (row.exit_exam_not_done !== null) throw rule('error.health.exitExamReasonRecorded');
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'health.exitExamNotDone', entityId: randomUUID(), payload: { personId: row.person_id, episodeId: row.episode_id, notDone: input.notDone } }),
      );
      return { eventId: e.eventId };
    },
    admitToHospital: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      notClosed(row);
      notBeforeStart(input.stay.at, row, 'stay.at');
      notFuture(input.stay.at, now(), 'stay.at');
      if (row.in_hospital_since !== null) throw rule('error.health.alreadyInHospital');
      const stayId = randomUUID();
      store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'health.hospitalAdmitted', entityId: stayId, payload: { personId: row.person_id, episodeId: row.episode_id, stay: input.stay } }),
      );
      return { stayId };
    },
    returnFromHospital: (input, env) => {
      const store = inst.requireStore();
      const stay = store.q.first(store.qb.selectFrom('hospital_stays').selectAll().where('stay_id', '=', input.stayId));
      if (!stay) throw notFound();
      if (stay.returned_at !== null) throw rule('error.health.alreadyReturned');
      if (Date.parse(input.at) < Date.parse(stay.admitted_at)) throw dateValidationError([{ path: 'at', key: 'error.health.returnBeforeAdmission' }]);
      notFuture(input.at, now(), 'at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'health.hospitalReturned', entityId: stay.stay_id, payload: { at: input.at } }));
      return { eventId: e.eventId };
    },
    recordInjury: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      notClosed(row);
      const i = input.injury;
      notBeforeStart(i.examinedAt, row, 'injury.examinedAt');
      notFuture(i.examinedAt, now(), 'injury.examinedAt');
      // "Seen at admission" must rest on the admission examination: it recorded visible injuries.
      if (i.seenAtAdmission === 'seen' && admissionExam(row)?.visibleInjuries !== true) throw rule('error.health.admissionSawNoInjuries', 'injury.seenAtAdmission');
      const injuryId = randomUUID();
      store.command(actor(env), env.method, (tx) => tx.append({ type: 'health.injuryRecorded', entityId: injuryId, payload: { personId: row.person_id, episodeId: row.episode_id, injury: i } }));
      return { injuryId };
    },
    recordInjuryReport: (input, env) => {
      const store = inst.requireStore();
      const injury = store.q.first(store.qb.selectFrom('injuries').selectAll().where('injury_id', '=', input.injuryId));
      if (!injury) throw notFound();
      const r = input.report;
      if (Date.parse(r.sentAt) < Date.parse(injury.examined_at)) throw dateValidationError([{ path: 'report.sentAt', key: 'error.health.reportBeforeExamination' }]);
      notFuture(r.sentAt, now(), 'report.sentAt');
      const done = store.q.first(store.qb.selectFrom('injury_reports').select('injury_id').where('injury_id', '=', injury.injury_id).where('addressee', '=', r.addressee));
      if (done) throw rule('error.health.alreadyReported', 'report.addressee');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'health.injuryReported', entityId: injury.injury_id, payload: { report: r } }));
      return { eventId: e.eventId };
    },
  };
}

/** A person's health record, every episode, newest first. */
export function healthRecord(store: ReadStore, personId: string): HealthRecordView {
  personRow(store, personId);
  const qb = store.qb;
  const eps = store.q.all(qb.selectFrom('episodes').selectAll().where('person_id', '=', personId).orderBy('apprehended_at', 'desc'));
  const ids = eps.map((e) => e.episode_id);
  if (ids.length === 0) return { personId, episodes: [] };
  const visits = store.q.all(qb.selectFrom('health_visits').selectAll().where('episode_id', 'in', ids).orderBy('at'));
  const stays = store.q.all(qb.selectFrom('hospital_stays').selectAll().where('episode_id', 'in', ids).orderBy('admitted_at'));
  const injuries = store.q.all(qb.selectFrom('injuries').selectAll().where('episode_id', 'in', ids).orderBy('examined_at'));
  const reports = injuries.length
    ? store.q.all(
        qb
          .selectFrom('injury_reports')
          .selectAll()
          .where(
            'injury_id',
            'in',
            injuries.map((i) => i.injury_id),
          )
          .orderBy('sent_at'),
      )
    : [];
  return {
    personId,
    episodes: eps.map((e) => {
      const exam = admissionExam(e);
      return {
        episodeId: e.episode_id,
        state: e.state,
        admittedAt: e.admitted_at,
        admissionExam: e.medical ? JSON.parse(e.medical) : null,
        inHospitalSince: e.in_hospital_since,
        exitExamNotDone: e.exit_exam_not_done ? (JSON.parse(e.exit_exam_not_done) as { at: string; reason: string; by: string }) : null,
        visits: visits
          .filter((v) => v.episode_id === e.episode_id)
          .map((v) => ({
            visitId: v.visit_id,
            recordedBy: v.recorded_by,
            visit: {
              kind: v.kind as MedicalVisit['kind'],
              at: v.at,
              clinician: v.clinician,
              complaint: v.complaint ?? undefined,
              finding: v.finding,
              treatment: v.treatment ?? undefined,
              followUpOn: v.follow_up_on ?? undefined,
            },
          })),
        hospitalStays: stays
          .filter((s) => s.episode_id === e.episode_id)
          .map((s) => ({ stayId: s.stay_id, admittedAt: s.admitted_at, hospital: s.hospital, reason: s.reason, escort: s.escort, returnedAt: s.returned_at, recordedBy: s.recorded_by })),
        injuries: injuries
          .filter((i) => i.episode_id === e.episode_id)
          .map((i) => ({
            injuryId: i.injury_id,
            recordedBy: i.recorded_by,
            admissionSawInjuries: exam ? exam.visibleInjuries : null,
            injury: {
              examinedAt: i.examined_at,
              examiner: i.examiner,
              region: i.region as Injury['region'],
              locationNote: i.location_note ?? undefined,
              account: i.account,
              finding: i.finding,
              seenAtAdmission: i.seen_at_admission === 1 ? ('seen' as const) : ('not_seen' as const),
            },
            reports: reports
              .filter((r) => r.injury_id === i.injury_id)
              .map((r) => {
                const report: InjuryReport = { addressee: r.addressee as InjuryReport['addressee'], sentTo: r.sent_to, sentAt: r.sent_at, reference: r.reference };
                return { report, onTime: reportOnTime(i.examined_at, r.sent_at, store.settings) };
              }),
          })),
      };
    }),
  };
}

export interface HealthFigures {
  /** Admissions in the period and how many have their admission examination recorded. */
  admissionExams: { owed: number; done: number };
  /** Exits in the period that owed the examination before leaving: examined, reason recorded instead, neither. */
  exitExams: { owed: number; done: number; reasonRecorded: number };
  visits: number;
  childExams: number;
  /** Hospital stays begun in the period, and people in hospital now (open episodes). */
  hospitalStays: { inPeriod: number; now: number };
  injuries: { recorded: number; notSeenAtAdmission: number };
  /** Reports owed for injuries not seen at admission examined in the period: sent on time, late, not (yet) sent. */
  reports: { onTime: number; late: number; notSent: number };
}

/**
 * Health figures for a period (ISO local dates, inclusive; issue #15 §7): plain counts, never content, so
 * the facility's figures and HQ's console may show them to roles without medical.read (docs/health.md).
 */
export function healthFigures(store: ReadStore, from: string, to: string): HealthFigures {
  const tz = store.settings.timeZone;
  const lo = new Date(startOfLocalDay(from, tz)).toISOString();
  const hi = new Date(endOfLocalDay(startOfLocalDay(to, tz), tz)).toISOString();
  const qb = store.qb;
  const admitted = store.q.all(qb.selectFrom('episodes').select(['medical_at', 'admitted_at']).where('admitted_at', '>=', lo).where('admitted_at', '<=', hi));
  const exits = store.q
    .all(qb.selectFrom('episodes').select(['episode_id', 'admitted_at', 'outcome', 'exit_exam_not_done', 'exit_at']).where('exit_at', '>=', lo).where('exit_at', '<=', hi))
    .filter((e) => e.admitted_at !== null && e.outcome !== null && exitExamOwed(e.outcome as OutcomeType));
  const exitExamEpisodes = new Set(store.q.all(qb.selectFrom('health_visits').select('episode_id').where('kind', '=', 'exit_exam')).map((v) => v.episode_id));
  const visits = store.q.all(qb.selectFrom('health_visits').select(['kind', 'at']).where('at', '>=', lo).where('at', '<=', hi));
  const stays = store.q.all(qb.selectFrom('hospital_stays').select('admitted_at').where('admitted_at', '>=', lo).where('admitted_at', '<=', hi));
  const inHospitalNow = store.q.all(qb.selectFrom('episodes').select('episode_id').where('state', '!=', 'CLOSED').where('in_hospital_since', 'is not', null)).length;
  const injuries = store.q.all(qb.selectFrom('injuries').select(['injury_id', 'examined_at', 'seen_at_admission']).where('examined_at', '>=', lo).where('examined_at', '<=', hi));
  const notSeen = injuries.filter((i) => i.seen_at_admission === 0);
  const sent = notSeen.length
    ? store.q.all(
        qb
          .selectFrom('injury_reports')
          .select(['injury_id', 'sent_at'])
          .where(
            'injury_id',
            'in',
            notSeen.map((i) => i.injury_id),
          ),
      )
    : [];
  let onTime = 0;
  let late = 0;
  for (const r of sent) {
    const i = notSeen.find((x) => x.injury_id === r.injury_id)!;
    if (reportOnTime(i.examined_at, r.sent_at, store.settings)) onTime += 1;
    else late += 1;
  }
  return {
    admissionExams: { owed: admitted.length, done: admitted.filter((a) => a.medical_at !== null).length },
    exitExams: {
      owed: exits.length,
      done: exits.filter((e) => exitExamEpisodes.has(e.episode_id)).length,
      reasonRecorded: exits.filter((e) => !exitExamEpisodes.has(e.episode_id) && e.exit_exam_not_done !== null).length,
    },
    visits: visits.filter((v) => v.kind === 'visit').length,
    childExams: visits.filter((v) => v.kind === 'child_exam').length,
    hospitalStays: { inPeriod: stays.length, now: inHospitalNow },
    injuries: { recorded: injuries.length, notSeenAtAdmission: notSeen.length },
    reports: { onTime, late, notSent: notSeen.length * 2 - sent.length },
  };
}
