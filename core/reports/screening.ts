import { hours } from '../time';
import { referralStages, referralTypes, vulnerabilityFlags, type VulnerabilityFlag } from '../vulnerability';
import { median } from '../compliance';
import { countTable, facilityRows, inPeriod, keyed, measureTable, type ComputedTable, type FactRow, type ReportContext } from './table';

/**
 * Screening and referrals (docs/domain.md §6 "Screening coverage; referrals by type and outcome; children
 * detained (target 0)", issue #16 §1). Period figures go by the local day of what they count (the
 * screening, the apprehension, the day a child became known to be alone); "now" figures count the
 * episodes open today, wherever they began.
 *
 * A presumed victim of trafficking is a restricted record (docs/domain.md §5 rule 6): an HQ analyst
 * without protection.read may not learn who is one, so the trafficking flag and THB referrals are counted
 * in a table of their own whose cells do not open the people behind them.
 */

const restrictedFlag: VulnerabilityFlag = 'trafficking';
const openFlags = vulnerabilityFlags.filter((f) => f !== restrictedFlag);
const openReferralTypes = referralTypes.filter((t) => t !== 'thb_nrm');
/** a referral recorded but not yet sent has no stage */
const referralColumns = ['recorded', ...referralStages] as const;
const stageOf = (stage: string | null) => stage ?? 'recorded';

/**
 * Children: the bands under 18 by the birth date on record, and a child whose birth date says otherwise or is
 * not known but who is treated as one (an age in doubt, an assessment finding a minor: docs/domain.md §5 rule 5).
 */
const childRows = ['under_14', '14_17', 'age_in_doubt'] as const;
const childRow = (r: FactRow) => (r.ageBand === 'under_14' || r.ageBand === '14_17' ? r.ageBand : 'age_in_doubt');
const isChild = (r: FactRow) => r.facts.flags.includes('child');
const alone = (r: FactRow) => (r.facts.flags.includes('unaccompanied') ? 'unaccompanied' : 'accompanied');

export function screeningReport(ctx: ReportContext): ComputedTable[] {
  const { filter: f } = ctx;
  const screenedInPeriod = (r: FactRow) => r.facts.screenedAt !== null && inPeriod(f, ctx.dayOf(r.facts.screenedAt));
  const began = (r: FactRow) => inPeriod(f, r.apprehendedDay);
  // Screened within screeningHours of admission [D] (docs/domain.md §4), the same limit due-now owes it by; "within" includes its last instant.
  const screeningLimit = hours(ctx.settings.screeningHours);
  const coverageCell = (r: FactRow) => {
    const { screenedAt, admittedAt } = r.facts;
    if (screenedAt === null) return 'not_screened';
    return admittedAt !== null && Date.parse(screenedAt) > Date.parse(admittedAt) + screeningLimit ? 'screened_late' : 'screened_in_time';
  };
  const flagColumns = (r: FactRow) => [...(screenedInPeriod(r) ? ['found'] : []), ...(r.open ? ['held_now'] : [])];

  const coverage = countTable(
    { id: 'screening_coverage', titleKey: 'report.screening_coverage.title', descriptionKey: 'report.screening_coverage.desc', rowHeaderKey: 'report.dim.facility', chart: 'stacked' },
    facilityRows(ctx),
    keyed('screening.coverage', ['screened_in_time', 'screened_late', 'not_screened']),
    ctx.rows.filter(began),
    (r) => (r.admittedFacility === null ? [] : [[r.admittedFacility, coverageCell(r)]]),
  );

  // A person has several flags: the rows do not add up to people.
  const flags = countTable(
    { id: 'screening_flags', titleKey: 'report.screening_flags.title', descriptionKey: 'report.screening_flags.desc', rowHeaderKey: 'report.dim.flag', chart: 'bar' },
    keyed('flag', openFlags),
    keyed('screening.population', ['found', 'held_now']),
    ctx.rows,
    (r) => r.facts.flags.filter((fl) => fl !== restrictedFlag).flatMap((fl) => flagColumns(r).map((c) => [fl, c] as const)),
    { totals: false },
  );

  // Each referral counts once, at the stage it has reached; an episode with two opens once per referral.
  const referrals = countTable(
    { id: 'screening_referrals', titleKey: 'report.screening_referrals.title', descriptionKey: 'report.screening_referrals.desc', rowHeaderKey: 'report.dim.referral', chart: 'stacked' },
    keyed('referral', openReferralTypes),
    keyed('referral.stage', referralColumns),
    ctx.rows.filter(began),
    (r) => r.facts.referrals.filter((x) => x.type !== 'thb_nrm').map((x) => [x.type, stageOf(x.stage)] as const),
  );

  const childrenNow = countTable(
    { id: 'screening_children_now', titleKey: 'report.screening_children_now.title', descriptionKey: 'report.screening_children_now.desc', rowHeaderKey: 'report.dim.childAge', chart: 'stacked' },
    keyed('child', childRows),
    keyed('child', ['accompanied', 'unaccompanied']),
    ctx.rows.filter((r) => r.open && isChild(r)),
    (r) => [[childRow(r), alone(r)]],
  );

  const childrenPeriod = countTable(
    {
      id: 'screening_children_period',
      titleKey: 'report.screening_children_period.title',
      descriptionKey: 'report.screening_children_period.desc',
      rowHeaderKey: 'report.dim.childAge',
      chart: 'stacked',
    },
    keyed('child', childRows),
    keyed('child', ['accompanied', 'unaccompanied']),
    ctx.rows.filter((r) => began(r) && isChild(r)),
    (r) => [[childRow(r), alone(r)]],
  );

  // Whether a guardian was appointed, and whether the guardian's limit has passed without one; the hours
  // it took are the next table's.
  const guardianLimit = hours(ctx.settings.guardianHours);
  const guardianCell = (r: FactRow) => (r.facts.guardianAppointed ? 'appointed' : ctx.now > Date.parse(r.facts.unaccompaniedChildSince!) + guardianLimit ? 'overdue' : 'awaited');
  const guardian = countTable(
    { id: 'screening_guardian', titleKey: 'report.screening_guardian.title', descriptionKey: 'report.screening_guardian.desc', rowHeaderKey: 'report.dim.population', chart: 'stacked' },
    keyed('screening.population', ['known_in_period', 'held_now']),
    keyed('guardian', ['appointed', 'awaited', 'overdue']),
    ctx.rows.filter((r) => r.facts.unaccompaniedChildSince !== null),
    (r) => [...(inPeriod(f, ctx.dayOf(r.facts.unaccompaniedChildSince!)) ? [['known_in_period', guardianCell(r)] as const] : []), ...(r.open ? [['held_now', guardianCell(r)] as const] : [])],
    { totals: false },
  );

  // Hours from the day the child was known to be alone to the first guardian, by the admitting facility.
  const knownInPeriod = ctx.rows.filter((r) => r.facts.unaccompaniedChildSince && inPeriod(f, ctx.dayOf(r.facts.unaccompaniedChildSince)));
  const hoursTo = new Map<string, number[]>();
  for (const r of knownInPeriod) {
    const at = r.facts.guardianAppointedAt;
    if (!at || r.admittedFacility === null) continue;
    const h = Math.max(0, (Date.parse(at) - Date.parse(r.facts.unaccompaniedChildSince!)) / 3_600_000);
    const list = hoursTo.get(r.admittedFacility);
    if (list) list.push(h);
    else hoursTo.set(r.admittedFacility, [h]);
  }
  const facilities = facilityRows(ctx);
  const guardianTime = measureTable(
    {
      id: 'screening_guardian_time',
      titleKey: 'report.screening_guardian_time.title',
      descriptionKey: 'report.screening_guardian_time.desc',
      rowHeaderKey: 'report.dim.facility',
      chart: 'bar',
    },
    'hours',
    facilities,
    keyed('guardianTime', ['median']),
    facilities.map((fa) => {
      const m = median(hoursTo.get(fa.key) ?? []);
      return [m === null ? null : Math.round(m * 10) / 10];
    }),
    facilities.map((fa) => [(hoursTo.get(fa.key) ?? []).length]),
  );

  const thbStage = (r: FactRow) => {
    const thb = r.facts.referrals.filter((x) => x.type === 'thb_nrm');
    return thb.length === 0 ? 'not_referred' : stageOf(thb.at(-1)!.stage);
  };
  const trafficking = countTable(
    { id: 'screening_trafficking', titleKey: 'report.screening_trafficking.title', descriptionKey: 'report.screening_trafficking.desc', rowHeaderKey: 'report.dim.population', chart: 'none' },
    keyed('screening.population', ['found', 'held_now']),
    keyed('referral.stage', ['not_referred', ...referralColumns]),
    ctx.rows.filter((r) => r.facts.flags.includes(restrictedFlag)),
    (r) => flagColumns(r).map((row) => [row, thbStage(r)] as const),
    { totals: false, opensPeople: false },
  );

  // Which episodes these cells count is not kept at all, so nothing downstream can open them.
  return [coverage, flags, referrals, childrenNow, childrenPeriod, guardian, guardianTime, { ...trafficking, members: null }];
}
