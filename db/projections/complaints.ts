import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { SyncQuery } from '../sync-query';
import type { Projector, Touched } from './types';

/** Projections of requests, complaints and appeals (issue #15 §2, docs/complaints.md). */

function complaintPerson(q: SyncQuery, qb: Kysely<Database>, id: string): Touched {
  return { personId: q.first(qb.selectFrom('complaints').select('person_id').where('complaint_id', '=', id))?.person_id ?? null, refresh: true };
}

function appealPerson(q: SyncQuery, qb: Kysely<Database>, id: string): Touched {
  return { personId: q.first(qb.selectFrom('appeals').select('person_id').where('appeal_id', '=', id))?.person_id ?? null, refresh: true };
}

export const complaintLodged: Projector<'complaint.lodged'> = ({ event, payload, at, qb, q }) => {
  const c = payload.complaint;
  q.run(
    qb.insertInto('complaints').values({
      complaint_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId,
      kind: c.kind,
      category: c.category,
      subject: c.subject,
      lodged_by: c.lodgedBy,
      lodged_by_name: c.lodgedByName ?? null,
      received_at: c.receivedAt,
      addressee: c.addressee,
      about_staff: c.aboutStaff ? 1 : 0,
      staff_named: c.aboutStaff?.named ?? null,
      staff_user_ids: JSON.stringify(c.aboutStaff?.userIds ?? []),
      escalated_from: payload.escalatedFrom ?? null,
      recorded_at: at,
      recorded_by: event.actor,
      updated_at: at,
      last_event_id: event.eventId,
    }),
  );
  if (payload.escalatedFrom) q.run(qb.updateTable('complaints').set({ escalated_to: event.entityId, updated_at: at }).where('complaint_id', '=', payload.escalatedFrom));
  return { personId: payload.personId, refresh: true };
};

export const complaintForwarded: Projector<'complaint.forwarded'> = ({ event, payload, at, qb, q }) => {
  q.run(
    qb
      .updateTable('complaints')
      .set({ forwarded_at: payload.forward.at, forward_via: payload.forward.via ?? null, updated_at: at, last_event_id: event.eventId })
      .where('complaint_id', '=', event.entityId),
  );
  return complaintPerson(q, qb, event.entityId);
};

export const complaintAnswered: Projector<'complaint.answered'> = ({ event, payload, at, qb, q }) => {
  const a = payload.answer;
  q.run(qb.updateTable('complaints').set({ answered_at: a.at, answer_from: a.from, answer_text: a.text, updated_at: at, last_event_id: event.eventId }).where('complaint_id', '=', event.entityId));
  return complaintPerson(q, qb, event.entityId);
};

export const appealFiled: Projector<'appeal.filed'> = ({ event, payload, at, qb, q }) => {
  const a = payload.appeal;
  q.run(
    qb.insertInto('appeals').values({
      appeal_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId,
      decision: a.decision,
      extension_no: a.extensionNo ?? null,
      filed_at: a.filedAt,
      note: a.note ?? null,
      court: a.court,
      hearings: '[]',
      term_applied: 0,
      recorded_at: at,
      recorded_by: event.actor,
      updated_at: at,
      last_event_id: event.eventId,
    }),
  );
  return { personId: payload.personId, refresh: true };
};

export const appealHearing: Projector<'appeal.hearing'> = ({ event, payload, at, qb, q }) => {
  const row = q.first(qb.selectFrom('appeals').select('hearings').where('appeal_id', '=', event.entityId));
  if (row) {
    const hearings = [...(JSON.parse(row.hearings) as { on: string }[]), payload.hearing].sort((a, b) => a.on.localeCompare(b.on));
    q.run(
      qb
        .updateTable('appeals')
        .set({ hearings: JSON.stringify(hearings), updated_at: at, last_event_id: event.eventId })
        .where('appeal_id', '=', event.entityId),
    );
  }
  return appealPerson(q, qb, event.entityId);
};

/**
 * A shortened term becomes the episode's term end, so every clock that reads it (term-end warning,
 * release protocol, RELEASE_DUE) follows the court. Only while the decision appealed is still the one
 * in force: an extension decided since carries its own term, whichever order the events arrive in (the
 * number of extensions only grows), so every replica ends with the same term end.
 */
export const appealDecided: Projector<'appeal.decided'> = ({ event, payload, at, qb, q }) => {
  const o = payload.outcome;
  const appeal = q.first(qb.selectFrom('appeals').select(['episode_id', 'decision', 'extension_no']).where('appeal_id', '=', event.entityId));
  let termEndBefore: string | null = null;
  let applied = 0;
  if (appeal && o.outcome === 'term_shortened' && o.newTermEnd) {
    const ep = q.first(qb.selectFrom('episodes').select(['term_end', 'extensions', 'state']).where('episode_id', '=', appeal.episode_id));
    const inForce = ep ? (JSON.parse(ep.extensions) as unknown[]).length : -1;
    const appealed = appeal.decision === 'placement' ? 0 : (appeal.extension_no ?? -1);
    if (ep && ep.state !== 'CLOSED' && inForce === appealed) {
      termEndBefore = ep.term_end;
      applied = 1;
      q.run(qb.updateTable('episodes').set({ term_end: o.newTermEnd, updated_at: at }).where('episode_id', '=', appeal.episode_id));
    }
  }
  q.run(
    qb
      .updateTable('appeals')
      .set({
        outcome: o.outcome,
        outcome_at: o.at,
        new_term_end: o.newTermEnd ?? null,
        term_end_before: termEndBefore,
        term_applied: applied,
        outcome_note: o.note ?? null,
        updated_at: at,
        last_event_id: event.eventId,
      })
      .where('appeal_id', '=', event.entityId),
  );
  return appealPerson(q, qb, event.entityId);
};
