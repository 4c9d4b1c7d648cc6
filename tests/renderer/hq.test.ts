import { describe, expect, it } from 'vitest';
import { complianceIssues, type ComplianceFigures } from '../../core/contract/hq';
import { createIntl } from 'react-intl';
import { catalogs } from '../../core/i18n';
import { href, parseHash, type Route } from '../../renderer/routes';
import { figureColumns, issueTitle, lastDays, nextSort, sortFacilities, staleness } from '../../renderer/screens/hq/model';

const hour = 3_600_000;
const now = Date.parse('2026-11-23T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('HQ console addresses', () => {
  it('every HQ screen has one address that reads back as itself', () => {
    const routes: Route[] = [
      { name: 'hqFacilities' },
      { name: 'hqCompliance' },
      { name: 'hqCompliance', from: '2026-10-25', to: '2026-11-23' },
      { name: 'hqCases', from: '2026-10-25', to: '2026-11-23', issue: 'rights_late', facilityId: '3f555ef0-13f5-4ec8-b7bf-612e3fe4b8a9' },
      { name: 'hqCases', from: '2026-10-25', to: '2026-11-23', issue: 'child', facilityId: null },
    ];
    for (const r of routes) expect(parseHash(href(r))).toEqual(r);
  });

  it('a cases address without a valid period or figure falls back to the overview', () => {
    expect(parseHash('#/hq/cases?from=2026-11-01&to=2026-11-23&issue=everything')).toEqual({ name: 'hqCompliance' });
    expect(parseHash('#/hq/cases?from=yesterday&to=2026-11-23&issue=child')).toEqual({ name: 'hqCompliance' });
    expect(parseHash('#/hq/compliance?from=2026-13-45&to=2026-11-23')).toEqual({ name: 'hqCompliance' });
    expect(parseHash('#/hq/nowhere')).toEqual({ name: 'home' });
  });
});

describe('device staleness', () => {
  const device = (lastPushAt: string | null, enrolledAt = ago(200 * hour), revokedAt: string | null = null) => ({ lastPushAt, enrolledAt, revokedAt });
  const byDefault = { amber: 24, red: 72 };

  it('is fresh within a day of the last push, amber after 24 h, red after 72 h', () => {
    expect(staleness(device(ago(2 * hour)), now, byDefault)).toBe('fresh');
    expect(staleness(device(ago(24 * hour - 1)), now, byDefault)).toBe('fresh');
    expect(staleness(device(ago(25 * hour)), now, byDefault)).toBe('amber');
    expect(staleness(device(ago(72 * hour + 60_000)), now, byDefault)).toBe('red');
  });

  it('follows the console’s settings: with amber at 6 h and red at 12 h, a device silent for 8 h is amber and for 13 h red', () => {
    const tight = { amber: 6, red: 12 };
    expect(staleness(device(ago(5 * hour)), now, tight)).toBe('fresh');
    expect(staleness(device(ago(8 * hour)), now, tight)).toBe('amber');
    expect(staleness(device(ago(13 * hour)), now, tight)).toBe('red');
    expect(staleness(device(null, ago(8 * hour)), now, tight)).toBe('amber');
  });

  it('judges a device that never pushed by its enrollment, and a revoked one not at all', () => {
    expect(staleness(device(null, ago(hour)), now, byDefault)).toBe('new');
    expect(staleness(device(null, ago(30 * hour)), now, byDefault)).toBe('amber');
    expect(staleness(device(null, ago(100 * hour)), now, byDefault)).toBe('red');
    expect(staleness(device(ago(500 * hour), ago(600 * hour), ago(400 * hour)), now, byDefault)).toBe('revoked');
  });

  it('the legend and the device states say the thresholds the settings give, in every language', () => {
    for (const locale of ['az', 'en', 'ru'] as const) {
      const intl = createIntl({ locale, messages: catalogs[locale] });
      const legend = intl.formatMessage({ id: 'hq.facilities.staleLegend' }, { amber: 6, red: 36 });
      expect(legend, locale).toMatch(/\b6\b[^]*\b36\b/);
      expect(legend, locale).not.toMatch(/24|72/);
      for (const [key, n] of [
        ['hq.device.state.fresh', 6],
        ['hq.device.state.amber', 6],
        ['hq.device.state.red', 36],
      ] as const) {
        expect(intl.formatMessage({ id: key }, { amber: 6, red: 36 }), `${locale} ${key}`).toContain(String(n));
      }
    }
  });
});

describe('the compliance period', () => {
  it('defaults to the last 30 days including today, across month and year ends', () => {
    expect(lastDays('2026-11-23', 30)).toEqual({ from: '2026-10-25', to: '2026-11-23' });
    expect(lastDays('2027-01-05', 7)).toEqual({ from: '2026-12-30', to: '2027-01-05' });
  });
});

describe('the facilities table', () => {
  const figures = (f: Partial<ComplianceFigures>): ComplianceFigures => ({
    episodes: 0,
    rightsWithinLimit: 0,
    rightsLate: 0,
    rightsMissing: 0,
    consularSent: 0,
    consularBlocked: 0,
    consularOverdue: 0,
    medianHoursToDefender: null,
    withoutDefender: 0,
    overdueNow: 0,
    childrenHeldNow: 0,
    heldNow: 0,
    disclosureConflicts: 0,
    disclosureUnreviewed: 0,
    asylumRequests: 0,
    asylumPendingNow: 0,
    nonRefoulementHoldsNow: 0,
    rightsDraftLetter: 0,
    contactRefusalsLawyer: 0,
    contactRefusalsOmbudsman: 0,
    contactRefusalsUnreviewed: 0,
    ...f,
  });
  const rows = [
    { name: 'Yevlax', ...figures({ childrenHeldNow: 1, medianHoursToDefender: 5 }) },
    { name: 'Bakı', ...figures({ childrenHeldNow: 0, medianHoursToDefender: null }) },
    { name: 'Astara', ...figures({ childrenHeldNow: 2, medianHoursToDefender: 9 }) },
  ];
  const names = (r: { name: string }[]) => r.map((x) => x.name);

  it('sorts a number largest first on the first click, and the other way on the second', () => {
    const first = nextSort({ by: 'name', direction: 'asc' }, 'childrenHeldNow');
    expect(first).toEqual({ by: 'childrenHeldNow', direction: 'desc' });
    expect(names(sortFacilities(rows, first, 'az'))).toEqual(['Astara', 'Yevlax', 'Bakı']);
    expect(names(sortFacilities(rows, nextSort(first, 'childrenHeldNow'), 'az'))).toEqual(['Bakı', 'Yevlax', 'Astara']);
  });

  it('puts a facility without a median last whichever way, and names in the language’s order', () => {
    expect(names(sortFacilities(rows, { by: 'medianHoursToDefender', direction: 'desc' }, 'az'))).toEqual(['Astara', 'Yevlax', 'Bakı']);
    expect(names(sortFacilities(rows, { by: 'medianHoursToDefender', direction: 'asc' }, 'az'))).toEqual(['Yevlax', 'Astara', 'Bakı']);
    expect(names(sortFacilities(rows, { by: 'name', direction: 'asc' }, 'az'))).toEqual(['Astara', 'Bakı', 'Yevlax']);
  });

  it('links every figure that has people behind it, and each such figure has a title in every language', () => {
    expect(new Set(figureColumns.flatMap((c) => (c.issue ? [c.issue] : [])))).toEqual(new Set(complianceIssues));
    for (const locale of ['az', 'en', 'ru'] as const) {
      for (const issue of complianceIssues) expect(catalogs[locale][issueTitle[issue]], `${locale} ${issue}`).toBeTruthy();
    }
  });
});
