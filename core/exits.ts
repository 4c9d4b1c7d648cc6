import { z } from 'zod';
import { nationalityCode } from './countries';
import type { EpisodeFacts, Obligation, ObligationKind } from './due-now';
import type { OutcomeType } from './episode';
import { isoDate, isoInstant, optionalText, text } from './fields';
import type { Settings } from './settings';
import { hours } from './time';
import type { VulnerabilityFlag } from './vulnerability';

/**
 * Every way out (issue #15 §6, docs/exits.md): an exit outcome is reached through a pathway of recorded
 * steps. Scheduling the exit (episodes.scheduleExit, its planned outcome) opens the pathway, each step is
 * an exit.stepRecorded event, and closing the episode with that outcome needs every step on record.
 * Outcomes without a pathway (transfers, escape) close as before; a death has its own record (below).
 */
export const exitPathways = ['voluntary_departure', 'avr_iom', 'readmission', 'removal', 'release_term', 'release_court', 'regularisation', 'thb_permit'] as const;
export type ExitPathway = (typeof exitPathways)[number];

export const exitStepKinds = [
  'departure',
  'counselling',
  'consent',
  'travel_document',
  'readmission_request',
  'readmission_acceptance',
  'handover',
  'removal_notice',
  'release_protocol',
  'court_order',
  'residence_permit',
  'registered_address',
  'thb_permit',
] as const;
export type ExitStepKind = (typeof exitStepKinds)[number];

export const pathwayOfOutcome: Partial<Record<OutcomeType, ExitPathway>> = {
  departed_voluntarily: 'voluntary_departure',
  avr_iom: 'avr_iom',
  deported_readmission: 'readmission',
  expelled: 'removal',
  released_term_expired: 'release_term',
  released_decision: 'release_court',
  regularised: 'regularisation',
  thb_residence_permit: 'thb_permit',
};

/** The steps of each pathway, in the order they are taken; the last of a removal-type pathway is the person leaving. */
export const pathwaySteps: Record<ExitPathway, readonly ExitStepKind[]> = {
  voluntary_departure: ['departure'],
  avr_iom: ['counselling', 'consent', 'travel_document', 'departure'],
  readmission: ['readmission_request', 'readmission_acceptance', 'travel_document', 'handover'],
  removal: ['removal_notice', 'departure'],
  release_term: ['release_protocol'],
  release_court: ['court_order'],
  regularisation: ['residence_permit', 'registered_address'],
  thb_permit: ['thb_permit'],
};

/** Steps that need another first: consent follows counselling, acceptance a request, and leaving needs every other step. */
export function prerequisites(pathway: ExitPathway, step: ExitStepKind): ExitStepKind[] {
  if (step === 'consent') return ['counselling'];
  if (step === 'readmission_acceptance') return ['readmission_request'];
  const steps = pathwaySteps[pathway];
  if ((step === 'departure' || step === 'handover') && steps.length > 1 && steps.at(-1) === step) return steps.slice(0, -1);
  return [];
}

/** The trafficking victim's permit is protection data (docs/domain.md §5 rule 6): read and recorded with protection.read only. */
export const restrictedSteps: ReadonlySet<ExitStepKind> = new Set<ExitStepKind>(['thb_permit']);
export const restrictedOutcomes: ReadonlySet<OutcomeType> = new Set<OutcomeType>(['thb_residence_permit']);

export const travelDocumentTypes = ['passport', 'laissez_passer', 'emergency_travel_document', 'other'] as const;

const step = <K extends ExitStepKind, S extends z.ZodRawShape>(kind: K, shape: S) => z.object({ kind: z.literal(kind), at: isoInstant, ...shape }).strict();

/** One step of a pathway; `at` is when it happened (a notice served, a permit issued, the person leaving). */
export const exitStepSchema = z.discriminatedUnion('kind', [
  step('departure', { place: text(300), flight: optionalText(100), escort: optionalText(300) }),
  step('counselling', { by: text(200), language: text(60) }),
  step('consent', { language: text(60), informed: z.boolean(), understood: z.boolean(), interpreter: optionalText(200) })
    // Consent to return counts only if it was informed and given in a language the person understands (docs/domain.md §5 rule 2).
    .refine((c) => c.informed, { message: 'error.exit.consentNotInformed', path: ['informed'] })
    .refine((c) => c.understood, { message: 'error.exit.consentNotUnderstood', path: ['understood'] }),
  step('travel_document', { type: z.enum(travelDocumentTypes), number: text(60), issuedBy: text(200) }),
  step('readmission_request', { state: nationalityCode, agreement: text(300), reference: text(100) }),
  step('readmission_acceptance', { reference: text(100) }),
  step('handover', { place: text(300), receivingOfficer: text(300) }),
  step('removal_notice', { language: text(60), interpreter: optionalText(200) }),
  step('release_protocol', { number: text(100) }),
  step('court_order', { court: text(300), reference: text(100), decidedOn: isoDate }),
  step('residence_permit', { number: text(100), validUntil: isoDate }),
  step('registered_address', { address: text(500) }),
  step('thb_permit', { number: text(100), validUntil: isoDate }),
]);
export type ExitStep = z.output<typeof exitStepSchema>;

/** What has been recorded for an episode's exit, as the obligations need it. */
export interface ExitFacts {
  plannedAt: string | null;
  pathway: ExitPathway | null;
  /** When each recorded step happened. */
  steps: Partial<Record<ExitStepKind, string>>;
}

/** Steps of the outcome's pathway not yet recorded (empty for an outcome without a pathway). */
export function missingSteps(outcome: OutcomeType, recorded: Partial<Record<ExitStepKind, unknown>>): ExitStepKind[] {
  const pathway = pathwayOfOutcome[outcome];
  return pathway ? pathwaySteps[pathway].filter((s) => recorded[s] === undefined) : [];
}

/**
 * The earliest moment a removal may be carried out: the period to leave after the notice has run
 * (48 h, 2010 Deportation Rules [DepRules], docs/domain.md §4 — "verify current", hence a setting).
 */
export function removalAllowedFrom(noticeServedAt: string, s: Pick<Settings, 'removalLeaveHours'>): number {
  return Date.parse(noticeServedAt) + hours(s.removalLeaveHours);
}

/** A removal before the period to leave has run is refused; at its last instant it has run. */
export function removalTooEarly(at: string, noticeServedAt: string, s: Pick<Settings, 'removalLeaveHours'>): boolean {
  return Date.parse(at) < removalAllowedFrom(noticeServedAt, s);
}

/** A new exit may not be a hospital transfer: a hospital stay keeps the person held and the clocks running (issue #15 §4). */
export const retiredOutcomes: ReadonlySet<OutcomeType> = new Set<OutcomeType>(['transferred_hospital']);

// ——— Death in custody ———

export const deathRecipients = ['family', 'consul', 'prosecutor', 'ombudsman'] as const;
export type DeathRecipient = (typeof deathRecipients)[number];
export const notificationChannels = ['in_person', 'phone', 'letter', 'email', 'diplomatic_note', 'other'] as const;

export const deathSchema = z
  .object({
    diedAt: isoInstant,
    place: text(300),
    circumstances: text(4000),
    foundBy: text(200),
    foundAt: isoInstant,
    certificate: z.object({ doctor: text(200), number: text(100), cause: text(1000) }).strict(),
    familyKnown: z.boolean(),
  })
  .strict()
  .refine((d) => Date.parse(d.foundAt) >= Date.parse(d.diedAt), { message: 'error.death.foundBeforeDeath', path: ['foundAt'] });
export type Death = z.output<typeof deathSchema>;

export const deathNotificationSchema = z
  .object({ recipient: z.enum(deathRecipients), at: isoInstant, toWhom: text(300), channel: z.enum(notificationChannels), reference: optionalText(200) })
  .strict();

export const bodyClaimSchema = z.object({ at: isoInstant, by: text(300), relationship: optionalText(200) }).strict();
export const stateBurialSchema = z.object({ at: isoInstant, place: text(300), arrangedBy: text(300) }).strict();
export const bodyRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('claimed'), ...bodyClaimSchema.shape }).strict(),
  z.object({ kind: z.literal('state_burial'), ...stateBurialSchema.shape }).strict(),
]);
export type BodyRecord = z.output<typeof bodyRecordSchema>;

/** Days after which an unclaimed body is buried by the state (MC 2025 amendment [MC2025-icma], docs/domain.md §4). */
export const unclaimedBodyDays = 7;
export const stateBurialFrom = (diedAt: string) => Date.parse(diedAt) + unclaimedBodyDays * 86_400_000;

/** What a death in custody needs for its obligations. */
export interface DeathFacts {
  diedAt: string;
  familyKnown: boolean;
  notified: readonly DeathRecipient[];
  body: 'claimed' | 'state_burial' | null;
}

/**
 * The consul is told of a death only where consular contact is not blocked by protection (an asylum
 * seeker, a refugee, a presumed trafficking victim: docs/domain.md §5 rule 3); then it is no obligation.
 */
export function consulBlocked(flags: readonly VulnerabilityFlag[], s: Pick<Settings, 'consularBlockForTrafficking'>): boolean {
  return flags.includes('asylum') || flags.includes('refugee') || (s.consularBlockForTrafficking && flags.includes('trafficking'));
}

const notifyKind: Record<DeathRecipient, ObligationKind> = {
  family: 'death_notify_family',
  consul: 'death_notify_consul',
  prosecutor: 'death_notify_prosecutor',
  ombudsman: 'death_notify_ombudsman',
};
const notifyHours = (r: DeathRecipient, s: Settings) =>
  r === 'family' ? s.deathFamilyNotifyHours : r === 'consul' ? s.deathConsulNotifyHours : r === 'prosecutor' ? s.deathProsecutorNotifyHours : s.deathOmbudsmanNotifyHours;

/** What is owed after a death in custody: the episode is closed, these are not (issue #15 §6). */
export function deathObligations(f: Pick<EpisodeFacts, 'personId' | 'episodeId' | 'flags'>, d: DeathFacts, s: Settings): Obligation[] {
  const died = Date.parse(d.diedAt);
  const out: Obligation[] = [];
  const add = (kind: ObligationKind, due: number, warn: number) =>
    out.push({ kind, personId: f.personId, episodeId: f.episodeId, dueAt: new Date(due).toISOString(), warnFrom: new Date(warn).toISOString() });
  for (const r of deathRecipients) {
    if (d.notified.includes(r)) continue;
    if (r === 'family' && !d.familyKnown) continue;
    if (r === 'consul' && consulBlocked(f.flags, s)) continue;
    add(notifyKind[r], died + hours(notifyHours(r, s)), died);
  }
  // Until the seventh day the body waits to be claimed; after it, the state burial is owed.
  if (d.body === null) add('body_unclaimed', stateBurialFrom(d.diedAt), died);
  return out;
}

/** What the exit pathway owes while the episode is open: leaving once the removal period has run, and the planned date. */
export function exitObligations(f: Pick<EpisodeFacts, 'personId' | 'episodeId' | 'state'>, x: ExitFacts, s: Settings): Obligation[] {
  if (f.state === 'CLOSED') return [];
  const out: Obligation[] = [];
  const add = (kind: ObligationKind, due: number, warn: number) =>
    out.push({ kind, personId: f.personId, episodeId: f.episodeId, dueAt: new Date(due).toISOString(), warnFrom: new Date(Math.min(warn, due)).toISOString() });
  const notice = x.steps.removal_notice;
  if (x.pathway === 'removal' && notice) add('removal_period', removalAllowedFrom(notice, s), Date.parse(notice));
  if (f.state === 'EXIT_PENDING' && x.plannedAt) add('exit_planned', Date.parse(x.plannedAt), Date.parse(x.plannedAt));
  return out;
}
