import { obligations, statusAt, type EpisodeFacts, type Obligation, type ObligationKind } from './due-now';
import { removalLocks, splitRemovalLocks, type RemovalLockReason } from './non-refoulement';
import type { Settings } from './settings';

/**
 * How one detention episode stands against the safeguards HQ watches across facilities (docs/domain.md §6:
 * rights within the hour, consular notices sent or blocked, time to a defender, overdue deadlines,
 * children detained). Pure: the same facts give the same answer at a centre and at HQ.
 */
export interface EpisodeCompliance {
  episodeId: string;
  personId: string;
  apprehendedAt: string;
  open: boolean;
  rights: 'within' | 'late' | 'missing';
  /** hours from apprehension to the first notification that reached the person */
  rightsHours: number | null;
  consular: 'sent' | 'blocked' | 'overdue' | 'pending' | 'none';
  hoursToDefender: number | null;
  /** kinds of obligations overdue now (open episodes only) */
  overdue: ObligationKind[];
  child: boolean;
  /**
   * A consulate was told before the person became a protection case (docs/domain.md §5 rule 3): `conflict`
   * until the review is recorded, `reviewed` after; HQ counts both.
   */
  disclosure: 'none' | 'conflict' | 'reviewed';
  /** The asylum claims that belong to this episode: when the person asked, and whether a final decision is awaited. */
  asylumRequests: readonly { expressedAt: string; pending: boolean }[];
  /** Held now while a claim awaits its final decision (open episodes only). */
  asylumPending: boolean;
  /**
   * The legal locks that hold the person's removal now (docs/domain.md §5 rule 4), open episodes only. No
   * assessment yet (`no_check`) is not a hold: it only says removal would need one first (issue #11 §6).
   */
  nonRefoulementHolds: RemovalLockReason[];
  /** Rights were explained with a letter whose translation no lawyer has reviewed (issue #11 §7). */
  draftLetter: boolean;
  /** the languages of those letters, each once, for the people behind the figure */
  draftLetterLanguages: string[];
  /** Refused lawyers and ombudsmen (a safeguard failure, core/contacts.ts): when, who, and whether the head reviewed it. */
  contactRefusals: readonly { at: string; category: 'lawyer' | 'ombudsman'; reviewed: boolean }[];
}

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;

/** `due`: the episode's obligations when already computed (HQ's facts table keeps them); they do not depend on `now`. */
export function episodeCompliance(f: EpisodeFacts, s: Settings, now: number, due?: readonly Obligation[]): EpisodeCompliance | null {
  // An episode still being typed in has no apprehension time yet: nothing can be measured against it.
  if (f.apprehendedAt === null) return null;
  const apprehendedAt = f.apprehendedAt;
  const firstRights = f.rights.reduce<string | null>((m, r) => (m === null || r.at < m ? r.at : m), null);
  const rightsHours = firstRights === null ? null : hoursBetween(apprehendedAt, firstRights);
  const rights = rightsHours === null ? 'missing' : rightsHours <= s.rightsNotificationHours ? 'within' : 'late';
  const open = f.state !== 'CLOSED';
  // Only an open episode has obligations overdue now; the deadline rules are the costly part, so a closed one skips them.
  const overdue = open ? (due ?? obligations(f, s)).filter((o) => statusAt(o, now, f.state, f.termEnd) === 'overdue').map((o) => o.kind) : [];
  const state = f.consular?.state ?? null;
  const consular =
    state === null
      ? 'none'
      : state === 'SENT' || state === 'ACKNOWLEDGED' || state === 'VISITED'
        ? 'sent'
        : state === 'BLOCKED_PROTECTION' || state === 'BLOCKED_OPPOSED'
          ? 'blocked'
          : overdue.includes('consular_send') || overdue.includes('consular_inform')
            ? 'overdue'
            : 'pending';
  return {
    episodeId: f.episodeId,
    personId: f.personId,
    apprehendedAt,
    open,
    rights,
    rightsHours,
    consular,
    hoursToDefender: f.legalAid.firstContactAt === null ? null : hoursBetween(apprehendedAt, f.legalAid.firstContactAt),
    overdue,
    child: f.flags.includes('child'),
    disclosure: f.consular?.disclosure ?? 'none',
    asylumRequests: f.asylum.filter((a) => a.episodeId === f.episodeId).map((a) => ({ expressedAt: a.expressedAt, pending: a.pending ?? true })),
    asylumPending: open && f.flags.includes('asylum'),
    nonRefoulementHolds: open
      ? splitRemovalLocks(
          removalLocks({
            asylumPending: f.flags.includes('asylum'),
            refugee: f.flags.includes('refugee'),
            traffickingPresumed: f.flags.includes('trafficking'),
            latestCheck: f.removalCheck ?? null,
          }),
        ).legal
      : [],
    draftLetter: f.rights.some((r) => r.letterStatus === 'draft'),
    draftLetterLanguages: [...new Set(f.rights.filter((r) => r.letterStatus === 'draft').map((r) => r.language))],
    contactRefusals: (f.contactRefusals ?? []).map((r) => ({ at: r.at, category: r.category, reviewed: r.reviewed })),
  };
}

export interface ComplianceSummary {
  episodes: number;
  rightsWithinLimit: number;
  rightsLate: number;
  rightsMissing: number;
  consularSent: number;
  consularBlocked: number;
  consularOverdue: number;
  medianHoursToDefender: number | null;
  withoutDefender: number;
  overdueNow: number;
  childrenHeldNow: number;
  heldNow: number;
  /** every disclosure conflict on record, whatever the period: a consulate told cannot be untold */
  disclosureConflicts: number;
  /** of those, not yet reviewed */
  disclosureUnreviewed: number;
  /** asylum claims made in the period (by the day the person asked), wherever the episode began */
  asylumRequests: number;
  /** people held now whose asylum claim awaits its final decision */
  asylumPendingNow: number;
  /** people held now whose removal a non-refoulement lock holds (docs/domain.md §5 rule 4) */
  nonRefoulementHoldsNow: number;
  /** episodes in the period whose rights were explained with an unreviewed (draft) letter */
  rightsDraftLetter: number;
  /** refused lawyers and ombudsmen, by the day of the refusal (issue #15 §1): safeguard failures */
  contactRefusalsLawyer: number;
  contactRefusalsOmbudsman: number;
  /** every such refusal whose review by the centre head is not recorded, whatever the period */
  contactRefusalsUnreviewed: number;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Period figures count episodes apprehended in [from, to]; "now" figures (held, overdue, children)
 * count every open episode, because a child held since last year is still held today. Asylum claims
 * count by the instant the person asked (`claimInPeriod`, an instant's test), since a claim often comes weeks
 * into a stay, and refused lawyers and ombudsmen by the instant of the refusal; without it, those of the
 * episodes in the period. `heldHere` are the episodes the "now" figures count, when they are not `all`: at
 * HQ, a facility's first hours are those of the episodes it admitted, and its people held now are those it
 * holds now, a transfer received included (issue #15 §6).
 */
export function summarizeCompliance(
  all: readonly EpisodeCompliance[],
  inPeriod: (c: EpisodeCompliance) => boolean,
  claimInPeriod?: (expressedAt: string) => boolean,
  heldHere: readonly EpisodeCompliance[] = all,
): ComplianceSummary {
  const period = all.filter(inPeriod);
  const openNow = heldHere.filter((c) => c.open);
  const count = (xs: readonly EpisodeCompliance[], p: (c: EpisodeCompliance) => boolean) => xs.reduce((n, c) => (p(c) ? n + 1 : n), 0);
  const defender = period.flatMap((c) => (c.hoursToDefender === null ? [] : [c.hoursToDefender]));
  const rounded = median(defender);
  // A refusal belongs to the period of the day it happened, like a claim (often weeks into a stay).
  const refusals = (category: 'lawyer' | 'ombudsman') =>
    all.reduce((n, c) => n + c.contactRefusals.filter((r) => r.category === category && (claimInPeriod ? claimInPeriod(r.at) : inPeriod(c))).length, 0);
  return {
    episodes: period.length,
    rightsWithinLimit: count(period, (c) => c.rights === 'within'),
    rightsLate: count(period, (c) => c.rights === 'late'),
    rightsMissing: count(period, (c) => c.rights === 'missing'),
    consularSent: count(period, (c) => c.consular === 'sent'),
    consularBlocked: count(period, (c) => c.consular === 'blocked'),
    consularOverdue: count(period, (c) => c.consular === 'overdue'),
    medianHoursToDefender: rounded === null ? null : Math.round(rounded * 10) / 10,
    withoutDefender: period.length - defender.length,
    overdueNow: count(openNow, (c) => c.overdue.length > 0),
    childrenHeldNow: count(openNow, (c) => c.child),
    heldNow: openNow.length,
    disclosureConflicts: count(all, (c) => c.disclosure !== 'none'),
    disclosureUnreviewed: count(all, (c) => c.disclosure === 'conflict'),
    asylumRequests: all.reduce((n, c) => n + c.asylumRequests.filter((r) => (claimInPeriod ? claimInPeriod(r.expressedAt) : inPeriod(c))).length, 0),
    asylumPendingNow: count(openNow, (c) => c.asylumPending),
    nonRefoulementHoldsNow: count(openNow, (c) => c.nonRefoulementHolds.length > 0),
    rightsDraftLetter: count(period, (c) => c.draftLetter),
    contactRefusalsLawyer: refusals('lawyer'),
    contactRefusalsOmbudsman: refusals('ombudsman'),
    contactRefusalsUnreviewed: all.reduce((n, c) => n + c.contactRefusals.filter((r) => !r.reviewed).length, 0),
  };
}
