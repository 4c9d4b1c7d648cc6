import { describe, expect, it } from 'vitest';
import { discrepancies, findInExtract, type InterviewForCheck } from '../../../core/npm/discrepancies';
import type { ExtractPerson } from '../../../core/npm/files';

const generatedAt = '2026-11-25T10:00:00.000Z';

function person(overrides: Partial<ExtractPerson> = {}, safeguards: Partial<ExtractPerson['safeguards']> = {}): ExtractPerson {
  return {
    personId: 'person-1',
    episodeId: 'episode-1',
    registerNo: '3F9A-57',
    nameLatin: 'Mukhammad Rakhimi',
    nameOriginal: 'Мухаммад Рахими',
    nationalities: ['AFG'],
    sex: 'male',
    birthYear: 1991,
    apprehendedAt: '2026-11-20T04:00:00.000Z',
    admittedAt: '2026-11-20T06:00:00.000Z',
    state: 'ACTIVE',
    termEnd: '2026-12-20T06:00:00.000Z',
    releasedAt: null,
    safeguards: {
      rightsNotifiedAt: '2026-11-20T06:00:00.000Z',
      rightsLanguage: 'ru',
      consularState: 'SENT',
      consularSentAt: '2026-11-20T06:00:00.000Z',
      defenderContactAt: '2026-11-20T09:00:00.000Z',
      legalAidWaived: false,
      medicalCheckAt: '2026-11-20T06:10:00.000Z',
      screenedAt: '2026-11-20T06:00:00.000Z',
      interpreterUsed: true,
      ...safeguards,
    },
    overdue: [],
    ...overrides,
  };
}

function interview(confidential: InterviewForCheck['confidential'], pseudonym = 'P-01'): InterviewForCheck {
  return { interviewId: `iv-${pseudonym}`, pseudonym, confidential };
}

describe('discrepancies between the register extract and what the team heard', () => {
  it('finds nothing when the register and the interviews agree', () => {
    const found = discrepancies({ generatedAt, persons: [person()] }, [interview({ intervieweeName: 'Muhammad Rahimi', claims: { rights_informed: 'yes', lawyer_contact: 'unsure' } })]);
    expect(found).toEqual([]);
  });

  it('met_not_in_register: a person met whom nobody in the extract matches, named by pseudonym only', () => {
    const found = discrepancies({ generatedAt, persons: [person()] }, [interview({ intervieweeName: 'Farid Nazari', registerNo: '3F9A-99', claims: {} }, 'P-07')]);
    expect(found).toEqual([{ kind: 'met_not_in_register', subject: 'P-07', detail: null, interviewId: 'iv-P-07', personId: null }]);
    expect(JSON.stringify(found)).not.toMatch(/Farid|Nazari/);
  });

  it('matches by register number exactly, or by the name in another script or spelling', () => {
    const persons = [person(), person({ personId: 'person-2', episodeId: 'episode-2', registerNo: '3F9A-58', nameLatin: 'Zarmina Ahmadi', nameOriginal: 'زرمینه احمدی' })];
    expect(findInExtract(persons, { registerNo: '3f9a-58' })?.personId).toBe('person-2');
    expect(findInExtract(persons, { intervieweeName: 'Мухаммед Рахими' })?.personId).toBe('person-1');
    expect(findInExtract(persons, { intervieweeName: 'Zarminah Akhmadi' })?.personId).toBe('person-2');
    expect(findInExtract(persons, { intervieweeName: 'Ali' })).toBeNull();
  });

  it('an interview without a name or number, or that cannot be opened, is not compared', () => {
    expect(discrepancies({ generatedAt, persons: [person()] }, [interview({ claims: { rights_informed: 'no' } }), interview(null, 'P-02')])).toEqual([]);
  });

  it('safeguard_disputed: the person says no to a safeguard the register records as done', () => {
    const found = discrepancies({ generatedAt, persons: [person()] }, [
      interview({ registerNo: '3F9A-57', claims: { rights_informed: 'no', consular_informed: 'no', lawyer_contact: 'no', medical_exam: 'no', interpreter: 'no' } }, 'P-03'),
    ]);
    expect(found.map((d) => [d.kind, d.detail, d.subject, d.personId])).toEqual([
      ['safeguard_disputed', 'rights_informed', 'P-03', 'person-1'],
      ['safeguard_disputed', 'consular_informed', 'P-03', 'person-1'],
      ['safeguard_disputed', 'lawyer_contact', 'P-03', 'person-1'],
      ['safeguard_disputed', 'medical_exam', 'P-03', 'person-1'],
      ['safeguard_disputed', 'interpreter', 'P-03', 'person-1'],
    ]);
  });

  it('a "no" about a safeguard the register does not claim either is no discrepancy', () => {
    const p = person({}, { defenderContactAt: null, medicalCheckAt: null, interpreterUsed: false, consularState: null, consularSentAt: null, rightsNotifiedAt: null });
    expect(
      discrepancies({ generatedAt, persons: [p] }, [
        interview({ intervieweeName: 'Mukhammad Rakhimi', claims: { lawyer_contact: 'no', medical_exam: 'no', interpreter: 'no', consular_informed: 'no', rights_informed: 'no' } }),
      ]),
    ).toEqual([]);
  });

  it('overdue_deadline: each obligation the extract lists as overdue, by register number', () => {
    const p = person({
      overdue: [
        { kind: 'defender_contact', dueAt: '2026-11-21T04:00:00.000Z' },
        { kind: 'screening', dueAt: '2026-11-21T06:00:00.000Z' },
      ],
    });
    expect(discrepancies({ generatedAt, persons: [p] }, [])).toEqual([
      { kind: 'overdue_deadline', subject: '3F9A-57', detail: 'defender_contact', interviewId: null, personId: 'person-1' },
      { kind: 'overdue_deadline', subject: '3F9A-57', detail: 'screening', interviewId: null, personId: 'person-1' },
    ]);
  });

  it('held_past_term: still held when the term ended before the extract was made', () => {
    const past = person({ termEnd: '2026-11-24T06:00:00.000Z', state: 'RELEASE_DUE' });
    const released = person({ personId: 'person-2', registerNo: '3F9A-60', termEnd: '2026-11-24T06:00:00.000Z', state: 'CLOSED', releasedAt: '2026-11-24T06:00:00.000Z' });
    const future = person({ personId: 'person-3', registerNo: '3F9A-61' });
    expect(discrepancies({ generatedAt, persons: [past, released, future] }, [])).toEqual([
      { kind: 'held_past_term', subject: '3F9A-57', detail: '2026-11-24T06:00:00.000Z', interviewId: null, personId: 'person-1' },
    ]);
  });
});
