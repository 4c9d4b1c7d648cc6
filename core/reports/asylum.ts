import { nationalityCodes } from '../countries';
import { removalLocks, splitRemovalLocks, type RemovalLockReason } from '../non-refoulement';
import { bucketOf, countTable, inPeriod, keyed, periodBuckets, type ComputedTable, type FactRow, type ReportContext } from './table';

/**
 * Asylum (docs/domain.md §6 "Asylum expressions and outcomes; non-refoulement holds", issue #16 §1).
 * A claim counts in the period of the local day the person asked, wherever the episode began: a claim
 * often comes weeks into a stay. It is forwarded in time when forwarded the same local day (§5 rule 9);
 * the next day or later is late. Holds count the people held today.
 *
 * Claims are counted, not people: a cell opens the episode of each claim (an episode twice if the person
 * asked twice in the same cell, which a new claim after a final refusal can do).
 */

const forwarding = ['same_day', 'late', 'not_yet'] as const;
/**
 * The legal locks (core/non-refoulement.ts splitRemovalLocks): `no_check` is not a hold, `restricted` never
 * computed. A trafficking lock is left out here: its cell would open, to an analyst without protection.read,
 * who is a presumed victim (docs/domain.md §5 rule 6), and so would an "any hold" row less the others. Every
 * presumed victim held is held by it, so the screening report's trafficking table (which opens no one) counts them.
 */
const holdReasons: readonly RemovalLockReason[] = ['asylum_pending', 'refugee', 'not_cleared'];

type Claim = FactRow['facts']['asylum'][number];

export function asylumReport(ctx: ReportContext): ComputedTable[] {
  const { filter: f } = ctx;
  const claimsOf = (r: FactRow) => r.facts.asylum.filter((a) => a.episodeId === r.episodeId);
  const claimsInPeriod = (r: FactRow) => claimsOf(r).filter((a) => inPeriod(f, ctx.dayOf(a.expressedAt)));
  const forwarded = (a: Claim) => (a.forwardedAt === null ? 'not_yet' : ctx.dayOf(a.forwardedAt) === ctx.dayOf(a.expressedAt) ? 'same_day' : 'late');
  const buckets = periodBuckets(f);

  const overTime = countTable(
    { id: 'asylum_expressed', titleKey: 'report.asylum_expressed.title', descriptionKey: 'report.asylum_expressed.desc', rowHeaderKey: 'report.dim.period', chart: 'stacked' },
    buckets,
    keyed('asylum.forwarding', forwarding),
    ctx.rows,
    (r) => claimsInPeriod(r).map((a) => [bucketOf(buckets, ctx.dayOf(a.expressedAt)), forwarded(a)] as const),
  );

  const byNationality = countTable(
    { id: 'asylum_by_nationality', titleKey: 'report.asylum_by_nationality.title', descriptionKey: 'report.asylum_by_nationality.desc', rowHeaderKey: 'report.dim.nationality', chart: 'stacked' },
    nationalityRows(),
    keyed('asylum.forwarding', forwarding),
    ctx.rows,
    (r) => claimsInPeriod(r).map((a) => [r.nationality, forwarded(a)] as const),
    { keepEmptyRows: false },
  );

  // A claim is pending until its final decision; the rows are two populations and do not add up.
  const decided = countTable(
    { id: 'asylum_decision', titleKey: 'report.asylum_decision.title', descriptionKey: 'report.asylum_decision.desc', rowHeaderKey: 'report.dim.population', chart: 'stacked' },
    keyed('asylum.population', ['expressed_in_period', 'held_now']),
    keyed('asylum.decision', ['pending', 'decided']),
    ctx.rows,
    (r) => [
      ...claimsInPeriod(r).map((a) => ['expressed_in_period', a.pending === false ? 'decided' : 'pending'] as const),
      ...(r.open ? claimsOf(r).map((a) => ['held_now', a.pending === false ? 'decided' : 'pending'] as const) : []),
    ],
    { totals: false },
  );

  // The same locks the person's page and the compliance figures rest on; a person may have several.
  const holds = countTable(
    { id: 'asylum_holds', titleKey: 'report.asylum_holds.title', descriptionKey: 'report.asylum_holds.desc', rowHeaderKey: 'report.dim.lockReason', chart: 'bar' },
    keyed('lock', holdReasons),
    keyed('asylum.population', ['held_now']),
    ctx.rows.filter((r) => r.open),
    (r) => {
      const legal = splitRemovalLocks(
        removalLocks({
          asylumPending: r.facts.flags.includes('asylum'),
          refugee: r.facts.flags.includes('refugee'),
          traffickingPresumed: r.facts.flags.includes('trafficking'),
          latestCheck: r.facts.removalCheck ?? null,
        }),
      ).legal;
      return legal.filter((l) => holdReasons.includes(l)).map((l) => [l, 'held_now'] as const);
    },
    { totals: false },
  );

  return [overTime, byNationality, decided, holds];
}

/** Every nationality, then stateless and unknown; empty ones are dropped by the table. */
export function nationalityRows() {
  return [...nationalityCodes.map((code) => ({ key: code, label: { kind: 'country' as const, code } })), ...keyed('nationality', ['STATELESS', 'UNKNOWN'])];
}
