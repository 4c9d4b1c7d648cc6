import { nationalityCodes } from '../../../../core/countries';
import { regimes, type Regime } from '../../../../core/episode';
import { sexes } from '../../../../core/person';
import { ageBands, reportIds, type AgeBand, type ReportFilter, type ReportId } from '../../../../core/reports/model';
import { isIsoDate, lastDays } from '../model';

/**
 * The Reports screen's address (issue #16 §1): the report and every filter are in it, so Back from a
 * person returns to the same figures and a view can be shared. Anything the address cannot mean (an
 * unknown report, a half period, a made-up nationality) is dropped rather than refused.
 */
type Sex = (typeof sexes)[number];

export interface ReportsAddress {
  report?: ReportId;
  from?: string;
  to?: string;
  facilityId?: string | null;
  /** ISO alpha-3, or STATELESS */
  nationality?: string | null;
  sex?: Sex | null;
  ageBand?: AgeBand | null;
  regime?: Regime | null;
}

export const defaultReport: ReportId = 'occupancy';
/** A quarter: long enough that the monthly series have more than one point. */
export const defaultReportDays = 90;

const known = new Set(nationalityCodes);
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null => ((list as readonly (string | null)[]).includes(v) ? (v as T) : null);

export function parseReportsQuery(params: URLSearchParams): ReportsAddress {
  const from = params.get('from');
  const to = params.get('to');
  const nationality = params.get('nationality');
  const facility = params.get('facility');
  return {
    report: oneOf(reportIds, params.get('report')) ?? defaultReport,
    ...(isIsoDate(from) && isIsoDate(to) && from <= to ? { from, to } : {}),
    facilityId: facility && facility.length <= 100 ? facility : null,
    nationality: nationality === 'STATELESS' || (nationality !== null && known.has(nationality)) ? nationality : null,
    sex: oneOf(sexes, params.get('sex')),
    ageBand: oneOf(ageBands, params.get('age')),
    regime: oneOf(regimes, params.get('regime')),
  };
}

/** The query string of an address, in a fixed order and without the filters not set. */
export function reportsQuery(a: ReportsAddress): string {
  const q = new URLSearchParams();
  q.set('report', a.report ?? defaultReport);
  if (a.from && a.to) {
    q.set('from', a.from);
    q.set('to', a.to);
  }
  if (a.facilityId) q.set('facility', a.facilityId);
  if (a.nationality) q.set('nationality', a.nationality);
  if (a.sex) q.set('sex', a.sex);
  if (a.ageBand) q.set('age', a.ageBand);
  if (a.regime) q.set('regime', a.regime);
  return q.toString();
}

/** The filter the server is asked for: the address's, the period defaulting to the last quarter up to today. */
export function filterOf(a: ReportsAddress, today: string): ReportFilter {
  const period = a.from && a.to ? { from: a.from, to: a.to } : lastDays(today, defaultReportDays);
  return {
    ...period,
    facilityId: a.facilityId ?? null,
    nationality: a.nationality ?? null,
    sex: a.sex ?? null,
    ageBand: a.ageBand ?? null,
    regime: a.regime ?? null,
  };
}

/** The same filters on another report: picking a report keeps what the analyst chose. */
export function withReport(a: ReportsAddress, report: ReportId): ReportsAddress {
  return { ...a, report };
}
