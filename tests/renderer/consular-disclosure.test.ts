import { describe, expect, it } from 'vitest';
import { buildCards, consularTone, type PanelEpisode } from '../../renderer/screens/safeguards/model';

/** Issue #11 §1: a consulate told before an asylum claim must not look like a finished "Sent". */

const sent = (disclosure: 'none' | 'conflict' | 'reviewed'): PanelEpisode['consular'][number] => ({
  noticeId: 'n1',
  episodeId: 'e1',
  states: ['PAK'],
  informedAt: '2026-12-06T09:00:00.000Z',
  wish: 'requests',
  state: 'SENT',
  blockReasons: [],
  policyConflict: false,
  consent: null,
  sent: { at: '2026-12-06T09:05:00.000Z', mission: 'Embassy of Pakistan', channel: 'note_verbale', reference: 'NV-11' },
  acknowledgedAt: null,
  visitedAt: null,
  withdrawnAt: null,
  withdrawReason: null,
  disclosure,
  disclosureReview: null,
  furtherStepsAllowed: disclosure === 'none',
});

const episode = (disclosure: 'none' | 'conflict' | 'reviewed'): PanelEpisode => ({
  episodeId: 'e1',
  apprehendedAt: '2026-12-06T08:00:00.000Z',
  admissionFinal: true,
  admission: { state: 'ACTIVE', gate: 'final', delayReason: null, delayAt: null, admissionFinal: true, qualified: false },
  rightsDelay: null,
  rights: [],
  consular: [sent(disclosure)],
  legalAid: [],
  legalAidWaivers: [],
  lawyerContacts: [],
  interpreters: [],
});

describe('the consular card after a disclosure conflict', () => {
  it('a plain sent notice is done; a conflict is due and a reviewed conflict still needs attention', () => {
    expect(consularTone(episode('none'), [])).toBe('done');
    expect(consularTone(episode('conflict'), [])).toBe('due');
    expect(consularTone(episode('reviewed'), [])).toBe('attention');
  });

  it('carries the review obligation and moves ahead of the cards that are done', () => {
    const review = { kind: 'consular_disclosure_review', dueAt: '2026-12-06T19:59:59.999Z', status: 'overdue' as const };
    const cards = buildCards(episode('conflict'), [review]);
    expect(cards[0]).toMatchObject({ kind: 'consular', tone: 'overdue', obligations: [review] });
  });
});
