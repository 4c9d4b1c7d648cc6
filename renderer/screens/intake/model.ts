import type { z } from 'zod';
import type { duplicateMatch } from '../../../core/contract/register-views';
import { intakeDateIssues, type IntakeInput } from '../../../core/intake';
import {
  decisionInput,
  documentInput,
  emptyDecision,
  emptyHandover,
  emptyMedical,
  handoverInput,
  medicalInput,
  propertyInput,
  type DecisionValues,
  type DocumentRow,
  type HandoverValues,
  type MedicalValues,
  type PropertyRow,
} from '../../components/register-fieldsets';
import { opt } from '../../contract-form';
import { localInputToIso } from '../../datetime';

/**
 * The intake form's values: what the inputs hold, under the contract's paths wherever the contract has
 * the value (so "admission.decision.termEnd" from the server lands on that input). What only the form
 * needs (which step, the duplicate decision) sits beside them.
 */
export type DuplicateMatchView = z.infer<typeof duplicateMatch>;

export interface IntakeValues {
  existingPersonId: string;
  /** The record chosen by "Use this record", kept to show it (and to survive a reload with the draft). */
  existingPerson: Pick<DuplicateMatchView['person'], 'personId' | 'registerNo' | 'nameLatin' | 'nameOriginal' | 'birthDate'> | null;
  /** Matches the registrar has seen and decided are someone else ("Create a new person"). */
  dismissedMatches: string[];
  person: {
    names: { original: string; latin: string; patronymic: string; aliases: { value: string }[] };
    sex: string;
    birthMode: 'date' | 'estimate' | 'unknown';
    birth: { date: string; basis: string };
    nationalities: string[];
    stateless: boolean;
    languages: string[];
  };
  documents: DocumentRow[];
  apprehension: { at: string; place: string; authority: string };
  hasDecision: 'yes' | 'no';
  admission: {
    regime: string;
    decision: DecisionValues;
    admittedAt: string;
    handover: HandoverValues;
    medicalDone: boolean;
    medical: MedicalValues;
    property: PropertyRow[];
  };
}

export function blankIntake(nowLocal: string): IntakeValues {
  return {
    existingPersonId: '',
    existingPerson: null,
    dismissedMatches: [],
    person: {
      names: { original: '', latin: '', patronymic: '', aliases: [] },
      sex: '',
      birthMode: 'date',
      birth: { date: '', basis: '' },
      nationalities: [],
      stateless: false,
      languages: [],
    },
    documents: [],
    apprehension: { at: '', place: '', authority: '' },
    hasDecision: 'yes',
    admission: {
      regime: '',
      decision: emptyDecision,
      admittedAt: nowLocal,
      handover: emptyHandover,
      medicalDone: true,
      medical: emptyMedical(nowLocal),
      property: [],
    },
  };
}

export const steps = ['person', 'documents', 'apprehension', 'admission', 'review'] as const;
export type Step = (typeof steps)[number];

/** How the intake would be sent: checked as a whole, saved holding for a decision, or admitted. */
export type Mode = 'check' | 'hold' | 'admit';

export function toIntakeInput(v: IntakeValues, zone: string, mode: Mode, draftId?: string): unknown {
  const iso = (s: string) => localInputToIso(s, zone);
  const p = v.person;
  const admit = mode === 'admit' || (mode === 'check' && v.hasDecision === 'yes');
  const a = v.admission;
  return {
    ...(v.existingPersonId ? { existingPersonId: v.existingPersonId } : {}),
    ...(v.existingPersonId
      ? {}
      : {
          person: {
            names: {
              original: opt(p.names.original),
              latin: opt(p.names.latin),
              patronymic: opt(p.names.patronymic),
              aliases: p.names.aliases.map((x) => opt(x.value)),
            },
            sex: opt(p.sex),
            birth: p.birthMode === 'unknown' ? undefined : { date: opt(p.birth.date), estimated: p.birthMode === 'estimate', basis: p.birthMode === 'estimate' ? opt(p.birth.basis) : undefined },
            nationalities: p.stateless ? [] : p.nationalities,
            stateless: p.stateless,
            languages: p.languages,
          },
        }),
    documents: v.documents.map(documentInput),
    apprehension: { at: iso(v.apprehension.at), place: opt(v.apprehension.place), authority: opt(v.apprehension.authority) },
    ...(admit
      ? {
          admission: {
            regime: opt(a.regime),
            decision: v.hasDecision === 'yes' ? decisionInput(a.decision, iso) : undefined,
            admittedAt: iso(a.admittedAt),
            handover: handoverInput(a.handover),
            medical: a.medicalDone ? medicalInput(a.medical, iso) : undefined,
            property: propertyInput(a.property),
          },
        }
      : {}),
    ...(draftId ? { draftId } : {}),
  };
}

/** The contract's path of a problem to the form's path (rows of aliases hold objects). */
export function intakeFormPath(path: string): string {
  if (/^person\.names\.aliases\.\d+$/.test(path)) return `${path}.value`;
  if (path === 'person' || path === 'existingPersonId') return 'root';
  if (path === 'admission.decision') return 'hasDecision';
  return path;
}

/** Which step asks for a field, so a problem found later (or by the server) opens the right step. */
export function stepOf(path: string): Step {
  if (path.startsWith('person') || path === 'existingPersonId' || path === 'root') return 'person';
  if (path.startsWith('documents')) return 'documents';
  if (path.startsWith('apprehension') || path === 'hasDecision' || path === 'admission.regime' || path.startsWith('admission.decision')) return 'apprehension';
  if (path.startsWith('admission')) return 'admission';
  return 'review';
}

/** The server's impossible-date rules (birth in the future, admission before apprehension), in the browser. */
export function dateIssues(input: unknown, now: number, timeZone: string): { path: string; key: string }[] {
  try {
    return intakeDateIssues(input as IntakeInput, now, timeZone).filter((i) => {
      // Only dates that were actually typed: an empty box is "required", said by the schema.
      const value = i.path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), input);
      return typeof value === 'string' && value.length > 0;
    });
  } catch {
    return [];
  }
}
