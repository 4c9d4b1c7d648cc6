import type { HealthFacts, ReportAddressee } from '../core/health';
import type { EpisodesTable } from './schema';
import type { ReadBuilder, ReadQuery } from './sync-query';

/** What the health deadlines need (core/health.ts healthObligations), for each of these episodes. */
export function loadHealthFacts(q: ReadQuery, qb: ReadBuilder, episodes: readonly Pick<EpisodesTable, 'episode_id' | 'planned_exit' | 'exit_exam_not_done'>[]): Map<string, HealthFacts> {
  const out = new Map<string, HealthFacts>();
  if (episodes.length === 0) return out;
  const ids = episodes.map((e) => e.episode_id);
  const visits = q.all(qb.selectFrom('health_visits').select(['episode_id', 'kind', 'at', 'follow_up_on']).where('episode_id', 'in', ids).orderBy('at'));
  const injuries = q.all(qb.selectFrom('injuries').select(['injury_id', 'episode_id', 'examined_at']).where('episode_id', 'in', ids).where('seen_at_admission', '=', 0));
  const reports = injuries.length
    ? q.all(
        qb
          .selectFrom('injury_reports')
          .select(['injury_id', 'addressee'])
          .where(
            'injury_id',
            'in',
            injuries.map((i) => i.injury_id),
          ),
      )
    : [];
  for (const e of episodes) {
    const mine = visits.filter((v) => v.episode_id === e.episode_id);
    out.set(e.episode_id, {
      plannedExitAt: e.planned_exit ? (JSON.parse(e.planned_exit) as { plannedAt: string }).plannedAt : null,
      exitExamAt: mine.find((v) => v.kind === 'exit_exam')?.at ?? null,
      exitExamNotDone: e.exit_exam_not_done !== null,
      childExams: mine.filter((v) => v.kind === 'child_exam').map((v) => v.at),
      visits: mine.filter((v) => v.kind === 'visit').map((v) => ({ at: v.at, followUpOn: v.follow_up_on })),
      injuriesNotSeen: injuries
        .filter((i) => i.episode_id === e.episode_id)
        .map((i) => ({ examinedAt: i.examined_at, reported: reports.filter((r) => r.injury_id === i.injury_id).map((r) => r.addressee as ReportAddressee) })),
    });
  }
  return out;
}
