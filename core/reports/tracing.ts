import { isOverdue } from '../tracing';
import type { InquiryRecord } from './extras';
import { bucketOf, inPeriod, keyed, periodBuckets, recordTable, type ComputedTable, type ReportContext } from './table';

/**
 * Tracing inquiries (docs/domain.md §9, issue #16 §1): the inquiries HQ received in the period, by the
 * month (or day, or year) received and where each stands today. HQ's own records, not people: nothing
 * opens, and the person filters do not apply.
 *
 * An answer that may not say where the person is (a protection case without consent, a refused contact)
 * is "withheld"; an inquiry still open after its due day is overdue (core/tracing.ts isOverdue).
 */

const standing = ['open', 'overdue', 'located', 'not_located', 'withheld', 'closed'] as const;
type Standing = (typeof standing)[number];

export function tracingReport(ctx: ReportContext): ComputedTable[] {
  const { filter: f } = ctx;
  const today = ctx.dayOf(new Date(ctx.now).toISOString());
  const buckets = periodBuckets(f);
  const received = ctx.extras.inquiries.filter((i) => inPeriod(f, i.receivedOn));

  const standingOf = (i: InquiryRecord): Standing => {
    if (i.status === 'open') return isOverdue('open', i.dueOn, today) ? 'overdue' : 'open';
    // Closed without an answer is closed; an answer, even on a closed inquiry, says what the requester was told.
    if (i.outcome === null) return 'closed';
    return i.outcome === 'contact_refused' ? 'withheld' : i.outcome;
  };
  const tally = <C extends string>(columns: readonly C[], cellOf: (i: InquiryRecord) => C | null) => {
    const cells = buckets.map(() => columns.map(() => 0));
    const rowOf = new Map(buckets.map((b, n) => [b.key, n]));
    for (const i of received) {
      const c = cellOf(i);
      const n = rowOf.get(bucketOf(buckets, i.receivedOn));
      if (c !== null && n !== undefined) cells[n]![columns.indexOf(c)]! += 1;
    }
    return cells;
  };

  const inquiries = recordTable(
    { id: 'tracing_inquiries', titleKey: 'report.tracing_inquiries.title', descriptionKey: 'report.tracing_inquiries.desc', rowHeaderKey: 'report.dim.periodReceived', chart: 'stacked' },
    buckets,
    keyed('tracing', standing),
    tally(standing, standingOf),
  );

  // The requester told by the due day (its end included), or after it.
  const timeliness = ['answered_in_time', 'answered_late'] as const;
  const answered = recordTable(
    { id: 'tracing_timeliness', titleKey: 'report.tracing_timeliness.title', descriptionKey: 'report.tracing_timeliness.desc', rowHeaderKey: 'report.dim.periodReceived', chart: 'stacked' },
    buckets,
    keyed('tracing', timeliness),
    tally(timeliness, (i) => (i.answeredAt === null ? null : ctx.dayOf(i.answeredAt) <= i.dueOn ? 'answered_in_time' : 'answered_late')),
  );

  return [inquiries, answered];
}
