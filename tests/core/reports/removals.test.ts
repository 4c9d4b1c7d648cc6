import { describe, expect, it } from 'vitest';
import { outcomeTypes } from '../../../core/episode';
import { exitGroupOf, removalsReport } from '../../../core/reports/removals';
import { cell, expectMessagesExist, expectWellFormed, factRow, reportContext, rowKeys, table } from '../../helpers/report-facts';

const exit = (episodeId: string, outcome: (typeof outcomeTypes)[number], closedAt: string, destination: string | null = null, currentFacility = 'fac-yev') =>
  factRow({ episodeId, outcome, closedAt, destination, currentFacility });

const rows = [
  exit('ep-expelled-geo', 'expelled', '2026-03-03T08:00:00.000Z', 'GEO'),
  exit('ep-readmitted-geo', 'deported_readmission', '2026-03-03T09:00:00.000Z', 'GEO', 'fac-bak'),
  exit('ep-avr-afg', 'avr_iom', '2026-03-18T09:00:00.000Z', 'AFG'),
  exit('ep-voluntary', 'departed_voluntarily', '2026-03-19T09:00:00.000Z'),
  exit('ep-term', 'released_term_expired', '2026-03-20T09:00:00.000Z'),
  exit('ep-thb-permit', 'thb_residence_permit', '2026-03-21T09:00:00.000Z'),
  exit('ep-shelter', 'transferred_shelter', '2026-03-22T09:00:00.000Z'),
  exit('ep-escaped', 'escaped', '2026-03-23T09:00:00.000Z'),
  // 20:30Z on 31 March is 1 April in Baku: an exit of April.
  exit('ep-april', 'expelled', '2026-03-31T20:30:00.000Z', 'GEO'),
  // Closed in February, and still held: neither is an exit of March.
  exit('ep-february', 'expelled', '2026-02-27T09:00:00.000Z', 'RUS'),
  factRow({ episodeId: 'ep-held' }),
];
const report = removalsReport(reportContext(rows));

describe('removals and returns report', () => {
  it('groups every outcome an episode can end with', () => {
    for (const o of outcomeTypes) expect(exitGroupOf[o]).toBeDefined();
    // A trafficking victim's permit is protection data: it is a status granted, not a group of its own.
    expect(exitGroupOf.thb_residence_permit).toBe('status');
  });

  it('counts exits by the local day of the exit, by type, over the period', () => {
    const overTime = table(report, 'removals_over_time');
    // March is drawn by day.
    expect(rowKeys(overTime)[0]).toBe('2026-03-01');
    expect(cell(overTime, '2026-03-03', 'expelled').members).toEqual(['ep-expelled-geo']);
    expect(cell(overTime, '2026-03-03', 'readmission').members).toEqual(['ep-readmitted-geo']);
    expect(cell(overTime, '2026-03-18', 'avr').members).toEqual(['ep-avr-afg']);
    expect(cell(overTime, '2026-03-19', 'voluntary').members).toEqual(['ep-voluntary']);
    expect(cell(overTime, '2026-03-20', 'released').members).toEqual(['ep-term']);
    expect(cell(overTime, '2026-03-21', 'status').members).toEqual(['ep-thb-permit']);
    expect(cell(overTime, '2026-03-22', 'transferred').members).toEqual(['ep-shelter']);
    expect(cell(overTime, '2026-03-23', 'other').members).toEqual(['ep-escaped']);
    const counted = overTime.members!.flat(2);
    expect(counted).toHaveLength(8);
    expect(counted).not.toContain('ep-april');
    expect(counted).not.toContain('ep-february');
    expect(overTime.totals).toBe(true);
  });

  it('counts departures from the country by destination, only the states someone went to, a missing destination as unknown', () => {
    const byDestination = table(report, 'removals_by_destination');
    expect(rowKeys(byDestination)).toEqual(['AFG', 'GEO', 'UNKNOWN']);
    expect(cell(byDestination, 'GEO', 'expelled').members).toEqual(['ep-expelled-geo']);
    expect(cell(byDestination, 'GEO', 'readmission').members).toEqual(['ep-readmitted-geo']);
    expect(cell(byDestination, 'AFG', 'avr').members).toEqual(['ep-avr-afg']);
    expect(cell(byDestination, 'UNKNOWN', 'voluntary').members).toEqual(['ep-voluntary']);
    // Releases and transfers do not leave the country.
    expect(byDestination.columns.map((c) => c.key)).toEqual(['expelled', 'readmission', 'voluntary', 'avr']);
  });

  it('counts exits at the facility that held the person last', () => {
    const byFacility = table(report, 'removals_by_facility');
    expect(cell(byFacility, 'fac-bak', 'readmission').members).toEqual(['ep-readmitted-geo']);
    expect(cell(byFacility, 'fac-yev', 'readmission').count).toBe(0);
  });

  it('draws a year-long period by month', () => {
    const year = removalsReport(reportContext(rows, { from: '2026-01-01', to: '2026-12-31' }));
    const overTime = table(year, 'removals_over_time');
    expect(rowKeys(overTime)).toHaveLength(12);
    expect(cell(overTime, '2026-02', 'expelled').members).toEqual(['ep-february']);
    expect(cell(overTime, '2026-04', 'expelled').members).toEqual(['ep-april']);
  });

  it('keeps the shape the console and the exports expect, every label in az, en and ru', () => {
    expectWellFormed(report);
    expectMessagesExist(report);
  });
});
