import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core/settings';
import { disclosureAllowed, disclosureFor, isOverdue, scoreRecord, workingDaysAfter, type InquirySubjectFacts } from '../../core/tracing';

/** The rules of a tracing inquiry (issue #14 §3, docs/hq-console.md "Tracing inquiries"). */
const none = { consentToDisclose: null, contact: null, pending: false } as const;

describe('when a tracing inquiry is due', () => {
  it('counts working days after receipt, skipping weekends and the settings’ holidays', () => {
    // Friday 2026-11-27: ten working days later is Friday 2026-12-11.
    expect(workingDaysAfter('2026-11-27', 10, defaultSettings)).toBe('2026-12-11');
    // Received on a Saturday: the count starts on Monday.
    expect(workingDaysAfter('2026-11-28', 1, defaultSettings)).toBe('2026-11-30');
    // A holiday in the way moves the due day on by one.
    expect(workingDaysAfter('2026-11-27', 10, { ...defaultSettings, holidays: ['2026-12-01'] })).toBe('2026-12-14');
  });

  it('is overdue only while open and past its due day', () => {
    expect(isOverdue('open', '2026-12-06', '2026-12-07')).toBe(true);
    expect(isOverdue('open', '2026-12-07', '2026-12-07')).toBe(false);
    expect(isOverdue('answered', '2026-12-01', '2026-12-07')).toBe(false);
    expect(isOverdue('closed', '2026-12-01', '2026-12-07')).toBe(false);
  });
});

describe('what an answer may disclose', () => {
  it('withholds from the consulate what protection covers, until the person consents', () => {
    for (const reason of ['asylum', 'refugee', 'trafficking', 'restricted'] as const) {
      expect(disclosureFor('consulate', [reason], none)).toBe('withheld_protection');
      expect(disclosureFor('consulate', [reason], { ...none, pending: true })).toBe('consent_pending');
      expect(disclosureFor('consulate', [reason], { ...none, consentToDisclose: 'given' })).toBe('consent_given');
    }
    expect(disclosureAllowed(disclosureFor('consulate', ['asylum'], none))).toBe(false);
    expect(disclosureAllowed(disclosureFor('consulate', ['asylum'], { ...none, consentToDisclose: 'given' }))).toBe(true);
  });

  it('lets others than the consulate, and the consulate of a person without protection, be told', () => {
    expect(disclosureFor('family', ['asylum'], none)).toBe('may_disclose');
    expect(disclosureFor('icrc_red_crescent', ['refugee'], none)).toBe('may_disclose');
    expect(disclosureFor('consulate', [], none)).toBe('may_disclose');
  });

  it('tells nobody where a person is who refused contact or disclosure', () => {
    for (const category of ['family', 'consulate', 'unhcr', 'court'] as const) {
      expect(disclosureFor(category, [], { ...none, contact: 'refused' })).toBe('contact_refused');
      expect(disclosureFor(category, [], { ...none, consentToDisclose: 'refused' })).toBe('consent_refused');
      // A consent given once does not outweigh a refusal of contact.
      expect(disclosureFor(category, [], { ...none, consentToDisclose: 'given', contact: 'refused' })).toBe('contact_refused');
    }
  });
});

describe('how a record of an unidentified person or a death fits an inquiry', () => {
  const subject: InquirySubjectFacts = {
    names: ['Karim Ahmadi'],
    sex: 'male',
    birthDate: null,
    age: 34,
    nationality: 'AFG',
    lastKnownPlace: 'Astara',
    distinguishing: 'Anchor tattoo on his forearm, scar over the eyebrow',
  };
  const record = {
    names: [] as string[],
    sex: 'male',
    ageMin: 30,
    ageMax: 40,
    nationality: null,
    description: 'Scar across the eyebrow, tattoo of an anchor on the forearm',
    foundPlace: 'Astara border crossing',
    foundOn: '2026-11-20',
  };

  it('finds a nameless record by the details and the place it shares, with the reasons', () => {
    const s = scoreRecord(subject, record, 0.72);
    expect(s?.reasons).toEqual(expect.arrayContaining(['details_overlap', 'place_overlap', 'sex_matches', 'age_fits']));
    expect(s?.score).toBeGreaterThanOrEqual(0.9);
  });

  it('leaves out a record whose sex or age contradicts the inquiry, or that shares nothing but them', () => {
    expect(scoreRecord(subject, { ...record, sex: 'female' }, 0.72)).toBeNull();
    expect(scoreRecord(subject, { ...record, ageMin: 18, ageMax: 22 }, 0.72)).toBeNull();
    expect(scoreRecord({ ...subject, distinguishing: null, lastKnownPlace: null }, record, 0.72)).toBeNull();
  });

  it('finds a record with a name written in another script by the name', () => {
    const named = scoreRecord({ ...subject, distinguishing: null, lastKnownPlace: null }, { ...record, names: ['Карим Ахмади'], description: 'Found without papers' }, 0.72);
    expect(named?.reasons).toContain('other_script');
    expect(named?.score).toBeGreaterThan(0.72);
  });
});
