import { describe, expect, it } from 'vitest';
import { href, parseHash } from '../../../../../renderer/routes';
import { filterOf, parseReportsQuery, reportsQuery, withReport } from '../../../../../renderer/screens/hq/reports/route';

describe('the Reports screen’s address', () => {
  it('holds the report and every filter, and reads back as itself', () => {
    const address = {
      report: 'admissions' as const,
      from: '2026-09-01',
      to: '2026-11-30',
      facilityId: '3f555ef0-13f5-4ec8-b7bf-612e3fe4b8a9',
      nationality: 'AFG',
      sex: 'female' as const,
      ageBand: '18_34' as const,
      regime: 'forced_court' as const,
    };
    const link = href({ name: 'hqReports', ...address });
    expect(link).toBe('#/hq/reports?report=admissions&from=2026-09-01&to=2026-11-30&facility=3f555ef0-13f5-4ec8-b7bf-612e3fe4b8a9&nationality=AFG&sex=female&age=18_34&regime=forced_court');
    expect(parseHash(link)).toEqual({ name: 'hqReports', ...address });
  });

  it('opens the occupancy report over the last quarter when the address names nothing', () => {
    const route = parseHash('#/hq/reports');
    expect(route).toEqual({ name: 'hqReports', report: 'occupancy', facilityId: null, nationality: null, sex: null, ageBand: null, regime: null });
    expect(href(route)).toBe('#/hq/reports?report=occupancy');
    expect(filterOf(parseReportsQuery(new URLSearchParams()), '2026-12-07')).toEqual({
      from: '2026-09-09',
      to: '2026-12-07',
      facilityId: null,
      nationality: null,
      sex: null,
      ageBand: null,
      regime: null,
    });
  });

  it('drops what the address cannot mean instead of asking the server for it', () => {
    const a = parseReportsQuery(new URLSearchParams('report=budget&from=2026-12-01&to=2026-11-01&nationality=XXX&sex=robot&age=teen&regime=any'));
    expect(a).toEqual({ report: 'occupancy', facilityId: null, nationality: null, sex: null, ageBand: null, regime: null });
    // A stateless person is a nationality of the filter, not an unknown code.
    expect(parseReportsQuery(new URLSearchParams('nationality=STATELESS')).nationality).toBe('STATELESS');
  });

  it('picking another report keeps the filters', () => {
    const a = parseReportsQuery(new URLSearchParams('report=admissions&from=2026-11-01&to=2026-11-30&sex=male'));
    expect(reportsQuery(withReport(a, 'asylum'))).toBe('report=asylum&from=2026-11-01&to=2026-11-30&sex=male');
  });
});
