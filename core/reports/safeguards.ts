import { median, type EpisodeCompliance } from '../compliance';
import { bucketOf, complianceOf, countTable, facilityRows, inPeriod, keyed, measureTable, periodBuckets, type ComputedTable, type FactRow, type ReportContext } from './table';

/**
 * The safeguards over time (docs/domain.md §6; Migration Code Art. 74.5, Constitution Art. 61): rights
 * explained within the limit, consular notices sent, blocked or overdue, time to a defender, and the
 * interpreters used by language. Counted by the local day of the apprehension.
 */
export function safeguardsReport(ctx: ReportContext): ComputedTable[] {
  const f = ctx.filter;
  const buckets = periodBuckets(f);
  const inP = ctx.rows.filter((r) => inPeriod(f, r.apprehendedDay));
  const compliance = new Map<string, EpisodeCompliance>();
  for (const r of inP) {
    const c = complianceOf(r, ctx.settings, ctx.now);
    if (c) compliance.set(r.episodeId, c);
  }
  const of = (r: FactRow) => compliance.get(r.episodeId);
  const rights = countTable(
    { id: 'safeguards_rights', titleKey: 'report.safeguards_rights.title', descriptionKey: 'report.safeguards_rights.desc', rowHeaderKey: 'report.dim.period', chart: 'stacked' },
    buckets,
    keyed('rights', ['within', 'late', 'missing']),
    inP,
    (r) => {
      const c = of(r);
      return c ? [[bucketOf(buckets, r.apprehendedDay), c.rights]] : [];
    },
  );
  const consular = countTable(
    { id: 'safeguards_consular', titleKey: 'report.safeguards_consular.title', descriptionKey: 'report.safeguards_consular.desc', rowHeaderKey: 'report.dim.period', chart: 'stacked' },
    buckets,
    keyed('consular', ['sent', 'blocked', 'overdue', 'pending', 'none']),
    inP,
    (r) => {
      const c = of(r);
      return c ? [[bucketOf(buckets, r.apprehendedDay), c.consular]] : [];
    },
  );
  const facilities = facilityRows(ctx);
  // One pass: each facility's hours to a defender, for the episodes it admitted.
  const hoursAt = new Map<string, number[]>();
  for (const r of inP) {
    const h = of(r)?.hoursToDefender;
    if (h === undefined || h === null || r.admittedFacility === null) continue;
    const list = hoursAt.get(r.admittedFacility);
    if (list) list.push(h);
    else hoursAt.set(r.admittedFacility, [h]);
  }
  const hours = (facility: string) => hoursAt.get(facility) ?? [];
  const defender = measureTable(
    { id: 'safeguards_defender', titleKey: 'report.safeguards_defender.title', descriptionKey: 'report.safeguards_defender.desc', rowHeaderKey: 'report.dim.facility', chart: 'bar' },
    'hours',
    facilities,
    keyed('defenderCol', ['median']),
    facilities.map((fa) => {
      const m = median(hours(fa.key));
      return [m === null ? null : Math.round(m * 10) / 10];
    }),
    facilities.map((fa) => [hours(fa.key).length]),
  );
  const languages = [...new Set(inP.flatMap((r) => r.interpreterLanguages))].sort();
  const interpreters = countTable(
    { id: 'safeguards_interpreters', titleKey: 'report.safeguards_interpreters.title', descriptionKey: 'report.safeguards_interpreters.desc', rowHeaderKey: 'report.dim.language', chart: 'bar' },
    languages.map((code) => ({ key: code, label: { kind: 'language' as const, code } })),
    keyed('interpreterCol', ['episodes']),
    inP,
    (r) => [...new Set(r.interpreterLanguages)].map((l) => [l, 'episodes'] as const),
    { keepEmptyRows: false, totals: false },
  );
  return [rights, consular, defender, interpreters];
}
