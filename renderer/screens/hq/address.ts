import type { ComplianceIssue } from '../../../core/contract/hq';
import { isComplianceIssue, isIsoDate } from './model';
import { parseReportsQuery, reportsQuery, type ReportsAddress } from './reports/route';

/**
 * The HQ console's addresses (renderer/routes.ts delegates `#/hq/...` here). The period and the figure
 * are in the address, so Back from a person returns to the same list and a link can be shared.
 */
export type HqRoute =
  | { name: 'hqFacilities' }
  | { name: 'hqCompliance'; from?: string; to?: string }
  | { name: 'hqCases'; from: string; to: string; issue: ComplianceIssue; facilityId: string | null }
  | { name: 'hqTracing'; status?: TracingFilter }
  | { name: 'hqTracingNew' }
  | { name: 'hqInquiry'; inquiryId: string }
  | { name: 'hqTracingRecords' }
  | ({ name: 'hqReports' } & ReportsAddress);

/** Which inquiries the tracing list shows (issue #14 §3). */
export const tracingFilters = ['open', 'answered', 'closed', 'all'] as const;
export type TracingFilter = (typeof tracingFilters)[number];
const isTracingFilter = (v: string | null): v is TracingFilter => (tracingFilters as readonly (string | null)[]).includes(v);

export function parseHqPath(parts: readonly string[], params: URLSearchParams): HqRoute | null {
  switch (parts[0]) {
    case 'facilities':
      return { name: 'hqFacilities' };
    case 'compliance': {
      const from = params.get('from');
      const to = params.get('to');
      return isIsoDate(from) && isIsoDate(to) ? { name: 'hqCompliance', from, to } : { name: 'hqCompliance' };
    }
    case 'cases': {
      const from = params.get('from');
      const to = params.get('to');
      const issue = params.get('issue');
      if (!isIsoDate(from) || !isIsoDate(to) || !isComplianceIssue(issue)) return { name: 'hqCompliance' };
      return { name: 'hqCases', from, to, issue, facilityId: params.get('facility') || null };
    }
    case 'tracing': {
      if (parts[1] === 'new') return { name: 'hqTracingNew' };
      if (parts[1] === 'records') return { name: 'hqTracingRecords' };
      if (parts[1]) return { name: 'hqInquiry', inquiryId: parts[1] };
      const status = params.get('status');
      return isTracingFilter(status) ? { name: 'hqTracing', status } : { name: 'hqTracing' };
    }
    case 'reports':
      return { name: 'hqReports', ...parseReportsQuery(params) };
    default:
      return null;
  }
}

export function hqHref(route: HqRoute): string {
  switch (route.name) {
    case 'hqFacilities':
      return '#/hq/facilities';
    case 'hqCompliance':
      return route.from && route.to ? `#/hq/compliance?${new URLSearchParams({ from: route.from, to: route.to }).toString()}` : '#/hq/compliance';
    case 'hqCases': {
      const q = new URLSearchParams({ from: route.from, to: route.to, issue: route.issue });
      if (route.facilityId) q.set('facility', route.facilityId);
      return `#/hq/cases?${q.toString()}`;
    }
    case 'hqTracing':
      return route.status && route.status !== 'open' ? `#/hq/tracing?status=${route.status}` : '#/hq/tracing';
    case 'hqTracingNew':
      return '#/hq/tracing/new';
    case 'hqInquiry':
      return `#/hq/tracing/${encodeURIComponent(route.inquiryId)}`;
    case 'hqTracingRecords':
      return '#/hq/tracing/records';
    case 'hqReports':
      return `#/hq/reports?${reportsQuery(route)}`;
  }
}
