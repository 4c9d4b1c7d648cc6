import { describe, expect, it } from 'vitest';
import { claimEpisode } from '../../core/asylum';
import { episodeCompliance, summarizeCompliance } from '../../core/compliance';
import type { EpisodeFacts } from '../../core/due-now';
import { currentCheck } from '../../core/non-refoulement';
import { asylumPeople, holdPeople } from '../../core/protection-figures';
import { defaultSettings } from '../../core/settings';

/** docs/domain.md §6 (asylum expressions, non-refoulement holds), issue #11 §8. */

const now = Date.parse('2026-12-20T12:00:00.000Z');

const episode = (over: Partial<EpisodeFacts>): EpisodeFacts => ({
  personId: 'p1',
  episodeId: 'e1',
  state: 'ACTIVE',
  regime: 'forced_court',
  apprehendedAt: '2026-12-01T08:00:00.000Z',
  admittedAt: '2026-12-01T09:00:00.000Z',
  termEnd: null,
  lastReviewAt: null,
  medicalCheckAt: '2026-12-01T09:30:00.000Z',
  screenedAt: '2026-12-01T09:30:00.000Z',
  flags: [],
  guardianAppointed: false,
  referrals: [],
  asylum: [],
  rights: [],
  statusChanges: [],
  unaccompaniedChildSince: null,
  consular: null,
  legalAid: { firstContactAt: null, waived: false },
  ...over,
});

const compliance = (over: Partial<EpisodeFacts>) => episodeCompliance(episode(over), defaultSettings, now)!;

describe('the claim an episode answers for', () => {
  const episodes = [
    { episodeId: 'e1', apprehendedAt: '2026-01-10T00:00:00.000Z' },
    { episodeId: 'e2', apprehendedAt: '2026-06-10T00:00:00.000Z' },
  ];

  it('is the episode it was recorded in', () => {
    expect(claimEpisode({ episodeId: 'e1', expressedAt: '2026-07-01T00:00:00.000Z' }, episodes)).toBe('e1');
  });

  it('without one, is the latest episode begun by the time the person asked, else the first', () => {
    expect(claimEpisode({ episodeId: null, expressedAt: '2026-07-01T00:00:00.000Z' }, episodes)).toBe('e2');
    expect(claimEpisode({ episodeId: null, expressedAt: '2026-03-01T00:00:00.000Z' }, episodes)).toBe('e1');
    expect(claimEpisode({ episodeId: null, expressedAt: '2025-12-01T00:00:00.000Z' }, episodes)).toBe('e1');
    expect(claimEpisode({ episodeId: null, expressedAt: '2026-03-01T00:00:00.000Z' }, [])).toBeNull();
  });
});

describe('a non-refoulement hold', () => {
  it('is each legal lock on removal of a person held now: a pending claim, refugee status, trafficking, a check that found a risk', () => {
    expect(compliance({ flags: ['asylum'] }).nonRefoulementHolds).toEqual(['asylum_pending']);
    expect(compliance({ flags: ['refugee'] }).nonRefoulementHolds).toEqual(['refugee']);
    expect(compliance({ flags: ['trafficking'] }).nonRefoulementHolds).toEqual(['trafficking']);
    expect(compliance({ removalCheck: { result: 'not_cleared', at: '2026-12-02T10:00:00.000Z' } }).nonRefoulementHolds).toEqual(['not_cleared']);
  });

  it('is not the mere absence of an assessment, nor a cleared check (issue #11 §6)', () => {
    expect(compliance({}).nonRefoulementHolds).toEqual([]);
    expect(compliance({ removalCheck: { result: 'cleared', at: '2026-12-02T10:00:00.000Z' } }).nonRefoulementHolds).toEqual([]);
  });

  it('is not counted once the person is no longer held', () => {
    expect(compliance({ state: 'CLOSED', flags: ['asylum'] }).nonRefoulementHolds).toEqual([]);
  });

  it('rests on the check that still speaks: one made before the latest protection fact needs redoing', () => {
    const check = { result: 'not_cleared' as const, at: '2026-12-02T10:00:00.000Z' };
    expect(currentCheck(check, null)).toBe(check);
    expect(currentCheck(check, '2026-12-02T09:00:00.000Z')).toBe(check);
    expect(currentCheck(check, '2026-12-02T10:00:00.000Z')).toBe(check);
    expect(currentCheck(check, '2026-12-02T11:00:00.000Z')).toBeNull();
  });
});

describe('the facility and HQ figures', () => {
  const inDecember = (at: string) => at >= '2026-12-01' && at < '2027-01-01';
  // Apprehended in November, asked for asylum in December: the claim counts in December.
  const asked = compliance({
    apprehendedAt: '2026-11-20T08:00:00.000Z',
    flags: ['asylum'],
    asylum: [
      { expressedAt: '2026-12-03T10:00:00.000Z', forwardedAt: null, episodeId: 'e1', pending: true },
      // Another episode's claim is that episode's to count.
      { expressedAt: '2026-12-04T10:00:00.000Z', forwardedAt: null, episodeId: 'e-old', pending: false },
    ],
  });
  const refused = compliance({
    personId: 'p2',
    episodeId: 'e2',
    asylum: [{ expressedAt: '2026-11-05T10:00:00.000Z', forwardedAt: '2026-11-05T12:00:00.000Z', episodeId: 'e2', pending: false }],
    removalCheck: { result: 'cleared', at: '2026-12-10T10:00:00.000Z' },
  });
  const released = compliance({
    personId: 'p3',
    episodeId: 'e3',
    state: 'CLOSED',
    flags: ['asylum'],
    asylum: [{ expressedAt: '2026-12-05T10:00:00.000Z', forwardedAt: null, episodeId: 'e3', pending: true }],
  });
  const refugee = compliance({ personId: 'p4', episodeId: 'e4', flags: ['refugee'] });
  const all = [asked, refused, released, refugee];

  it('count asylum requests by the day the person asked, and pending claims and holds of people held now', () => {
    const inPeriodByApprehension = (c: { apprehendedAt: string }) => inDecember(c.apprehendedAt);
    const s = summarizeCompliance(all, inPeriodByApprehension, inDecember);
    expect(s).toMatchObject({ asylumRequests: 2, asylumPendingNow: 1, nonRefoulementHoldsNow: 2 });
    // Without a claim period, the claims of the episodes in the period.
    expect(summarizeCompliance(all, () => true).asylumRequests).toBe(3);
  });

  it('name the people behind them, once each', () => {
    expect(asylumPeople(all)).toEqual([
      { personId: 'p1', requests: 1, pendingNow: true },
      { personId: 'p2', requests: 1, pendingNow: false },
      { personId: 'p3', requests: 1, pendingNow: false },
    ]);
    expect(holdPeople(all)).toEqual([
      { personId: 'p1', reasons: ['asylum_pending'] },
      { personId: 'p4', reasons: ['refugee'] },
    ]);
  });
});
