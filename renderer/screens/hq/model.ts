import { complianceIssues, type ComplianceFigures, type ComplianceIssue } from '../../../core/contract/hq';
import type { MessageKey } from '../../../core/i18n';

/**
 * The HQ console's screen logic that does not need React: how stale a device is, the default period,
 * and sorting the facilities table. Kept apart so that tests can check it without a browser.
 */

const hour = 3_600_000;
const day = 24 * hour;

/**
 * A device that has not pushed for a day is worth a phone call; for three days, something is wrong (a
 * broken laptop, a centre off the network). These are display thresholds, not legal deadlines: the
 * console's settings fleetStaleAmberHours and fleetStaleRedHours, which hq.facilities hands over.
 */
export interface StaleAfterHours {
  amber: number;
  red: number;
}

export type Staleness = 'revoked' | 'fresh' | 'new' | 'amber' | 'red';

export function staleness(device: { revokedAt: string | null; lastPushAt: string | null; enrolledAt: string }, now: number, after: StaleAfterHours): Staleness {
  if (device.revokedAt) return 'revoked';
  // A device that never pushed is judged from its enrollment: a fresh one simply has not synced yet.
  const since = device.lastPushAt ?? device.enrolledAt;
  const age = now - Date.parse(since);
  if (age > after.red * hour) return 'red';
  if (age > after.amber * hour) return 'amber';
  return device.lastPushAt ? 'fresh' : 'new';
}

/** YYYY-MM-DD shifted by whole days (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * day).toISOString().slice(0, 10);
}

/** The last `days` days up to and including `today`. */
export function lastDays(today: string, days: number): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

export const defaultPeriodDays = 30;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
export const isIsoDate = (s: string | null | undefined): s is string => !!s && isoDate.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export function isComplianceIssue(s: string | null | undefined): s is ComplianceIssue {
  return !!s && (complianceIssues as readonly string[]).includes(s);
}

/** Columns of the facilities table, in order; `issue` names the cases behind a figure, when there are any. */
export type FigureKey = keyof ComplianceFigures;
export interface FigureColumn {
  figure: FigureKey;
  label: MessageKey;
  group: 'period' | 'rights' | 'consular' | 'defender' | 'protection' | 'now';
  issue: ComplianceIssue | null;
  /** shown red when above zero */
  alarm?: boolean;
}

export const figureColumns: readonly FigureColumn[] = [
  { figure: 'episodes', label: 'hq.fig.episodes', group: 'period', issue: null },
  { figure: 'rightsWithinLimit', label: 'hq.fig.rightsWithin', group: 'rights', issue: null },
  { figure: 'rightsLate', label: 'hq.fig.rightsLate', group: 'rights', issue: 'rights_late' },
  { figure: 'rightsMissing', label: 'hq.fig.rightsMissing', group: 'rights', issue: 'rights_missing', alarm: true },
  // Rights explained with a letter no lawyer has reviewed (issue #11 §7): allowed, but HQ should see it.
  { figure: 'rightsDraftLetter', label: 'hq.fig.rightsDraftLetter', group: 'rights', issue: 'rights_draft_letter' },
  { figure: 'consularSent', label: 'hq.fig.consularSent', group: 'consular', issue: null },
  { figure: 'consularBlocked', label: 'hq.fig.consularBlocked', group: 'consular', issue: 'consular_blocked' },
  { figure: 'consularOverdue', label: 'hq.fig.consularOverdue', group: 'consular', issue: 'consular_overdue', alarm: true },
  // Every disclosure conflict on record, whatever the period (docs/domain.md §5 rule 3, issue #11).
  { figure: 'disclosureConflicts', label: 'hq.fig.disclosureConflicts', group: 'consular', issue: 'consular_disclosure', alarm: true },
  { figure: 'medianHoursToDefender', label: 'hq.fig.medianDefender', group: 'defender', issue: null },
  { figure: 'withoutDefender', label: 'hq.fig.withoutDefender', group: 'defender', issue: 'without_defender' },
  // A refused lawyer or ombudsman is a safeguard failure (issue #15 §1), by the day of the refusal.
  { figure: 'contactRefusalsLawyer', label: 'hq.fig.contactRefusalsLawyer', group: 'defender', issue: 'contact_refused', alarm: true },
  { figure: 'contactRefusalsOmbudsman', label: 'hq.fig.contactRefusalsOmbudsman', group: 'defender', issue: 'contact_refused', alarm: true },
  // What docs/domain.md §6 asks for first (issue #11 §8): claims made in the period, and today's pending claims and removal holds.
  { figure: 'asylumRequests', label: 'hq.fig.asylumRequests', group: 'protection', issue: 'asylum_requests' },
  { figure: 'asylumPendingNow', label: 'hq.fig.asylumPendingNow', group: 'protection', issue: 'asylum_pending' },
  { figure: 'nonRefoulementHoldsNow', label: 'hq.fig.nonRefoulementHoldsNow', group: 'protection', issue: 'nonrefoulement_hold' },
  { figure: 'overdueNow', label: 'hq.fig.overdueNow', group: 'now', issue: 'overdue', alarm: true },
  { figure: 'childrenHeldNow', label: 'hq.fig.childrenHeldNow', group: 'now', issue: 'child', alarm: true },
  { figure: 'heldNow', label: 'hq.fig.heldNow', group: 'now', issue: null },
];

export type SortKey = 'name' | FigureKey;
export interface Sort {
  by: SortKey;
  direction: 'asc' | 'desc';
}

/** Numbers sort largest first on the first click (the worst facility on top); names A to Z. */
export function nextSort(current: Sort, by: SortKey): Sort {
  if (current.by === by) return { by, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { by, direction: by === 'name' ? 'asc' : 'desc' };
}

/** A stable sort; a missing median goes last whichever way. */
export function sortFacilities<T extends ComplianceFigures & { name: string }>(rows: readonly T[], sort: Sort, locale: string): T[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(locale);
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      let c: number;
      if (sort.by === 'name') c = sign * collator.compare(a.row.name, b.row.name);
      else {
        const x = a.row[sort.by];
        const y = b.row[sort.by];
        if (x === null || y === null) c = x === y ? 0 : x === null ? 1 : -1;
        else c = sign * (x - y);
      }
      return c || a.index - b.index;
    })
    .map((r) => r.row);
}

/** Issues about today's situation: their cases ignore the period. */
export const nowIssues: ReadonlySet<ComplianceIssue> = new Set(['overdue', 'child', 'consular_disclosure', 'asylum_pending', 'nonrefoulement_hold']);

export const issueTitle: Record<ComplianceIssue, MessageKey> = {
  rights_late: 'hq.issue.rights_late',
  rights_missing: 'hq.issue.rights_missing',
  consular_blocked: 'hq.issue.consular_blocked',
  consular_overdue: 'hq.issue.consular_overdue',
  without_defender: 'hq.issue.without_defender',
  overdue: 'hq.issue.overdue',
  child: 'hq.issue.child',
  consular_disclosure: 'hq.issue.consular_disclosure',
  asylum_requests: 'hq.issue.asylum_requests',
  asylum_pending: 'hq.issue.asylum_pending',
  nonrefoulement_hold: 'hq.issue.nonrefoulement_hold',
  rights_draft_letter: 'hq.issue.rights_draft_letter',
  contact_refused: 'hq.issue.contact_refused',
};
