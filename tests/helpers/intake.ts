import type { z } from 'zod';
import type { intakeSchema } from '../../core/intake';

type IntakeInput = z.input<typeof intakeSchema>;

/** A complete, lawful intake at `at` (apprehended two hours earlier, a 30-day court decision). */
export function intakeAt(at: number, overrides: Partial<IntakeInput> = {}, person: Partial<NonNullable<IntakeInput['person']>> = {}): IntakeInput {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    person: {
      names: { original: 'Мухаммад Рахими', latin: 'Mukhammad Rakhimi', aliases: [] },
      sex: 'male',
      birth: { date: '1991-03-14', estimated: false },
      nationalities: ['AFG'],
      stateless: false,
      languages: ['fa', 'ru'],
      ...person,
    },
    documents: [{ type: 'passport', series: 'P', number: '0123456', issuingState: 'AFG', verification: 'unverified' }],
    apprehension: { at: iso(at - 2 * 3_600_000), place: 'Baku, Nizami district', authority: 'Migration police' },
    admission: {
      regime: 'forced_court',
      decision: {
        issuingBody: 'Nasimi District Court',
        officialPosition: 'Judge',
        officialName: 'R. Quliyev',
        basis: 'Migration Code, expulsion pending',
        date: iso(at - 3_600_000).slice(0, 10),
        number: '2-1234/2026',
        termEnd: iso(at + 30 * 86_400_000),
      },
      admittedAt: iso(at),
      handover: { body: 'Migration police', officerPosition: 'Inspector', officerName: 'E. Məmmədov', serviceId: 'MP-4471', signed: true },
      medical: { at: iso(at + 600_000), examiner: 'Dr. S. Əliyeva', visibleInjuries: false, illTreatmentComplaint: false },
      property: [{ item: 'Mobile phone', quantity: 1 }],
    },
    ...overrides,
  };
}

export const hour = 3_600_000;
export const day = 86_400_000;
