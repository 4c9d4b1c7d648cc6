import { latinize, matcherFor, nameKeys, searchKeys } from '../name-matching';
import type { Discrepancy, ExtractPerson, RegisterExtract } from './files';
import type { claimAnswers, safeguardClaims } from './visit';

/**
 * What the team finds when it lays the centre's register extract beside what it saw and heard (OPCAT
 * Art. 20, SPT assessment tool ¶14). Pure: the interviews come in already opened, and the result
 * names people only by their interview pseudonym or their register number — never by name — so it
 * can be shown, printed and stored without unsealing anything.
 */

type Claim = (typeof safeguardClaims)[number];
type Answer = (typeof claimAnswers)[number];

export interface InterviewForCheck {
  interviewId: string;
  pseudonym: string;
  /** The opened confidential part, or null where this installation cannot open it (nothing to compare). */
  confidential: {
    intervieweeName?: string | null;
    registerNo?: string | null;
    claims: Partial<Record<Claim, Answer>>;
  } | null;
}

/** Whether the extract records the safeguard a person's claim is about as done. */
const recordedAsDone: Record<Claim, (p: ExtractPerson) => boolean> = {
  rights_informed: (p) => p.safeguards.rightsNotifiedAt !== null,
  // A consular notice exists only once the person has been told of the right (core/safeguards.ts).
  consular_informed: (p) => p.safeguards.consularState !== null,
  lawyer_contact: (p) => p.safeguards.defenderContactAt !== null,
  medical_exam: (p) => p.safeguards.medicalCheckAt !== null,
  interpreter: (p) => p.safeguards.interpreterUsed,
};

const claimOrder: readonly Claim[] = ['rights_informed', 'consular_informed', 'lawyer_contact', 'medical_exam', 'interpreter'];

const sameRegisterNo = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/**
 * The person of the extract an interviewee is: the register number they gave, exactly; otherwise the
 * name, by the same transliteration-proof keys the register's duplicate check uses (two words of one
 * name in common, or the one word of a one-word name), the closest by score when several share them.
 */
export function findInExtract(persons: readonly ExtractPerson[], who: { intervieweeName?: string | null; registerNo?: string | null }): ExtractPerson | null {
  const no = who.registerNo?.trim();
  if (no) {
    const byNo = persons.find((p) => p.registerNo !== '' && sameRegisterNo(p.registerNo, no));
    if (byNo) return byNo;
  }
  const name = who.intervieweeName?.trim();
  if (!name || !latinize(name)) return null;
  const wanted = searchKeys([name]);
  const keys = wanted.pairs.length ? wanted.pairs : wanted.words;
  if (keys.length === 0) return null;
  const candidates = persons.filter((p) => {
    const held = new Set(nameKeys([p.nameLatin, p.nameOriginal]));
    return keys.some((k) => held.has(k));
  });
  if (candidates.length <= 1) return candidates[0] ?? null;
  const score = matcherFor({ names: [name] });
  let best = candidates[0]!;
  let bestScore = -1;
  for (const c of candidates) {
    const s = score({ names: [c.nameLatin, c.nameOriginal], aliases: [], birthDate: null, nationalities: [] }).score;
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

/** The person is still held (not released, not closed) past the end of the term in the register. */
function heldPastTerm(p: ExtractPerson, at: string): boolean {
  if (p.releasedAt !== null || p.state === 'CLOSED' || p.termEnd === null) return false;
  return Date.parse(p.termEnd) < Date.parse(at);
}

export function discrepancies(extract: Pick<RegisterExtract, 'generatedAt' | 'persons'>, interviews: readonly InterviewForCheck[]): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const i of interviews) {
    const c = i.confidential;
    if (!c) continue;
    const identified = Boolean(c.intervieweeName?.trim() || c.registerNo?.trim());
    const person = identified ? findInExtract(extract.persons, c) : null;
    if (identified && !person) {
      out.push({ kind: 'met_not_in_register', subject: i.pseudonym, detail: null, interviewId: i.interviewId, personId: null });
      continue;
    }
    if (!person) continue;
    for (const claim of claimOrder) {
      if (c.claims[claim] === 'no' && recordedAsDone[claim](person)) {
        // The pseudonym, not the register number: the dispute is what this person told the team.
        out.push({ kind: 'safeguard_disputed', subject: i.pseudonym, detail: claim, interviewId: i.interviewId, personId: person.personId });
      }
    }
  }
  for (const p of extract.persons) {
    const subject = p.registerNo || p.episodeId;
    for (const o of p.overdue) out.push({ kind: 'overdue_deadline', subject, detail: o.kind, interviewId: null, personId: p.personId });
    if (heldPastTerm(p, extract.generatedAt)) out.push({ kind: 'held_past_term', subject, detail: p.termEnd, interviewId: null, personId: p.personId });
  }
  return out;
}
