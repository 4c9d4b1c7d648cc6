import { describe, expect, it } from 'vitest';
import { screeningReport } from '../../../core/reports/screening';
import { cell, expectMessagesExist, expectWellFormed, factRow, reportContext, rowKeys, table } from '../../helpers/report-facts';

// The period is March 2026; "now" is 15 April 2026, 13:00 in Baku.
const childAlone = factRow({
  episodeId: 'ep-child-alone',
  ageBand: 'under_14',
  facts: {
    screenedAt: '2026-03-05T10:00:00.000Z',
    flags: ['child', 'unaccompanied'],
    unaccompaniedChildSince: '2026-03-05T10:00:00.000Z',
    referrals: [
      { type: 'child_nrm', stage: 'accepted' },
      { type: 'medical', stage: null },
    ],
  },
});
const screenedLastYear = factRow({
  episodeId: 'ep-torture-feb',
  apprehendedAt: '2026-02-10T08:00:00.000Z',
  facts: { screenedAt: '2026-02-11T08:00:00.000Z', flags: ['torture'], referrals: [{ type: 'medical', stage: 'sent' }] },
});
const releasedDisabled = factRow({
  episodeId: 'ep-disability-closed',
  closedAt: '2026-03-20T08:00:00.000Z',
  facts: { screenedAt: '2026-03-10T08:00:00.000Z', flags: ['disability'] },
});
// 20:30 UTC on 31 March is already 1 April in Baku: outside the period.
const screenedAfterMidnight = factRow({ episodeId: 'ep-screened-april', apprehendedAt: '2026-03-31T10:00:00.000Z', facts: { screenedAt: '2026-03-31T20:30:00.000Z', flags: ['pregnancy'] } });
const ageInDoubt = factRow({ episodeId: 'ep-age-doubt', ageBand: '18_34', admittedFacility: 'fac-bak', facts: { screenedAt: '2026-03-06T08:00:00.000Z', flags: ['age_in_doubt', 'child'] } });
const presumedVictim = factRow({ episodeId: 'ep-thb', facts: { screenedAt: '2026-03-07T08:00:00.000Z', flags: ['trafficking'], referrals: [{ type: 'thb_nrm', stage: 'sent' }] } });
const notScreened = factRow({ episodeId: 'ep-not-screened', admittedFacility: 'fac-bak' });
const aloneToday = factRow({
  episodeId: 'ep-alone-today',
  ageBand: '14_17',
  apprehendedAt: '2026-04-14T08:00:00.000Z',
  facts: { flags: ['child', 'unaccompanied'], unaccompaniedChildSince: '2026-04-15T08:00:00.000Z' },
});
const withGuardian = factRow({
  episodeId: 'ep-guardian',
  ageBand: '14_17',
  facts: { flags: ['child', 'unaccompanied'], unaccompaniedChildSince: '2026-03-03T08:00:00.000Z', guardianAppointed: true },
});

const rows = [childAlone, screenedLastYear, releasedDisabled, screenedAfterMidnight, ageInDoubt, presumedVictim, notScreened, aloneToday, withGuardian];
const report = screeningReport(reportContext(rows));

describe('screening and referrals report', () => {
  it('counts a vulnerability found at a screening in the period, and separately the people held now who have it', () => {
    const flags = table(report, 'screening_flags');
    expect(cell(flags, 'child', 'found').members).toEqual(['ep-age-doubt', 'ep-child-alone']);
    // Screened in February, still held: held now, not found in March.
    expect(cell(flags, 'torture', 'found').count).toBe(0);
    expect(cell(flags, 'torture', 'held_now').members).toEqual(['ep-torture-feb']);
    // Released since: found in March, not held now.
    expect(cell(flags, 'disability', 'found').members).toEqual(['ep-disability-closed']);
    expect(cell(flags, 'disability', 'held_now').count).toBe(0);
    expect(flags.totals).toBe(false);
  });

  it('takes a screening after local midnight on the last day as the next day, outside the period', () => {
    const flags = table(report, 'screening_flags');
    expect(cell(flags, 'pregnancy', 'found').count).toBe(0);
    expect(cell(flags, 'pregnancy', 'held_now').members).toEqual(['ep-screened-april']);
  });

  it('never names a presumed trafficking victim in a table that opens people, and counts them where nothing opens', () => {
    for (const t of report.filter((x) => x.opensPeople)) {
      expect(rowKeys(t)).not.toContain('trafficking');
      expect(rowKeys(t)).not.toContain('thb_nrm');
    }
    // The person is among those screened, like anyone else, and in no vulnerability or referral cell.
    expect(cell(table(report, 'screening_coverage'), 'fac-yev', 'screened_late').members).toContain('ep-thb');
    expect(table(report, 'screening_flags').members!.flat(2)).not.toContain('ep-thb');
    expect(table(report, 'screening_referrals').members!.flat(2)).not.toContain('ep-thb');
    const thb = table(report, 'screening_trafficking');
    expect(thb.opensPeople).toBe(false);
    expect(thb.members).toBeNull();
    expect(cell(thb, 'found', 'sent').count).toBe(1);
    expect(cell(thb, 'held_now', 'sent').count).toBe(1);
  });

  it('counts the referrals of people apprehended in the period at the stage each has reached', () => {
    const referrals = table(report, 'screening_referrals');
    expect(cell(referrals, 'child_nrm', 'accepted').members).toEqual(['ep-child-alone']);
    // Recorded but not yet sent.
    expect(cell(referrals, 'medical', 'recorded').members).toEqual(['ep-child-alone']);
    // Apprehended in February: not a referral of this period.
    expect(cell(referrals, 'medical', 'sent').count).toBe(0);
  });

  it('counts children held now by age band and whether alone, a person whose age is in doubt as a child', () => {
    const now = table(report, 'screening_children_now');
    expect(cell(now, 'under_14', 'unaccompanied').members).toEqual(['ep-child-alone']);
    expect(cell(now, '14_17', 'unaccompanied').members).toEqual(['ep-alone-today', 'ep-guardian']);
    expect(cell(now, 'age_in_doubt', 'accompanied').members).toEqual(['ep-age-doubt']);
    // Apprehended on 14 April: held now, but not a child of March.
    const march = table(report, 'screening_children_period');
    expect(cell(march, '14_17', 'unaccompanied').members).toEqual(['ep-guardian']);
  });

  it('says whether unaccompanied children have a guardian, and which wait beyond the limit', () => {
    const guardian = table(report, 'screening_guardian');
    // Alone since 5 March, no guardian by 15 April: far beyond the 24 hours.
    expect(cell(guardian, 'known_in_period', 'overdue').members).toEqual(['ep-child-alone']);
    expect(cell(guardian, 'known_in_period', 'appointed').members).toEqual(['ep-guardian']);
    // Known to be alone an hour ago: awaited, and only among those held now.
    expect(cell(guardian, 'held_now', 'awaited').members).toEqual(['ep-alone-today']);
    expect(cell(guardian, 'known_in_period', 'awaited').count).toBe(0);
  });

  it('measures the hours from a child known to be alone to the first guardian, by the facility that admitted the child', () => {
    const alone = (id: string, since: string, appointed: string | null, admittedFacility = 'fac-yev') =>
      factRow({ episodeId: id, admittedFacility, facts: { flags: ['child', 'unaccompanied'], unaccompaniedChildSince: since, guardianAppointed: appointed !== null, guardianAppointedAt: appointed } });
    const rows = [
      alone('ep-a', '2026-03-05T08:00:00.000Z', '2026-03-05T20:00:00.000Z'),
      alone('ep-b', '2026-03-06T08:00:00.000Z', '2026-03-07T14:00:00.000Z'),
      alone('ep-c', '2026-03-07T08:00:00.000Z', '2026-03-07T12:00:00.000Z'),
      // no guardian yet: not in the median, nor in the count it rests on
      alone('ep-d', '2026-03-08T08:00:00.000Z', null),
      // known to be alone before the period: not this period's figure
      alone('ep-e', '2026-02-10T08:00:00.000Z', '2026-02-10T09:00:00.000Z'),
      alone('ep-f', '2026-03-09T08:00:00.000Z', '2026-03-09T10:00:00.000Z', 'fac-bak'),
    ];
    const time = table(screeningReport(reportContext(rows)), 'screening_guardian_time');
    expect(time.measure).toBe('hours');
    const yev = time.rows.findIndex((r) => r.key === 'fac-yev');
    const bak = time.rows.findIndex((r) => r.key === 'fac-bak');
    // 12 h, 30 h and 4 h: the median is 12.
    expect([time.cells[yev]![0], time.basis![yev]![0]]).toEqual([12, 3]);
    expect([time.cells[bak]![0], time.basis![bak]![0]]).toEqual([2, 1]);
  });

  it('gives the screening coverage of each facility for the people it admitted in the period', () => {
    const coverage = table(report, 'screening_coverage');
    expect(cell(coverage, 'fac-bak', 'not_screened').members).toEqual(['ep-not-screened']);
    expect(cell(coverage, 'fac-bak', 'screened_late').members).toEqual(['ep-age-doubt']);
    // Apprehended in February or April: not in March's coverage.
    expect(cell(coverage, 'fac-yev', 'screened_late').members).toEqual(['ep-child-alone', 'ep-disability-closed', 'ep-thb']);
    expect(cell(coverage, 'fac-yev', 'screened_in_time').members).toEqual(['ep-screened-april']);
    expect(cell(coverage, 'fac-yev', 'not_screened').members).toEqual(['ep-guardian']);
  });

  it('counts a screening at the last instant of the 24 hours after admission as in time, a moment later as late', () => {
    const admittedAt = '2026-03-10T08:00:00.000Z';
    const atLimit = factRow({ episodeId: 'ep-at-limit', apprehendedAt: admittedAt, facts: { admittedAt, screenedAt: '2026-03-11T08:00:00.000Z' } });
    const justAfter = factRow({ episodeId: 'ep-just-after', apprehendedAt: admittedAt, facts: { admittedAt, screenedAt: '2026-03-11T08:00:00.001Z' } });
    const coverage = table(screeningReport(reportContext([atLimit, justAfter])), 'screening_coverage');
    expect(cell(coverage, 'fac-yev', 'screened_in_time').members).toEqual(['ep-at-limit']);
    expect(cell(coverage, 'fac-yev', 'screened_late').members).toEqual(['ep-just-after']);
  });

  it('keeps the shape the console and the exports expect, every label in az, en and ru', () => {
    expectWellFormed(report);
    expectMessagesExist(report);
  });
});
