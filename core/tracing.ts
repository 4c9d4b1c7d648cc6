import type { z } from 'zod';
import type { candidateReason, disclosureState, protectionReason } from './contract/tracing';
import type { RequesterCategory } from './contract/tracing-shared';
import { latinize, matcherFor, type NameQuery } from './name-matching';
import type { Settings } from './settings';
import { addCalendarDays, isWorkingDay } from './time';

/**
 * The rules of a tracing inquiry (issue #14 §3, docs/hq-console.md "Tracing inquiries"): when it is due,
 * what an answer may disclose, and how a record of an unidentified person or a death fits an inquiry.
 */

export type DisclosureState = z.infer<typeof disclosureState>;
export type ProtectionReason = z.infer<typeof protectionReason>;
export type CandidateReason = z.infer<typeof candidateReason>;

/** `n` working days after `date` (weekends and holidays from the settings do not count). */
export function workingDaysAfter(date: string, n: number, s: Pick<Settings, 'weekendDays' | 'holidays'>): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d, s)) left--;
  }
  return d;
}

/** An inquiry still waiting for its answer after its due day is overdue. */
export function isOverdue(status: 'open' | 'answered' | 'closed', dueOn: string, today: string): boolean {
  return status === 'open' && dueOn < today;
}

/**
 * The person's own answers through the centre (the HQ -> centre channel, tracingCentre.centreAnswers):
 * the latest answer to each question counts.
 */
export interface PersonAnswers {
  consentToDisclose: 'given' | 'refused' | null;
  contact: 'accepted' | 'refused' | null;
  /** a question was put to the person and is not answered yet */
  pending: boolean;
}

/**
 * Whether an answer to this requester may say where the person is.
 * - A person who refused contact, or refused the disclosure, is not disclosed to anyone: the answer says
 *   so and nothing of whereabouts.
 * - The consulate is the authority of the country of origin: for an asylum seeker, a refugee or a
 *   presumed victim of trafficking nothing goes to it without the person's consent (docs/domain.md §5
 *   rule 3, §6; Refugee Convention Art. 33; CAO 29), and a question still pending does not count as consent.
 * - Otherwise the inquiry's legal basis stands.
 */
export function disclosureFor(category: RequesterCategory, protection: readonly ProtectionReason[], answers: PersonAnswers): DisclosureState {
  if (answers.contact === 'refused') return 'contact_refused';
  if (answers.consentToDisclose === 'refused') return 'consent_refused';
  if (category === 'consulate' && protection.length > 0) {
    if (answers.consentToDisclose === 'given') return 'consent_given';
    return answers.pending ? 'consent_pending' : 'withheld_protection';
  }
  return answers.consentToDisclose === 'given' ? 'consent_given' : 'may_disclose';
}

export const disclosureAllowed = (d: DisclosureState): boolean => d === 'may_disclose' || d === 'consent_given';

/** What the inquiry says of the person sought, as the record matcher needs it. */
export interface InquirySubjectFacts {
  names: readonly string[];
  sex: string | null;
  birthDate: string | null;
  age: number | null;
  nationality: string | null;
  lastKnownPlace: string | null;
  distinguishing: string | null;
}

/** What a record of an unidentified person or a death says. */
export interface FoundRecordFacts {
  names: readonly string[];
  sex: string;
  ageMin: number | null;
  ageMax: number | null;
  nationality: string | null;
  description: string;
  foundPlace: string;
  foundOn: string;
}

/** Words that carry meaning in a description ("scar", "anchor", "astara"), in Latin letters, any script in. */
function meaningfulWords(textIn: string | null): Set<string> {
  if (!textIn) return new Set();
  return new Set(
    latinize(textIn)
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 4 && !stopWords.has(w)),
  );
}
const stopWords = new Set(['with', 'from', 'that', 'this', 'have', 'were', 'when', 'there', 'their', 'about', 'near', 'last', 'seen', 'left', 'right', 'wearing']);

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

/** The age the inquiry gives for the day the record was made, if it gives one. */
function ageOn(subject: InquirySubjectFacts, day: string): number | null {
  if (subject.birthDate) {
    const [by, bm, bd] = subject.birthDate.split('-').map(Number) as [number, number, number];
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  }
  return subject.age;
}

/** Below this a record is not shown as a candidate. */
export const minimumRecordScore = 0.6;

/**
 * How well a record of an unidentified person or a death fits an inquiry. A record with names is scored
 * by the name matcher (core/name-matching.ts) like any person; one without is compared on what it
 * describes: sex and age must not contradict the inquiry, and a shared distinguishing detail or place
 * is what makes it a candidate at all (sex and age alone fit half the people sought).
 */
export function scoreRecord(subject: InquirySubjectFacts, record: FoundRecordFacts, nameMinimum: number): { score: number; reasons: CandidateReason[] } | null {
  if (subject.sex && subject.sex !== 'unknown' && record.sex !== 'unknown' && subject.sex !== record.sex) return null;
  const age = ageOn(subject, record.foundOn);
  const ageKnown = age !== null && (record.ageMin !== null || record.ageMax !== null);
  const ageFits = ageKnown && age >= (record.ageMin ?? 0) - 2 && age <= (record.ageMax ?? 120) + 2;
  if (ageKnown && !ageFits) return null;

  let named: { score: number; reasons: CandidateReason[] } | null = null;
  if (record.names.length) {
    const query: NameQuery = { names: subject.names, birthDate: null, nationalities: subject.nationality ? [subject.nationality] : [] };
    const s = matcherFor(query)({ names: record.names, aliases: [], birthDate: null, nationalities: record.nationality ? [record.nationality] : [] });
    if (s.score >= nameMinimum) named = { score: s.score, reasons: s.reasons };
  }

  const reasons: CandidateReason[] = [];
  const details = overlap(meaningfulWords(subject.distinguishing), meaningfulWords(record.description));
  const place = overlap(meaningfulWords(subject.lastKnownPlace), meaningfulWords(`${record.foundPlace} ${record.description}`));
  if (details > 0) reasons.push('details_overlap');
  if (place > 0) reasons.push('place_overlap');
  const described = details > 0 || place > 0;
  let score = 0.3 + 0.2 * Math.min(1, details / 2) + 0.1 * Math.min(1, place);
  if (subject.sex && subject.sex !== 'unknown' && subject.sex === record.sex) {
    score += 0.15;
    reasons.push('sex_matches');
  }
  if (ageFits) {
    score += 0.2;
    reasons.push('age_fits');
  }
  if (subject.nationality && subject.nationality === record.nationality) {
    score += 0.05;
    reasons.push('same_nationality');
  }
  score = Math.round(Math.min(1, score) * 1000) / 1000;
  const byDescription = described && score >= minimumRecordScore ? { score, reasons } : null;
  if (named && byDescription) return { score: Math.max(named.score, byDescription.score), reasons: [...new Set([...named.reasons, ...byDescription.reasons])] };
  return named ?? byDescription;
}
