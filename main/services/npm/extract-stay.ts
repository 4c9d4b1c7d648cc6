import { mayReadComplaint } from '../../../core/complaints';
import type { ExtractStay } from '../../../core/npm/files';
import { addCalendarDays, startOfLocalDay } from '../../../core/time';
import type { ReadStore } from '../../../db/store';

/** Whoever makes the extract: a complaint about staff leaves with its subject only if they may read it. */
export interface ExtractMaker {
  userId: string;
  mayReadStaffComplaints: boolean;
}

/**
 * The stay of each episode in the extract during its period (issue #15 §7): refused contacts, requests
 * and complaints, appeals, disciplinary cases and injuries, each by the day it happened.
 */
export function stayForExtract(store: ReadStore, episodeIds: readonly string[], from: string, to: string, maker: ExtractMaker): Map<string, ExtractStay> {
  const out = new Map<string, ExtractStay>();
  if (episodeIds.length === 0) return out;
  const tz = store.settings.timeZone;
  const lo = new Date(startOfLocalDay(from, tz)).toISOString();
  const hi = new Date(startOfLocalDay(addCalendarDays(to, 1), tz)).toISOString();
  const within = (at: string | null) => at !== null && at >= lo && at < hi;
  const { q, qb } = store;
  const of = (episodeId: string) => {
    let s = out.get(episodeId);
    if (!s) out.set(episodeId, (s = { contactsRefused: [], complaints: [], appeals: [], discipline: [], injuries: [] }));
    return s;
  };

  for (const c of q.all(qb.selectFrom('contacts').selectAll().where('episode_id', 'in', episodeIds).where('outcome', '=', 'refused').orderBy('at'))) {
    if (!within(c.at)) continue;
    const refusal = c.refusal ? (JSON.parse(c.refusal) as { reason?: string; basis?: string }) : {};
    of(c.episode_id).contactsRefused.push({ at: c.at, kind: c.kind, category: c.category, basis: refusal.basis ?? null, reason: refusal.reason ?? '' });
  }

  for (const c of q.all(qb.selectFrom('complaints').selectAll().where('episode_id', 'in', episodeIds).orderBy('received_at'))) {
    if (!within(c.received_at)) continue;
    const readable = mayReadComplaint(c.about_staff === 1, JSON.parse(c.staff_user_ids) as string[], maker);
    of(c.episode_id).complaints.push({
      receivedAt: c.received_at,
      kind: c.kind,
      addressee: c.addressee,
      category: readable ? c.category : 'restricted',
      subject: readable ? c.subject : null,
      aboutStaff: c.about_staff === 1,
      forwardedAt: c.forwarded_at,
      answeredAt: c.answered_at,
    });
  }

  for (const a of q.all(qb.selectFrom('appeals').selectAll().where('episode_id', 'in', episodeIds).orderBy('filed_at'))) {
    if (!within(a.filed_at) && !within(a.outcome_at)) continue;
    of(a.episode_id).appeals.push({ filedAt: a.filed_at, decision: a.decision, court: a.court, outcome: a.outcome, outcomeAt: a.outcome_at });
  }

  for (const d of q.all(qb.selectFrom('discipline_cases').selectAll().where('episode_id', 'in', episodeIds).orderBy('detected_at'))) {
    if (!within(d.detected_at) && !within(d.decided_at)) continue;
    of(d.episode_id).discipline.push({
      detectedAt: d.detected_at,
      breach: d.breach,
      heard: d.hearing !== null,
      measure: d.measure_type,
      decidedAt: d.decided_at,
      startsOn: d.starts_on,
      endsOn: d.ends_on,
      appealOutcome: d.appeal_outcome,
      status: d.status,
    });
  }

  const injuries = q.all(qb.selectFrom('injuries').select(['injury_id', 'episode_id', 'examined_at', 'region', 'seen_at_admission']).where('episode_id', 'in', episodeIds).orderBy('examined_at'));
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
  for (const i of injuries) {
    if (!within(i.examined_at)) continue;
    const reportedTo = reports.filter((r) => r.injury_id === i.injury_id).map((r) => r.addressee);
    of(i.episode_id).injuries.push({ examinedAt: i.examined_at, region: i.region, seenAtAdmission: i.seen_at_admission === 1, reportedTo: [...new Set(reportedTo)].sort() });
  }
  return out;
}
