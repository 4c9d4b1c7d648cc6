import { sexes } from '../person';
import { ageBands } from './model';
import { bucketOf, countTable, inPeriod, keyed, message, periodBuckets, type ComputedTable, type ReportContext } from './table';

/**
 * Admissions and exits per period, and admissions by nationality, sex and age band (docs/domain.md §6;
 * the figures a UN mandate-holder asks for). An admission counts on the local day of the apprehension,
 * an exit on the day the stay closed.
 */
export function admissionsReport(ctx: ReportContext): ComputedTable[] {
  const f = ctx.filter;
  const buckets = periodBuckets(f);
  const sexColumns = keyed('sex', sexes);
  const admitted = ctx.rows.filter((r) => inPeriod(f, r.apprehendedDay));
  const flow = countTable(
    { id: 'admissions_flow', titleKey: 'report.admissions_flow.title', descriptionKey: 'report.admissions_flow.desc', rowHeaderKey: 'report.dim.period', chart: 'line' },
    buckets,
    [
      { key: 'admitted', label: message('report.col.admitted') },
      { key: 'exited', label: message('report.col.exited') },
    ],
    ctx.rows,
    (r) => [
      ...(inPeriod(f, r.apprehendedDay) ? [[bucketOf(buckets, r.apprehendedDay), 'admitted'] as const] : []),
      ...(r.closedDay !== null && inPeriod(f, r.closedDay) ? [[bucketOf(buckets, r.closedDay), 'exited'] as const] : []),
    ],
    { totals: false },
  );
  const nationalities = [...new Set(admitted.map((r) => r.nationality))].sort();
  const byNationality = countTable(
    { id: 'admissions_nationality', titleKey: 'report.admissions_nationality.title', descriptionKey: 'report.admissions_nationality.desc', rowHeaderKey: 'report.dim.nationality', chart: 'stacked' },
    nationalities.map((code) => ({ key: code, label: code === 'STATELESS' || code === 'UNKNOWN' ? message(`report.nationality.${code}`) : { kind: 'country' as const, code } })),
    sexColumns,
    admitted,
    (r) => [[r.nationality, r.sex]],
    { keepEmptyRows: false },
  );
  // Most frequent first: the first rows are the ones a reader looks for.
  const order = byNationality.rows.map((_, i) => i).sort((a, b) => sum(byNationality.cells[b]!) - sum(byNationality.cells[a]!) || (byNationality.rows[a]!.key < byNationality.rows[b]!.key ? -1 : 1));
  const sorted = { ...byNationality, rows: order.map((i) => byNationality.rows[i]!), cells: order.map((i) => byNationality.cells[i]!), members: order.map((i) => byNationality.members![i]!) };
  const byAge = countTable(
    { id: 'admissions_age', titleKey: 'report.admissions_age.title', descriptionKey: 'report.admissions_age.desc', rowHeaderKey: 'report.dim.ageBand', chart: 'stacked' },
    keyed('age', ageBands),
    sexColumns,
    admitted,
    (r) => [[r.ageBand, r.sex]],
  );
  return [flow, sorted, byAge];
}

const sum = (xs: readonly (number | null)[]) => xs.reduce<number>((n, x) => n + (x ?? 0), 0);
