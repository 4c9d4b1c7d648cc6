import { median } from '../compliance';
import { daysHeld } from '../time';
import { countTable, facilityRows, inPeriod, keyed, measureTable, type ComputedTable, type FactRow, type ReportContext } from './table';

/** Length of stay in days, the bands of its distribution (upper bounds, inclusive). */
const stayBands = [
  { key: 'd0', max: 0 },
  { key: 'd1_2', max: 2 },
  { key: 'd3_7', max: 7 },
  { key: 'd8_30', max: 30 },
  { key: 'd31_90', max: 90 },
  { key: 'd91_180', max: 180 },
  { key: 'd181_365', max: 365 },
  { key: 'd366', max: Infinity },
] as const;

/** Term-end bands for people held now (days until the term ends; negative: the term has passed). */
const termBands = ['passed', 'within_7', 'within_30', 'later', 'no_term'] as const;

/**
 * Length of stay as a distribution (stays that ended in the period, and those still running), the median
 * stay per facility, and the people near their term end (docs/domain.md §6).
 */
export function stayReport(ctx: ReportContext): ComputedTable[] {
  const zone = ctx.settings.timeZone;
  const length = (r: FactRow) => daysHeld(Date.parse(r.apprehendedAt), r.closedAt ? Date.parse(r.closedAt) : ctx.now, zone);
  const band = (days: number) => stayBands.find((b) => days <= b.max)!.key;
  const ended = (r: FactRow) => r.closedDay !== null && inPeriod(ctx.filter, r.closedDay);
  const distribution = countTable(
    { id: 'stay_length', titleKey: 'report.stay_length.title', descriptionKey: 'report.stay_length.desc', rowHeaderKey: 'report.dim.stayLength', chart: 'histogram' },
    keyed(
      'stay',
      stayBands.map((b) => b.key),
    ),
    keyed('stayCol', ['ended', 'running']),
    ctx.rows,
    (r) => (ended(r) ? [[band(length(r)), 'ended'] as const] : r.open ? [[band(length(r)), 'running'] as const] : []),
  );
  const facilities = facilityRows(ctx);
  const endedHere = (f: string) => ctx.rows.filter((r) => ended(r) && r.currentFacility === f).map(length);
  const medians = measureTable(
    { id: 'stay_median', titleKey: 'report.stay_median.title', descriptionKey: 'report.stay_median.desc', rowHeaderKey: 'report.dim.facility', chart: 'bar' },
    'days',
    facilities,
    keyed('stayCol', ['ended']),
    facilities.map((f) => [median(endedHere(f.key))]),
    facilities.map((f) => [endedHere(f.key).length]),
  );
  const today = ctx.dayOf(new Date(ctx.now).toISOString());
  const termBand = (r: FactRow): (typeof termBands)[number] => {
    const end = r.facts.termEnd;
    if (!end) return 'no_term';
    const left = daysHeld(Date.parse(`${today}T12:00:00Z`), Date.parse(end), 'UTC');
    return Date.parse(end) < ctx.now ? 'passed' : left <= 7 ? 'within_7' : left <= 30 ? 'within_30' : 'later';
  };
  const nearEnd = countTable(
    { id: 'stay_term_end', titleKey: 'report.stay_term_end.title', descriptionKey: 'report.stay_term_end.desc', rowHeaderKey: 'report.dim.facility', chart: 'stacked' },
    facilities,
    keyed('term', termBands),
    ctx.rows,
    (r) => (r.open && r.currentFacility ? [[r.currentFacility, termBand(r)] as const] : []),
  );
  return [distribution, medians, nearEnd];
}
