import { answerOutcome } from '../../../core/contract/tracing';
import { authorityResponseSchema } from '../../../core/npm/visit';
import type { InquiryRecord, ReceivedRecommendation, ReportExtras } from '../../../core/reports/extras';
import type { ReadStore } from '../../../db/store';

/**
 * The records other than episodes that the ombudsman and tracing reports count (core/reports/extras.ts),
 * read from the console's store. Only what a count needs leaves here: no wording of a finding, a
 * recommendation or an answer, no requester or subject of an inquiry.
 *
 * A recommendation reaches HQ as the centre's own `oversight.recommendationsReceived` event, so its
 * facility is that of the device that recorded the file (the same rule as an episode's: the first event
 * names the facility). A response's text is never parsed for more than its time and its status.
 */
export function loadReportExtras(store: ReadStore, deviceFacility: ReadonlyMap<string, string>): ReportExtras {
  return { recommendations: recommendations(store, deviceFacility), inquiries: inquiries(store) };
}

function recommendations(store: ReadStore, deviceFacility: ReadonlyMap<string, string>): ReceivedRecommendation[] {
  // The device of the first file of each visit received: a visit is of one facility, and its files all reach that centre.
  const visitDevice = new Map<string, string>();
  const files = store.q
    .prepared(
      `SELECT f.visit_id AS visit_id, e.device_id AS device_id
         FROM received_recommendation_files f JOIN events e ON e.event_id = f.event_id
        ORDER BY e.local_seq`,
    )
    .all() as { visit_id: string; device_id: string }[];
  for (const f of files) if (!visitDevice.has(f.visit_id)) visitDevice.set(f.visit_id, f.device_id);

  // The first answer starts "answered"; the latest says what the centre now says it will do.
  const answers = new Map<string, { firstAt: string; status: ReceivedRecommendation['answer'] }>();
  const responses = store.q.prepared('SELECT recommendation_id, response FROM recommendation_responses ORDER BY local_seq').all() as { recommendation_id: string; response: string }[];
  for (const r of responses) {
    const parsed = authorityResponseSchema.safeParse(JSON.parse(r.response));
    if (!parsed.success) continue;
    const held = answers.get(r.recommendation_id);
    answers.set(r.recommendation_id, { firstAt: held && held.firstAt < parsed.data.at ? held.firstAt : parsed.data.at, status: parsed.data.status });
  }

  const rows = store.q.prepared('SELECT recommendation_id, visit_id, visited_from, issued_at, due_date FROM received_recommendations ORDER BY issued_at, recommendation_id').all() as {
    recommendation_id: string;
    visit_id: string;
    visited_from: string;
    issued_at: string;
    due_date: string;
  }[];
  return rows.map((r) => {
    const device = visitDevice.get(r.visit_id);
    const answer = answers.get(r.recommendation_id);
    return {
      facilityId: (device && deviceFacility.get(device)) ?? null,
      visitId: r.visit_id,
      visitedFrom: r.visited_from,
      issuedAt: r.issued_at,
      dueDate: r.due_date,
      answeredAt: answer?.firstAt ?? null,
      answer: answer?.status ?? null,
    };
  });
}

function inquiries(store: ReadStore): InquiryRecord[] {
  const told = new Map<string, { firstAt: string; outcome: InquiryRecord['outcome'] }>();
  // In the order the console recorded them (an answer's id is its event's): two answers in one second keep their order.
  const answers = store.q
    .prepared(
      'SELECT a.inquiry_id AS inquiry_id, a.outcome AS outcome, a.told_at AS told_at FROM tracing_inquiry_answers a LEFT JOIN events e ON e.event_id = a.answer_id ORDER BY e.local_seq, a.recorded_at',
    )
    .all() as {
    inquiry_id: string;
    outcome: string;
    told_at: string;
  }[];
  for (const a of answers) {
    const outcome = answerOutcome.safeParse(a.outcome);
    const held = told.get(a.inquiry_id);
    told.set(a.inquiry_id, { firstAt: held && held.firstAt < a.told_at ? held.firstAt : a.told_at, outcome: outcome.success ? outcome.data : (held?.outcome ?? null) });
  }
  const rows = store.q.prepared('SELECT inquiry_id, received_on, due_on, status FROM tracing_inquiries ORDER BY received_on, inquiry_id').all() as {
    inquiry_id: string;
    received_on: string;
    due_on: string;
    status: string;
  }[];
  return rows.map((r) => ({
    receivedOn: r.received_on,
    dueOn: r.due_on,
    status: r.status === 'answered' || r.status === 'closed' ? r.status : 'open',
    answeredAt: told.get(r.inquiry_id)?.firstAt ?? null,
    outcome: told.get(r.inquiry_id)?.outcome ?? null,
  }));
}
