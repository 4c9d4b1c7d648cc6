import type { ReceivedRecommendation } from './extras';
import { facilityRows, inPeriod, keyed, recordTable, type ComputedTable, type ReportContext } from './table';

/**
 * Ombudsman oversight (docs/domain.md §6 "NPM visits and recommendation implementation rate", issue #16
 * §1): what the centres received from the office and what they answered. Records, not people: nothing
 * opens. The office's sealed content (interviews, its notes) never reaches SMS, and what it verifies on a
 * follow-up visit stays with it: "implemented" is not known here, only what each centre answered it would do.
 *
 * Period figures go by the local day the office issued the recommendations (a visit by its first day);
 * the person filters (nationality, sex, age band, regime) do not apply to these records, the facility does.
 */

/** Not an HQ facility id (those are enrolment ids): the row of files no facility is known for. */
const unknownKey = 'facility_unknown';
const unknownFacility = { key: unknownKey, label: { kind: 'message' as const, id: 'report.ombudsman.unknownFacility' } };

export function ombudsmanReport(ctx: ReportContext): ComputedTable[] {
  const { filter: f } = ctx;
  const today = ctx.dayOf(new Date(ctx.now).toISOString());
  const mine = ctx.extras.recommendations.filter((r) => f.facilityId === null || r.facilityId === f.facilityId);
  // A file recorded by a device HQ does not place at a facility still counts, on a row of its own.
  const rows = [...facilityRows(ctx), ...(mine.some((r) => r.facilityId === null) ? [unknownFacility] : [])];
  const rowOf = new Map(rows.map((row, i) => [row.key, i]));
  const issued = mine.filter((r) => inPeriod(f, ctx.dayOf(r.issuedAt)));

  const tally = <C extends string>(
    columns: readonly C[],
    items: readonly ReceivedRecommendation[],
    cellOf: (r: ReceivedRecommendation) => C | null,
    distinct?: (r: ReceivedRecommendation) => string,
  ) => {
    const cells = rows.map(() => columns.map(() => 0));
    const seen = new Set<string>();
    for (const r of items) {
      const i = rowOf.get(r.facilityId ?? unknownKey);
      const c = cellOf(r);
      if (i === undefined || c === null) continue;
      if (distinct) {
        const k = `${i}\u0000${c}\u0000${distinct(r)}`;
        if (seen.has(k)) continue;
        seen.add(k);
      }
      cells[i]![columns.indexOf(c)]! += 1;
    }
    return cells;
  };

  // A visit counts once per centre, by its first day, when the centre received recommendations from it.
  const visits = recordTable(
    { id: 'ombudsman_visits', titleKey: 'report.ombudsman_visits.title', descriptionKey: 'report.ombudsman_visits.desc', rowHeaderKey: 'report.dim.facility', chart: 'bar' },
    rows,
    keyed('ombudsman', ['visits']),
    tally(
      ['visits'] as const,
      mine.filter((r) => inPeriod(f, r.visitedFrom)),
      () => 'visits',
      (r) => r.visitId,
    ),
  );

  // Each recommendation issued in the period, by where its answer stands today (an answer on the due day is in time).
  const responseColumns = ['answered_in_time', 'answered_late', 'overdue', 'awaited'] as const;
  const responses = recordTable(
    { id: 'ombudsman_responses', titleKey: 'report.ombudsman_responses.title', descriptionKey: 'report.ombudsman_responses.desc', rowHeaderKey: 'report.dim.facility', chart: 'stacked' },
    rows,
    keyed('ombudsman', responseColumns),
    tally(responseColumns, issued, (r) => (r.answeredAt !== null ? (ctx.dayOf(r.answeredAt) <= r.dueDate ? 'answered_in_time' : 'answered_late') : today > r.dueDate ? 'overdue' : 'awaited')),
  );

  const answerColumns = ['accepted', 'partially_accepted', 'rejected'] as const;
  const answers = recordTable(
    { id: 'ombudsman_answers', titleKey: 'report.ombudsman_answers.title', descriptionKey: 'report.ombudsman_answers.desc', rowHeaderKey: 'report.dim.facility', chart: 'stacked' },
    rows,
    keyed('ombudsman', answerColumns),
    tally(answerColumns, issued, (r) => r.answer),
  );

  return [visits, responses, answers];
}
