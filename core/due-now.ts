import type { EpisodeState, Regime } from './episode';
import { healthObligationKinds, healthObligations, medicalObligationKinds, type HealthFacts } from './health';
import { effectiveState } from './episode';
import { contactObligations, type ContactRefusalFact } from './contacts';
import type { Settings } from './settings';
import { disciplineObligations, type DisciplineFact } from './discipline';
import { addCalendarMonths, endOfLocalDay, hours, localDate, startOfLocalDay, workingDaysBefore } from './time';
import type { ReferralType, VulnerabilityFlag } from './vulnerability';
import { complaintObligations, type AppealFacts, type ComplaintFacts } from './complaints';
import { deathObligations, exitObligations, type DeathFacts, type ExitFacts } from './exits';

/**
 * What is owed to a detained person and by when, computed offline from what has been recorded and the
 * clock (docs/domain.md §4). Nothing here is stored as a task: a due item disappears when the record that
 * satisfies it is made, on every device, without anyone closing it.
 */

export const obligationKinds = [
  'decision_missing',
  'medical_check',
  'screening',
  'guardian',
  'child_referral',
  'thb_referral',
  'asylum_forwarding',
  'term_end',
  'release_protocol',
  'periodic_review',
  'voluntary_stay_limit',
  'max_detention',
  'rights_notification',
  'rights_renotify',
  'written_rights_letter',
  'consular_inform',
  'consular_send',
  'defender_contact',
  'child_detained',
  'consular_disclosure_review',
  // issue #15 §1: a refused lawyer or ombudsman, owed the head's review (core/contacts.ts).
  'contact_refused_review',
  // issue #15 §2: requests, complaints and court appeals (core/complaints.ts).
  'complaint_forward',
  'complaint_answer',
  'restricted_complaint',
  'release_ordered',
  // issue #15 §6: the exit pathway and a death in custody (core/exits.ts).
  'removal_period',
  'exit_planned',
  'death_notify_family',
  'death_notify_consul',
  'death_notify_prosecutor',
  'death_notify_ombudsman',
  'body_unclaimed',
  // issue #15 §3: discipline (core/discipline.ts).
  'discipline_decision',
  'discipline_notice',
  // issue #15 §4: health (core/health.ts).
  ...healthObligationKinds,
] as const;
export type ObligationKind = (typeof obligationKinds)[number];

/**
 * What a caller without `protection.read` sees in place of a kind that would name a protection fact
 * of a restricted record (a THB referral says "trafficking"): the item stays, so nothing owed is
 * missed, and it tells the reader whom to ask.
 */
export const restrictedObligationKind = 'restricted';
export const obligationViewKinds = [...obligationKinds, restrictedObligationKind] as const;
export type ObligationViewKind = (typeof obligationViewKinds)[number];

const protectionKinds: ReadonlySet<ObligationKind> = new Set<ObligationKind>(['thb_referral']);

/**
 * In a restricted record (trafficking indicators) a disclosure review may be owed only because of the
 * trafficking flag: naming it would tell a reader without protection.read that the person became a
 * protection case after the consulate was told, so it is masked there too (docs/domain.md §5 rule 6).
 */
const restrictedRecordKinds: ReadonlySet<ObligationKind> = new Set<ObligationKind>(['consular_disclosure_review']);

/** Health items whose kind is medical content are masked without `medical.read` (core/health.ts); by default, as protection. */
export function maskObligationKind(kind: ObligationKind, mayReadProtection: boolean, restrictedRecord = false, mayReadMedical = mayReadProtection): ObligationViewKind {
  if (medicalObligationKinds.has(kind)) return mayReadMedical ? kind : restrictedObligationKind;
  if (mayReadProtection) return kind;
  return protectionKinds.has(kind) || (restrictedRecord && restrictedRecordKinds.has(kind)) ? restrictedObligationKind : kind;
}
export type ObligationStatus = 'overdue' | 'due' | 'upcoming';

export interface EpisodeFacts {
  personId: string;
  episodeId: string;
  state: EpisodeState;
  regime: Regime | null;
  apprehendedAt: string | null;
  admittedAt: string | null;
  termEnd: string | null;
  lastReviewAt: string | null;
  medicalCheckAt: string | null;
  screenedAt: string | null;
  flags: readonly VulnerabilityFlag[];
  guardianAppointed: boolean;
  /** when the first guardian was appointed (HQ's time-to-guardian figure); absent where not loaded */
  guardianAppointedAt?: string | null;
  referrals: readonly { type: ReferralType; stage: string | null }[];
  /**
   * The person's claims. `episodeId` is the episode each belongs to (core/asylum.ts claimEpisode) and
   * `pending` whether it awaits a final decision: both for the figures (docs/domain.md §6), absent elsewhere.
   */
  asylum: readonly { expressedAt: string; forwardedAt: string | null; episodeId?: string | null; pending?: boolean }[];
  /** The non-refoulement check that still speaks to the person's situation (core/non-refoulement.ts currentCheck). */
  removalCheck?: { result: 'cleared' | 'not_cleared'; at: string } | null;
  /**
   * Rights notifications that reached the person (a language they understand, or an interpreter).
   * `recorded` is the clock of the event that recorded it (db/recording-order.ts).
   */
  rights: readonly { at: string; mode: 'written' | 'oral'; language: string; recorded: string; /** the letter's review status (issue #11 §7) */ letterStatus?: 'reviewed' | 'draft' | null }[];
  /** Changes of the person's status that need a fresh notification (asylum, extension), with their recording clock. */
  statusChanges: readonly { at: string; recorded: string }[];
  /** When the person became known as an unaccompanied child (core/vulnerability.ts), null if not one. */
  unaccompaniedChildSince: string | null;
  consular: {
    informedAt: string;
    state: string;
    readySince: string | null;
    /**
     * When a notice already sent became a disclosure conflict (docs/domain.md §5 rule 3: the person is now a
     * protection case) and no review is recorded yet; null otherwise.
     */
    disclosureConflictSince?: string | null;
    /** The disclosure state of the notice (core/safeguards.ts consularDisclosure), for HQ's count. */
    disclosure?: 'none' | 'conflict' | 'reviewed';
  } | null;
  legalAid: { firstContactAt: string | null; waived: boolean };
  /** Refused lawyers and ombudsmen of the episode and whether the head reviewed each (core/contacts.ts). */
  contactRefusals?: readonly ContactRefusalFact[];
  /** Breaches of the internal rules and their measures (core/discipline.ts); absent where not loaded. */
  discipline?: readonly DisciplineFact[];
  /** Requests and complaints of the episode, and its appeals' outcomes (core/complaints.ts). */
  complaints?: readonly ComplaintFacts[];
  appeals?: readonly AppealFacts[];
  /** The exit pathway opened by scheduling the exit and its recorded steps (core/exits.ts). */
  exit?: ExitFacts;
  /** A death in custody: its notifications and the body are owed after the episode closed (core/exits.ts). */
  death?: DeathFacts | null;
  /** Health during the stay (core/health.ts, issue #15 §4). */
  health?: HealthFacts;
}

export interface Obligation {
  kind: ObligationKind;
  personId: string;
  episodeId: string;
  dueAt: string;
  /** From when the item shows as coming up (e.g. T-5 working days before the term ends). */
  warnFrom: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Every open obligation of one episode, independent of the current time. */
export function obligations(f: EpisodeFacts, s: Settings): Obligation[] {
  if (f.state === 'CLOSED') return f.death ? deathObligations(f, f.death, s) : [];
  const out: Obligation[] = [];
  const add = (kind: ObligationKind, dueAt: number, warnFrom: number = dueAt) =>
    out.push({ kind, personId: f.personId, episodeId: f.episodeId, dueAt: iso(dueAt), warnFrom: iso(Math.min(warnFrom, dueAt)) });
  const at = (x: string | null) => (x ? Date.parse(x) : null);
  const apprehended = at(f.apprehendedAt);
  const admitted = at(f.admittedAt);
  const start = admitted ?? apprehended;

  if (f.state === 'DECISION_PENDING' && apprehended !== null) add('decision_missing', apprehended + hours(s.decisionMissingHours), apprehended);

  if (admitted !== null) {
    if (!f.medicalCheckAt) add('medical_check', admitted + hours(s.medicalExamHours), admitted);
    if (!f.screenedAt) add('screening', admitted + hours(s.screeningHours), admitted);
  }

  // §5 rule 5: a child in forced detention is an alert for HQ from the moment it is known (target 0).
  if (start !== null && f.regime === 'forced_court' && f.flags.includes('child')) add('child_detained', start, start);

  // §5 rule 3: a consulate told before the protection fact arose; the review is owed the same day, like
  // the asylum forwarding it feeds (tell the person, record what was disclosed, inform the authority).
  const conflictSince = at(f.consular?.disclosureConflictSince ?? null);
  if (conflictSince !== null) add('consular_disclosure_review', endOfLocalDay(conflictSince, s.timeZone), conflictSince);

  const screened = at(f.screenedAt);
  const has = (flag: VulnerabilityFlag) => f.flags.includes(flag);
  const referred = (type: ReferralType) => f.referrals.some((r) => r.type === type && r.stage !== null);
  // The guardian's clock starts when the child is known to be alone (a later screening, an age
  // assessment), not at the first screening (issue #11 §4); for this episode, not before it began.
  const identified = at(f.unaccompaniedChildSince);
  if (identified !== null && start !== null) {
    const since = Math.max(identified, start);
    if (!f.guardianAppointed) add('guardian', since + hours(s.guardianHours), since);
    if (!referred('child_nrm')) add('child_referral', since + hours(s.guardianHours), since);
  }
  if (screened !== null && has('trafficking') && !referred('thb_nrm')) add('thb_referral', screened + hours(s.screeningHours), screened);

  for (const a of f.asylum) {
    if (a.forwardedAt) continue;
    const expressed = Date.parse(a.expressedAt);
    add('asylum_forwarding', endOfLocalDay(expressed, s.timeZone), expressed);
  }

  if (f.termEnd && (f.state === 'ACTIVE' || f.state === 'EXTENSION_PENDING' || f.state === 'RELEASE_DUE')) {
    const end = Date.parse(f.termEnd);
    const warnDate = workingDaysBefore(localDate(end, s.timeZone), s.preExpiryWorkingDays, s);
    add('term_end', end, startOfLocalDay(warnDate, s.timeZone));
    add('release_protocol', end, end);
  }

  if (admitted !== null && f.state !== 'DECISION_PENDING') {
    const last = at(f.lastReviewAt) ?? admitted;
    const due = last + f_days(s.periodicReviewDays);
    add('periodic_review', due, due - f_days(s.reviewWarningDays));
  }

  if (start !== null && f.regime === 'voluntary_protection') {
    const limit = addCalendarMonths(start, s.voluntaryProtectionMaxMonths);
    add('voluntary_stay_limit', limit, limit - f_days(s.limitWarningDays));
  }
  // Safeguards from the first hour: the clocks start at apprehension (Art. 74.5 "immediately").
  if (apprehended !== null) {
    if (f.rights.length === 0) add('rights_notification', apprehended + hours(s.rightsNotificationHours), apprehended);
    // "After X, Y again" rules compare the order in which records were made, never typed-in times:
    // the asylum form keeps the minute and the rights form the second (issue #11 §2). A notification
    // answers a change of status only if it was recorded after it; the clock runs from the earliest
    // change still unanswered.
    if (f.rights.length > 0) {
      const lastNotice = f.rights.reduce((m, r) => (r.recorded > m ? r.recorded : m), '');
      const unanswered = f.statusChanges.filter((c) => c.recorded > lastNotice).map((c) => Date.parse(c.at));
      if (unanswered.length > 0) {
        const changed = Math.min(...unanswered);
        add('rights_renotify', changed + hours(s.rightsNotificationHours), changed);
      }
    }
    // Oral notice through an interpreter is owed a written letter in the same language (LoR Art. 4(5)),
    // handed after it (in recording order, as above).
    const owed = new Map<string, number>();
    for (const oral of f.rights.filter((r) => r.mode === 'oral')) {
      const written = f.rights.some((r) => r.mode === 'written' && r.language === oral.language && r.recorded > oral.recorded);
      const since = Date.parse(oral.at);
      if (!written && since < (owed.get(oral.language) ?? Infinity)) owed.set(oral.language, since);
    }
    for (const since of owed.values()) add('written_rights_letter', since + hours(s.writtenLetterHours), since);
    if (!f.consular) add('consular_inform', apprehended + hours(s.rightsNotificationHours), apprehended);
    else if (f.consular.state === 'READY' && f.consular.readySince) {
      const ready = Date.parse(f.consular.readySince);
      add('consular_send', ready + hours(s.consularSendHours), ready);
    }
    if (!f.legalAid.firstContactAt && !f.legalAid.waived) add('defender_contact', apprehended + hours(s.defenderContactHours), apprehended);
  }

  out.push(...disciplineObligations(f, s));
  if (start !== null && s.maxDetentionDays !== null) {
    const due = start + f_days(s.maxDetentionDays);
    add('max_detention', due, due - f_days(s.limitWarningDays));
  }
  if (f.exit) out.push(...exitObligations(f, f.exit, s));
  if (f.health)
    for (const h of healthObligations(f.health, { state: f.state, admittedAt: f.admittedAt, admissionExamAt: f.medicalCheckAt, child: f.flags.includes('child') }, s)) add(h.kind, h.dueAt, h.warnFrom);
  out.push(...complaintObligations(f, s));
  out.push(...contactObligations(f, s));
  return out;
}

function f_days(n: number): number {
  return n * 86_400_000;
}

/**
 * The term-end warning and the release protocol share a deadline; before the term ends only the warning
 * is shown, after it only the release protocol (the episode is then RELEASE_DUE).
 */
export function statusAt(o: Obligation, now: number, recorded: EpisodeState, termEnd: string | null): ObligationStatus | null {
  const state = effectiveState(recorded, termEnd, now);
  if (o.kind === 'term_end' && state === 'RELEASE_DUE') return null;
  if (o.kind === 'release_protocol' && state !== 'RELEASE_DUE') return null;
  // "Within 24 hours" includes the 24th hour's last instant: at the due time the item is still due,
  // one moment later it is overdue (as compliance counts "within", core/compliance.ts). Issue #11 §4.
  // A child in forced detention is an alert, not a deadline (§5 rule 5, target 0): overdue at once.
  const due = Date.parse(o.dueAt);
  if (now > due || (o.kind === 'child_detained' && now >= due)) return 'overdue';
  if (now >= Date.parse(o.warnFrom)) return 'due';
  return 'upcoming';
}

/** The earliest deadline still open, for sorting the register (independent of the clock). */
export function nextDue(list: readonly Obligation[]): Obligation | null {
  let best: Obligation | null = null;
  for (const o of list) {
    if (o.kind === 'release_protocol') continue;
    if (!best || o.dueAt < best.dueAt) best = o;
  }
  return best;
}
