import { describe, expect, it } from 'vitest';
import { fillIntro, findTemplate } from '../../core/rights-letters';
import { buildCards, durationParts, introParts, orderTemplates, type PanelEpisode } from '../../renderer/screens/safeguards/model';
import { codeFrom } from '../../renderer/screens/safeguards/rights/VerifyLetter';

const base: PanelEpisode = {
  episodeId: 'e1',
  apprehendedAt: '2026-11-23T10:00:00.000Z',
  admissionFinal: false,
  admission: { state: 'ACTIVE', gate: 'rights_pending', delayReason: null, delayAt: null, admissionFinal: false, qualified: true },
  rightsDelay: null,
  rights: [],
  consular: [],
  legalAid: [],
  legalAidWaivers: [],
  lawyerContacts: [],
  interpreters: [],
};

const notice = (state: PanelEpisode['consular'][number]['state']): PanelEpisode['consular'][number] => ({
  noticeId: 'n1',
  episodeId: 'e1',
  states: ['AFG'],
  informedAt: '2026-11-23T10:30:00.000Z',
  wish: 'no_preference',
  state,
  blockReasons: state === 'BLOCKED_PROTECTION' ? ['asylum'] : [],
  policyConflict: state === 'BLOCKED_PROTECTION',
  consent: null,
  sent: null,
  acknowledgedAt: null,
  visitedAt: null,
  withdrawnAt: null,
  withdrawReason: null,
  disclosure: 'none',
  disclosureReview: null,
  furtherStepsAllowed: true,
});

describe('safeguards panel order', () => {
  it('puts overdue cards first, then due, then what needs attention, and done things last', () => {
    const ep: PanelEpisode = { ...base, consular: [notice('BLOCKED_PROTECTION')], interpreters: [{ useId: 'u', episodeId: 'e1', use: {} as never }] };
    const cards = buildCards(ep, [
      { kind: 'defender_contact', dueAt: '2026-11-24T10:00:00.000Z', status: 'due' },
      { kind: 'rights_notification', dueAt: '2026-11-23T11:00:00.000Z', status: 'overdue' },
    ]);
    expect(cards.map((c) => [c.kind, c.tone])).toEqual([
      ['rights', 'overdue'],
      ['legalAid', 'due'],
      ['consular', 'attention'],
      ['interpreters', 'done'],
    ]);
  });

  it('a sent notice and a notified person recede; a card keeps its own obligations, most pressing first', () => {
    const rights = [{ notificationId: 'r1' } as PanelEpisode['rights'][number]];
    const cards = buildCards({ ...base, rights, consular: [notice('SENT')] }, [
      { kind: 'written_rights_letter', dueAt: '2026-11-25T10:00:00.000Z', status: 'upcoming' },
      { kind: 'rights_renotify', dueAt: '2026-11-23T12:00:00.000Z', status: 'due' },
    ]);
    expect(cards.at(-1)!.kind).toBe('consular');
    const r = cards.find((c) => c.kind === 'rights')!;
    expect(r.tone).toBe('due');
    expect(r.obligations.map((o) => o.kind)).toEqual(['rights_renotify', 'written_rights_letter']);
  });

  it('a lawyer’s visit from the contact log makes the legal-aid card done, as a legal-aid request’s contact does', () => {
    const tone = (ep: PanelEpisode) => buildCards(ep, []).find((c) => c.kind === 'legalAid')!.tone;
    expect(tone(base)).not.toBe('done');
    expect(tone({ ...base, lawyerContacts: [{ contactId: 'c1', kind: 'visit', at: '2026-11-23T12:00:00.000Z', who: 'Adv. N. Abbasova' }] })).toBe('done');
  });
});

describe('small helpers', () => {
  it('spans read in the largest two units', () => {
    expect(durationParts(125 * 60_000)).toEqual({ days: 0, hours: 2, minutes: 5 });
    expect(durationParts(-(26 * 60 + 30) * 60_000)).toEqual({ days: 1, hours: 2, minutes: 0 });
  });

  it('offers the person’s languages first, then approved letters, then drafts', () => {
    const t = (language: string, status: 'approved' | 'needs_legal_review') => ({ language, status });
    const ordered = orderTemplates([t('az', 'approved'), t('en', 'approved'), t('fa', 'needs_legal_review'), t('ur', 'needs_legal_review'), t('ru', 'approved')], ['ur']);
    expect(ordered.map((x) => x.language)).toEqual(['ur', 'az', 'en', 'ru', 'fa']);
  });

  it('splits an intro around its placeholders so the letter reads exactly as fillIntro writes it', () => {
    for (const language of ['fa', 'az', 'ur']) {
      const template = findTemplate(language)!;
      const values = { name: 'Mohammad Rahimi', facility: 'Bakı Mərkəzi', date: '23.11.2026' };
      const text = introParts(template.intro)
        .map((p) => ('text' in p ? p.text : values[p.slot]))
        .join('');
      expect(text).toBe(fillIntro(template, values));
    }
  });

  it('takes the code out of a scanned QR text', () => {
    expect(codeFrom('qeyd:rights:7K2M-QX4D:abc:123')).toBe('7K2M-QX4D');
    expect(codeFrom(' 7k2m qx4d ')).toBe(' 7k2m qx4d ');
  });
});
