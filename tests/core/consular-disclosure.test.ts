import { describe, expect, it } from 'vitest';
import { episodeCompliance, summarizeCompliance } from '../../core/compliance';
import { obligations, statusAt, type EpisodeFacts } from '../../core/due-now';
import { consularDisclosure, furtherConsularStepAllowed, type DisclosureFacts } from '../../core/safeguards';
import { defaultSettings } from '../../core/settings';

/** docs/domain.md §5 rule 3, issue #11 §1: a consulate told before a protection fact arose. */

// Clocks as the log writes them: same millisecond, the counter decides.
const hlc = (ms: string, counter: number) => `${ms}-${counter.toString(16).padStart(4, '0')}-device-a`;
const minute = '2026-12-06T10:15:00.000Z';

const facts = (over: Partial<DisclosureFacts>): DisclosureFacts => ({ protectionCase: true, sentOrder: hlc(minute, 1), consentOrders: [], reviewedOrder: null, ...over });

describe('the consular disclosure', () => {
  it('a notice sent without consent, for a person now a protection case, is a conflict until reviewed', () => {
    expect(consularDisclosure(facts({}))).toBe('conflict');
    expect(consularDisclosure(facts({ reviewedOrder: hlc(minute, 5) }))).toBe('reviewed');
  });

  it('a notice not sent, or for a person who is not a protection case, is no conflict', () => {
    expect(consularDisclosure(facts({ sentOrder: null }))).toBe('none');
    expect(consularDisclosure(facts({ protectionCase: false }))).toBe('none');
  });

  it('consent counts only if it was recorded before the send, in recording order, even within the same millisecond', () => {
    expect(consularDisclosure(facts({ sentOrder: hlc(minute, 2), consentOrders: [hlc(minute, 1)] }))).toBe('none');
    expect(consularDisclosure(facts({ sentOrder: hlc(minute, 1), consentOrders: [hlc(minute, 2)] }))).toBe('conflict');
  });

  it('after a conflict, a further consular step needs consent recorded after the send; reviewing alone is not enough', () => {
    expect(furtherConsularStepAllowed(facts({}))).toBe(false);
    expect(furtherConsularStepAllowed(facts({ reviewedOrder: hlc(minute, 3) }))).toBe(false);
    expect(furtherConsularStepAllowed(facts({ consentOrders: [hlc(minute, 4)] }))).toBe(true);
    expect(furtherConsularStepAllowed(facts({ protectionCase: false }))).toBe(true);
  });
});

const episode = (consular: EpisodeFacts['consular']): EpisodeFacts => ({
  personId: 'p1',
  episodeId: 'e1',
  state: 'ACTIVE',
  regime: 'forced_court',
  apprehendedAt: '2026-12-06T08:00:00.000Z',
  admittedAt: '2026-12-06T09:00:00.000Z',
  termEnd: null,
  lastReviewAt: null,
  medicalCheckAt: '2026-12-06T09:30:00.000Z',
  screenedAt: '2026-12-06T09:30:00.000Z',
  flags: ['asylum'],
  guardianAppointed: false,
  referrals: [],
  asylum: [{ expressedAt: minute, forwardedAt: minute }],
  rights: [],
  statusChanges: [],
  unaccompaniedChildSince: null,
  consular,
  legalAid: { firstContactAt: null, waived: false },
});

describe('the review owed', () => {
  const conflict = { informedAt: '2026-12-06T09:00:00.000Z', state: 'SENT', readySince: null, disclosureConflictSince: minute, disclosure: 'conflict' as const };

  it('is due from when the conflict arose and overdue after the end of that local day', () => {
    const s = defaultSettings;
    const due = obligations(episode(conflict), s).find((o) => o.kind === 'consular_disclosure_review');
    expect(due).toMatchObject({ warnFrom: minute });
    const at = Date.parse(due!.dueAt);
    expect(statusAt(due!, Date.parse(minute), 'ACTIVE', null)).toBe('due');
    expect(statusAt(due!, at - 60_000, 'ACTIVE', null)).toBe('due');
    expect(statusAt(due!, at + 60_000, 'ACTIVE', null)).toBe('overdue');
  });

  it('is not owed once reviewed, nor for a notice without a conflict', () => {
    const kinds = (c: EpisodeFacts['consular']) => obligations(episode(c), defaultSettings).map((o) => o.kind);
    expect(kinds({ ...conflict, disclosureConflictSince: null, disclosure: 'reviewed' })).not.toContain('consular_disclosure_review');
    expect(kinds({ ...conflict, disclosureConflictSince: null, disclosure: 'none' })).not.toContain('consular_disclosure_review');
  });

  it('HQ counts every conflict, reviewed or not, whatever the period, and how many are still open', () => {
    const now = Date.parse('2026-12-20T12:00:00.000Z');
    const open = episodeCompliance(episode(conflict), defaultSettings, now)!;
    const reviewed = episodeCompliance({ ...episode({ ...conflict, disclosureConflictSince: null, disclosure: 'reviewed' }), episodeId: 'e2' }, defaultSettings, now)!;
    const clear = episodeCompliance({ ...episode({ ...conflict, disclosureConflictSince: null, disclosure: 'none' }), episodeId: 'e3' }, defaultSettings, now)!;
    expect(open.overdue).toContain('consular_disclosure_review');
    const summary = summarizeCompliance([open, reviewed, clear], () => false);
    expect(summary).toMatchObject({ episodes: 0, disclosureConflicts: 2, disclosureUnreviewed: 1 });
  });
});
