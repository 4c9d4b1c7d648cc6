import { randomUUID } from 'node:crypto';
import type { DisciplineCaseView } from '../../core/contract/discipline';
import { changedEndAllowed, decisionDeadline, decisionRefusal, measureStatus, measureTypes, type AppealOutcome, type Breach, type Hearing, type MeasureType } from '../../core/discipline';
import type { Regime } from '../../core/episode';
import { localDate } from '../../core/time';
import type { DisciplineCasesTable } from '../../db/schema';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { actor, dateValidationError, notFound, notFuture, rule } from './common';
import { episodeRow } from './episodes';
import type { ServiceInstallation } from './installation';
import { actorNames, currentFlags, personRow } from './person-view';

/** Discipline (issue #15 §3, docs/discipline-property.md): each step checked against MC Art. 90 before it is recorded. */

function caseRow(store: ReadStore, caseId: string): DisciplineCasesTable {
  const row = store.q.first(store.qb.selectFrom('discipline_cases').selectAll().where('case_id', '=', caseId));
  if (!row) throw notFound();
  return row;
}

const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

const understands = (languages: readonly string[], language: string) => languages.some((l) => l.trim().toLowerCase() === language.trim().toLowerCase());

function notBefore(at: string, earliest: string, path: string, key: string): void {
  if (Date.parse(at) < Date.parse(earliest)) throw dateValidationError([{ path, key }]);
}

export function caseView(row: DisciplineCasesTable, today: string, name: (id: string) => string | null, recordedBy: string | null): DisciplineCaseView {
  const breach = JSON.parse(row.breach) as Breach;
  const decision = parse<{ measureType: MeasureType; decisionNo: string; decidedAt: string; inquiryCompletedAt?: string; startsOn: string; endsOn: string; reasons: string; officerName: string }>(
    row.decision,
  );
  const appeal = parse<{ filedAt: string; to: string; outcome: AppealOutcome | null }>(row.appeal);
  const dropped = parse<{ at: string; reason: string }>(row.dropped);
  return {
    caseId: row.case_id,
    episodeId: row.episode_id,
    breach,
    hearing: parse<Hearing>(row.hearing),
    decision: decision
      ? {
          measureType: decision.measureType,
          decisionNo: decision.decisionNo,
          decidedAt: decision.decidedAt,
          inquiryCompletedAt: decision.inquiryCompletedAt ?? null,
          startsOn: decision.startsOn,
          endsOn: row.ends_on ?? decision.endsOn,
          reasons: decision.reasons,
          officerName: decision.officerName,
        }
      : null,
    notice: parse(row.notice),
    appeal: appeal ? { filedAt: appeal.filedAt, to: appeal.to, outcome: appeal.outcome ?? null } : null,
    dropped,
    status: measureStatus({ decidedAt: row.decided_at, startsOn: row.starts_on, endsOn: row.ends_on, dropped: dropped !== null, appealOutcome: row.appeal_outcome }, today),
    decisionDueAt: row.decided_at === null && dropped === null ? new Date(decisionDeadline(breach)).toISOString() : null,
    recordedBy: recordedBy ? name(recordedBy) : null,
  };
}

export function disciplineHandlers(inst: ServiceInstallation, now: () => number): Handlers['discipline'] {
  return {
    list: (input) => {
      const store = inst.requireStore();
      personRow(store, input.personId);
      const rows = store.q.all(store.qb.selectFrom('discipline_cases').selectAll().where('person_id', '=', input.personId).orderBy('detected_at', 'desc'));
      const today = localDate(now(), store.settings.timeZone);
      const names = actorNames(store);
      return { cases: rows.map((r) => caseView(r, today, names, store.eventsFor(r.case_id)[0]?.actor ?? null)) };
    },
    recordBreach: (input, env) => {
      const store = inst.requireStore();
      const ep = episodeRow(store, input.episodeId);
      if (ep.state === 'CLOSED') throw rule('error.discipline.episodeClosed');
      const b = input.breach;
      notBefore(b.occurredAt, ep.admitted_at ?? ep.apprehended_at, 'breach.occurredAt', 'error.time.beforeEpisodeStart');
      notFuture(b.occurredAt, now(), 'breach.occurredAt');
      notFuture(b.detectedAt, now(), 'breach.detectedAt');
      const caseId = randomUUID();
      store.command(actor(env), env.method, (tx) => tx.append({ type: 'discipline.breachRecorded', entityId: caseId, payload: { personId: ep.person_id, episodeId: ep.episode_id, breach: b } }));
      return { caseId };
    },
    recordHearing: (input, env) => {
      const store = inst.requireStore();
      const row = caseRow(store, input.caseId);
      if (row.decided_at !== null || row.dropped !== null) throw rule('error.discipline.caseClosed');
      const h = input.hearing;
      notBefore(h.at, row.detected_at, 'hearing.at', 'error.discipline.beforeDetection');
      notFuture(h.at, now(), 'hearing.at');
      // MC Art. 90.6: the person defends themselves, so they must understand the hearing, or hear it through an interpreter.
      const languages = JSON.parse(personRow(store, row.person_id).languages) as string[];
      if (!understands(languages, h.language) && !(h.interpreterLanguage !== undefined && understands(languages, h.interpreterLanguage))) {
        throw rule('error.discipline.hearingLanguage', h.interpreterLanguage !== undefined ? 'hearing.interpreterLanguage' : 'hearing.language');
      }
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'discipline.heard', entityId: row.case_id, payload: { hearing: h } }));
      return { eventId: e.eventId };
    },
    decide: (input, env) => {
      const store = inst.requireStore();
      const row = caseRow(store, input.caseId);
      if (row.dropped !== null) throw rule('error.discipline.caseClosed');
      const d = input.decision;
      notFuture(d.decidedAt, now(), 'decision.decidedAt');
      if (d.inquiryCompletedAt !== undefined) notFuture(d.inquiryCompletedAt, now(), 'decision.inquiryCompletedAt');
      const ep = episodeRow(store, row.episode_id);
      if (ep.state === 'CLOSED') throw rule('error.discipline.episodeClosed');
      const sameNumber = store.q.all(
        store.qb.selectFrom('discipline_cases').select(['case_id', 'person_id']).where('facility_id', '=', row.facility_id).where('decision_no', '=', d.decisionNo).where('case_id', '!=', row.case_id),
      );
      // The same number on another breach of the same person would be one decision for two violations (MC 90.4).
      if (sameNumber.some((c) => c.person_id === row.person_id)) throw rule('error.discipline.numberUsed', 'decision.decisionNo');
      const hearing = parse<Hearing>(row.hearing);
      const refusal = decisionRefusal(
        d,
        {
          breach: JSON.parse(row.breach) as Breach,
          hearingAt: hearing?.at ?? null,
          decided: row.decided_at !== null,
          numberUsedForOther: sameNumber.length > 0,
          regime: ep.regime as Regime | null,
          child: currentFlags(personRow(store, row.person_id), Date.parse(d.decidedAt)).includes('child'),
          timeZone: store.settings.timeZone,
        },
        store.settings,
      );
      if (refusal) throw rule(refusal.key, refusal.field);
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'discipline.decided', entityId: row.case_id, payload: { decision: d, officerName: input.officerName } }));
      return { eventId: e.eventId };
    },
    recordNotice: (input, env) => {
      const store = inst.requireStore();
      const row = caseRow(store, input.caseId);
      if (row.decided_at === null) throw rule('error.discipline.notDecided');
      if (row.notice !== null) throw rule('error.discipline.noticeRecorded');
      const n = input.notice;
      notBefore(n.copyHandedAt, row.decided_at, 'notice.copyHandedAt', 'error.discipline.beforeDecision');
      notBefore(n.appealExplainedAt, row.decided_at, 'notice.appealExplainedAt', 'error.discipline.beforeDecision');
      notFuture(n.copyHandedAt, now(), 'notice.copyHandedAt');
      notFuture(n.appealExplainedAt, now(), 'notice.appealExplainedAt');
      const languages = JSON.parse(personRow(store, row.person_id).languages) as string[];
      if (!understands(languages, n.language)) throw rule('error.discipline.noticeLanguage', 'notice.language');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'discipline.noticeGiven', entityId: row.case_id, payload: { notice: n } }));
      return { eventId: e.eventId };
    },
    recordAppeal: (input, env) => {
      const store = inst.requireStore();
      const row = caseRow(store, input.caseId);
      if (row.decided_at === null) throw rule('error.discipline.notDecided');
      if (row.appeal !== null) throw rule('error.discipline.appealRecorded');
      notBefore(input.appeal.filedAt, row.decided_at, 'appeal.filedAt', 'error.discipline.beforeDecision');
      notFuture(input.appeal.filedAt, now(), 'appeal.filedAt');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'discipline.appealed', entityId: row.case_id, payload: { appeal: input.appeal } }));
      return { eventId: e.eventId };
    },
    recordAppealOutcome: (input, env) => {
      const store = inst.requireStore();
      const row = caseRow(store, input.caseId);
      const appeal = parse<{ filedAt: string; outcome?: unknown }>(row.appeal);
      if (!appeal) throw rule('error.discipline.noAppeal');
      if (row.appeal_outcome !== null) throw rule('error.discipline.appealDecided');
      const o = input.outcome;
      notBefore(o.decidedAt, appeal.filedAt, 'outcome.decidedAt', 'error.discipline.beforeAppeal');
      notFuture(o.decidedAt, now(), 'outcome.decidedAt');
      if (o.outcome === 'changed' && (o.endsOn === undefined || !changedEndAllowed(row.starts_on ?? '', row.ends_on ?? '', o.endsOn))) throw rule('error.discipline.changedEnd', 'outcome.endsOn');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'discipline.appealDecided', entityId: row.case_id, payload: { outcome: o } }));
      return { eventId: e.eventId };
    },
    drop: (input, env) => {
      const store = inst.requireStore();
      const row = caseRow(store, input.caseId);
      if (row.decided_at !== null || row.dropped !== null) throw rule('error.discipline.caseClosed');
      notBefore(input.drop.at, row.detected_at, 'drop.at', 'error.discipline.beforeDetection');
      notFuture(input.drop.at, now(), 'drop.at');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'discipline.dropped', entityId: row.case_id, payload: { drop: input.drop } }));
      return { eventId: e.eventId };
    },
  };
}

/**
 * Discipline in a period (ISO local dates, both included) for the facility's figures and HQ's console: breaches
 * detected, measures decided by type, breaches closed without a measure, appeals filed and decided by outcome,
 * and the measures in force on the period's last day. A refused attempt is no event and counts nowhere.
 */
export function disciplineFigures(store: ReadStore, from: string, to: string) {
  const zone = store.settings.timeZone;
  const inPeriod = (at: string | null) => at !== null && localDate(Date.parse(at), zone) >= from && localDate(Date.parse(at), zone) <= to;
  const rows = store.q.all(store.qb.selectFrom('discipline_cases').selectAll());
  const byType = Object.fromEntries(measureTypes.map((t) => [t, 0])) as Record<MeasureType, number>;
  const outcomes = { upheld: 0, annulled: 0, changed: 0 };
  let breaches = 0;
  let measures = 0;
  let dropped = 0;
  let appeals = 0;
  let inForce = 0;
  for (const r of rows) {
    if (inPeriod(r.detected_at)) breaches++;
    if (inPeriod(r.decided_at) && r.measure_type) {
      measures++;
      byType[r.measure_type as MeasureType]++;
    }
    const drop = parse<{ at: string }>(r.dropped);
    if (drop && inPeriod(drop.at)) dropped++;
    const appeal = parse<{ filedAt: string; outcome?: AppealOutcome | null }>(r.appeal);
    if (appeal && inPeriod(appeal.filedAt)) appeals++;
    if (appeal?.outcome && inPeriod(appeal.outcome.decidedAt)) outcomes[appeal.outcome.outcome]++;
    if (measureStatus({ decidedAt: r.decided_at, startsOn: r.starts_on, endsOn: r.ends_on, dropped: drop !== null, appealOutcome: r.appeal_outcome }, to) === 'in_force') inForce++;
  }
  return { breaches, measures, measuresByType: byType, withoutMeasure: dropped, appeals, appealOutcomes: outcomes, inForceOnLastDay: inForce };
}
