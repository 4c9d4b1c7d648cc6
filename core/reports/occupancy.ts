import { addCalendarDays } from '../time';
import { bucketOf, countTable, facilityRows, measureTable, message, periodBuckets, type ComputedTable, type FactRow, type ReportContext } from './table';

/**
 * Occupancy per facility against its places (docs/domain.md §6): held now, the rate against capacity
 * (a facility's places are HQ's setting), and how many were held at the end of each period bucket.
 * A person is counted at the facility that holds them now, or last held them.
 */
export function occupancyReport(ctx: ReportContext): ComputedTable[] {
  const facilities = facilityRows(ctx);
  const heldNow = countTable(
    { id: 'occupancy_now', titleKey: 'report.occupancy_now.title', descriptionKey: 'report.occupancy_now.desc', rowHeaderKey: 'report.dim.facility', chart: 'bar' },
    facilities,
    [
      { key: 'held', label: message('report.col.heldNow') },
      { key: 'children', label: message('report.col.childrenNow') },
    ],
    ctx.rows,
    (r) => (r.open && r.currentFacility ? [[r.currentFacility, 'held'] as const, ...(r.facts.flags.includes('child') ? [[r.currentFacility, 'children'] as const] : [])] : []),
    { totals: false },
  );
  const held = new Map(heldNow.rows.map((row, i) => [row.key, heldNow.cells[i]![0]!]));
  const rate = measureTable(
    { id: 'occupancy_rate', titleKey: 'report.occupancy_rate.title', descriptionKey: 'report.occupancy_rate.desc', rowHeaderKey: 'report.dim.facility', chart: 'bar' },
    'percent',
    facilities,
    [{ key: 'rate', label: message('report.col.occupancyRate') }],
    facilities.map((f) => {
      const places = ctx.capacities.get(f.key);
      const n = held.get(f.key) ?? 0;
      return [places ? Math.round((n / places) * 1000) / 10 : null];
    }),
    facilities.map((f) => [held.get(f.key) ?? 0]),
  );
  return [heldNow, rate, overTime(ctx)];
}

/** Held at the end of each bucket (today for the bucket still running): the facility's line over time. */
function overTime(ctx: ReportContext): ComputedTable {
  const buckets = periodBuckets(ctx.filter);
  const today = ctx.dayOf(new Date(ctx.now).toISOString());
  const ends = new Map(buckets.map((b, i) => [b.key, lastDayOf(buckets[i + 1] ? dayBefore(buckets[i + 1]!.key) : ctx.filter.to, today)]));
  const heldOn = (r: FactRow, day: string) => r.apprehendedDay <= day && (r.closedDay === null || r.closedDay > day);
  return countTable(
    { id: 'occupancy_over_time', titleKey: 'report.occupancy_over_time.title', descriptionKey: 'report.occupancy_over_time.desc', rowHeaderKey: 'report.dim.period', chart: 'line' },
    buckets,
    facilityRows(ctx),
    ctx.rows,
    (r) => {
      const at = r.currentFacility;
      if (!at) return [];
      return buckets.filter((b) => heldOn(r, ends.get(b.key)!)).map((b) => [bucketOf(buckets, b.key), at] as const);
    },
    { totals: false },
  );
}

/** The day before a bucket key's first day (`2026-03` → 2026-02-28). */
function dayBefore(key: string): string {
  const first = key.length === 10 ? key : key.length === 7 ? `${key}-01` : `${key}-01-01`;
  return addCalendarDays(first, -1);
}

const lastDayOf = (end: string, today: string) => (end < today ? end : today);
