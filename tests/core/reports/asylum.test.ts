import { describe, expect, it } from 'vitest';
import { asylumReport } from '../../../core/reports/asylum';
import { cell, expectMessagesExist, expectWellFormed, factRow, reportContext, rowKeys, table } from '../../helpers/report-facts';

// Baku is UTC+4: 19:00Z is 23:00 local, 20:30Z already the next local day.
const sameDay = factRow({
  episodeId: 'ep-same-day',
  nationality: 'IRN',
  facts: { flags: ['asylum'], asylum: [{ expressedAt: '2026-03-05T08:00:00.000Z', forwardedAt: '2026-03-05T19:00:00.000Z', episodeId: 'ep-same-day', pending: true }] },
});
const nextDay = factRow({
  episodeId: 'ep-next-day',
  nationality: 'IRN',
  facts: { flags: ['asylum'], asylum: [{ expressedAt: '2026-03-05T08:00:00.000Z', forwardedAt: '2026-03-05T20:30:00.000Z', episodeId: 'ep-next-day', pending: true }] },
});
const notForwarded = factRow({
  episodeId: 'ep-not-forwarded',
  nationality: 'AFG',
  facts: { flags: ['asylum'], asylum: [{ expressedAt: '2026-03-20T08:00:00.000Z', forwardedAt: null, episodeId: 'ep-not-forwarded', pending: true }] },
});
// Held since January, asked in March: a claim of March.
const heldSinceJanuary = factRow({
  episodeId: 'ep-january',
  apprehendedAt: '2026-01-10T08:00:00.000Z',
  nationality: 'SYR',
  facts: {
    flags: ['refugee'],
    removalCheck: { result: 'not_cleared', at: '2026-03-02T08:00:00.000Z' },
    asylum: [{ expressedAt: '2026-03-01T06:00:00.000Z', forwardedAt: '2026-03-01T07:00:00.000Z', episodeId: 'ep-january', pending: false }],
  },
});
// Asked on the last day, after local midnight: 1 April.
const askedInApril = factRow({
  episodeId: 'ep-april',
  facts: { flags: ['asylum'], asylum: [{ expressedAt: '2026-03-31T20:30:00.000Z', forwardedAt: '2026-03-31T21:00:00.000Z', episodeId: 'ep-april', pending: true }] },
});
// A claim of an earlier stay of the same person belongs to that stay.
const earlierStaysClaim = factRow({
  episodeId: 'ep-second-stay',
  facts: { asylum: [{ expressedAt: '2026-03-10T08:00:00.000Z', forwardedAt: null, episodeId: 'ep-first-stay', pending: true }] },
});
const releasedApplicant = factRow({
  episodeId: 'ep-released',
  closedAt: '2026-03-25T08:00:00.000Z',
  facts: { flags: ['asylum'], asylum: [{ expressedAt: '2026-03-12T08:00:00.000Z', forwardedAt: '2026-03-12T09:00:00.000Z', episodeId: 'ep-released', pending: true }] },
});
const presumedVictim = factRow({ episodeId: 'ep-thb', facts: { flags: ['trafficking'] } });
const noCheckYet = factRow({ episodeId: 'ep-no-check' });

const report = asylumReport(reportContext([sameDay, nextDay, notForwarded, heldSinceJanuary, askedInApril, earlierStaysClaim, releasedApplicant, presumedVictim, noCheckYet]));

describe('asylum report', () => {
  it('counts an application forwarded the same local day as in time, and one forwarded the next day as late', () => {
    const byNationality = table(report, 'asylum_by_nationality');
    expect(cell(byNationality, 'IRN', 'same_day').members).toEqual(['ep-same-day']);
    expect(cell(byNationality, 'IRN', 'late').members).toEqual(['ep-next-day']);
    expect(cell(byNationality, 'AFG', 'not_yet').members).toEqual(['ep-not-forwarded']);
    // Only nationalities with an application are rows.
    expect(rowKeys(byNationality)).toEqual(['AFG', 'IRN', 'SYR']);
  });

  it('counts an application on the local day the person asked, whenever the stay began', () => {
    const overTime = table(report, 'asylum_expressed');
    expect(cell(overTime, '2026-03-01', 'same_day').members).toEqual(['ep-january']);
    expect(cell(overTime, '2026-03-05', 'same_day').members).toEqual(['ep-same-day']);
    expect(cell(overTime, '2026-03-05', 'late').members).toEqual(['ep-next-day']);
    // Asked after local midnight on 31 March: an application of April.
    expect(overTime.members!.flat(2)).not.toContain('ep-april');
    // Another stay's claim is that stay's.
    expect(overTime.members!.flat(2)).not.toContain('ep-second-stay');
    expect(overTime.cells.flat().reduce((a, b) => a! + b!, 0)).toBe(5);
  });

  it('tells pending from decided, for the applications of the period and for the people held now', () => {
    const decision = table(report, 'asylum_decision');
    expect(cell(decision, 'expressed_in_period', 'decided').members).toEqual(['ep-january']);
    expect(cell(decision, 'expressed_in_period', 'pending').members).toEqual(['ep-next-day', 'ep-not-forwarded', 'ep-released', 'ep-same-day']);
    // Released in March: not held now. Asked in April but held: pending now.
    expect(cell(decision, 'held_now', 'pending').members).toEqual(['ep-april', 'ep-next-day', 'ep-not-forwarded', 'ep-same-day']);
    expect(decision.totals).toBe(false);
  });

  it('counts non-refoulement holds now by lock reason, not the missing assessment, and no trafficking row', () => {
    const holds = table(report, 'asylum_holds');
    expect(cell(holds, 'asylum_pending', 'held_now').members).toEqual(['ep-april', 'ep-next-day', 'ep-not-forwarded', 'ep-same-day']);
    expect(cell(holds, 'refugee', 'held_now').members).toEqual(['ep-january']);
    expect(cell(holds, 'not_cleared', 'held_now').members).toEqual(['ep-january']);
    expect(rowKeys(holds)).toEqual(['asylum_pending', 'refugee', 'not_cleared']);
    expect(holds.members!.flat(2)).not.toContain('ep-thb');
    expect(holds.members!.flat(2)).not.toContain('ep-no-check');
  });

  it('keeps the shape the console and the exports expect, every label in az, en and ru', () => {
    expectWellFormed(report);
    expectMessagesExist(report);
  });
});
