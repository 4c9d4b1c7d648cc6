import type { OutcomeType } from '../episode';
import { nationalityRows } from './asylum';
import { bucketOf, countTable, facilityRows, inPeriod, keyed, periodBuckets, type ComputedTable, type FactRow, type ReportContext } from './table';

/**
 * Removals, voluntary departures, assisted returns and readmissions, by destination (docs/domain.md §6
 * "Removals by type (expulsion, readmission, deportation, AVR) and destination", issue #16 §1): every
 * episode closed on a local day of the period, by how it ended. A period figure only.
 */

export const exitGroups = ['expelled', 'readmission', 'voluntary', 'avr', 'released', 'status', 'transferred', 'other'] as const;
export type ExitGroup = (typeof exitGroups)[number];

/**
 * How each outcome is grouped. A trafficking victim's residence permit is protection data (core/exits.ts
 * restrictedOutcomes): it is one of the ways a status is granted, never a group of its own.
 */
export const exitGroupOf: Record<OutcomeType, ExitGroup> = {
  expelled: 'expelled',
  deported_readmission: 'readmission',
  departed_voluntarily: 'voluntary',
  avr_iom: 'avr',
  released_term_expired: 'released',
  released_decision: 'released',
  refugee_status: 'status',
  regularised: 'status',
  thb_residence_permit: 'status',
  transferred_shelter: 'transferred',
  transferred_child_care: 'transferred',
  transferred_hospital: 'transferred',
  transferred_criminal_custody: 'transferred',
  died: 'other',
  escaped: 'other',
};

/** The ways out that take the person to another state, each towards a destination. */
const departures = ['expelled', 'readmission', 'voluntary', 'avr'] as const satisfies readonly ExitGroup[];
const isDeparture = (g: ExitGroup): g is (typeof departures)[number] => (departures as readonly ExitGroup[]).includes(g);

export function removalsReport(ctx: ReportContext): ComputedTable[] {
  const buckets = periodBuckets(ctx.filter);
  const exits = ctx.rows.filter((r) => r.outcome !== null && inPeriod(ctx.filter, r.closedDay));
  // Only exits reach the callbacks below: each has its outcome and its day.
  const group = (r: FactRow) => exitGroupOf[r.outcome!];

  const overTime = countTable(
    { id: 'removals_over_time', titleKey: 'report.removals_over_time.title', descriptionKey: 'report.removals_over_time.desc', rowHeaderKey: 'report.dim.period', chart: 'stacked' },
    buckets,
    keyed('exit', exitGroups),
    exits,
    (r) => [[bucketOf(buckets, r.closedDay!), group(r)]],
  );

  // A departure without a destination on record shows as unknown rather than vanishing from the total.
  const byDestination = countTable(
    {
      id: 'removals_by_destination',
      titleKey: 'report.removals_by_destination.title',
      descriptionKey: 'report.removals_by_destination.desc',
      rowHeaderKey: 'report.dim.destination',
      chart: 'stacked',
    },
    nationalityRows().filter((row) => row.key !== 'STATELESS'),
    keyed('exit', departures),
    exits,
    (r) => {
      const g = group(r);
      return isDeparture(g) ? [[r.destination ?? 'UNKNOWN', g]] : [];
    },
    { keepEmptyRows: false },
  );

  // The centre the person left from: the one holding them at the exit (a transfer received included).
  const byFacility = countTable(
    { id: 'removals_by_facility', titleKey: 'report.removals_by_facility.title', descriptionKey: 'report.removals_by_facility.desc', rowHeaderKey: 'report.dim.facility', chart: 'stacked' },
    facilityRows(ctx),
    keyed('exit', exitGroups),
    exits,
    (r) => (r.currentFacility === null ? [] : [[r.currentFacility, group(r)]]),
  );

  return [overTime, byDestination, byFacility];
}
