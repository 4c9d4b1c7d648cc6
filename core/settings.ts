import { z } from 'zod';
import { isoDate, timeZone } from './fields';

/**
 * Every threshold that is not fixed by law is a setting (docs/domain.md: "configurable default"). The
 * defaults below are the domain's; a centre head or administrator may change them, and the change is
 * audited. Nothing in the rules reads a number from anywhere else.
 */
export const settingsSchema = z
  .object({
    timeZone: timeZone.default('Asia/Baku'),
    idleLockMinutes: z.number().int().min(1).max(240).default(15),
    /** Failed sign-ins (per user name, and per client) before a lock; issue #10 §3. */
    signInMaxFailures: z.number().int().min(3).max(20).default(5),
    /** How long that lock holds; the right password does not lift it, an administrator can. */
    signInLockMinutes: z.number().int().min(1).max(1440).default(15),
    /** Art. 74.5 says "immediately"; the alert fires when this has passed since apprehension. */
    rightsNotificationHours: z.number().min(0.25).max(48).default(1),
    defenderContactHours: z.number().min(1).max(168).default(24),
    medicalExamHours: z.number().min(1).max(168).default(24),
    screeningHours: z.number().min(1).max(168).default(24),
    guardianHours: z.number().min(1).max(168).default(24),
    /** An apprehension with no decision to admit or release is flagged after this (issue #11 §4). */
    decisionMissingHours: z.number().min(1).max(168).default(48),
    /** Warn this many working days before the term of detention ends. */
    preExpiryWorkingDays: z.number().int().min(1).max(30).default(5),
    periodicReviewDays: z.number().int().min(1).max(180).default(30),
    /** The periodic review shows as coming up this many days before it is due. */
    reviewWarningDays: z.number().int().min(0).max(60).default(3),
    /** The voluntary-stay limit and the maximum detention show as coming up this many days before. */
    limitWarningDays: z.number().int().min(0).max(90).default(7),
    /** Not found in law (docs/domain.md §4): null means no maximum is enforced, only shown. */
    maxDetentionDays: z.number().int().min(1).max(3650).nullable().default(null),
    voluntaryProtectionMaxMonths: z.number().int().min(1).max(24).default(3),
    /** ISO weekday numbers (1 = Monday … 7 = Sunday) that are not working days. */
    weekendDays: z.array(z.number().int().min(1).max(7)).max(7).default([6, 7]),
    holidays: z.array(isoDate).max(400).default([]),
    /** docs/domain.md §5 rule 3: applying the consular block to presumed trafficking victims is a default. */
    consularBlockForTrafficking: z.boolean().default(true),
    /** Period to leave after a removal notice (2010 Deportation Rules, docs/domain.md §4: 48 h, "verify current"). */
    removalLeaveHours: z.number().min(1).max(720).default(48),
    /** A death in custody: hours to tell the family, the consul, the prosecutor ("immediately") and the ombudsman (issue #15 §6). */
    deathFamilyNotifyHours: z.number().min(1).max(168).default(24),
    deathConsulNotifyHours: z.number().min(1).max(168).default(24),
    deathProsecutorNotifyHours: z.number().min(0.25).max(48).default(1),
    deathOmbudsmanNotifyHours: z.number().min(1).max(168).default(24),
    /** Report to the mission "immediately" (SMS); the service level for a notice that is ready. */
    consularSendHours: z.number().min(1).max(168).default(24),
    /** National policy reports every detention to the consulate; a protection block conflicts with it. */
    nationalConsularReporting: z.boolean().default(true),
    /** Oral notice through an interpreter: the written letter in the person's language is owed within this. */
    writtenLetterHours: z.number().min(1).max(720).default(24),
    /** 2025 news calls the centres "temporary accommodation centres"; the label is not fixed. */
    facilityTypeLabel: z.string().trim().max(120).default(''),
    /** Days the authority has to answer an ombudsman recommendation, from the end of the visit. */
    npmResponseDays: z.number().int().min(1).max(365).default(30),
    /** HQ answers a tracing inquiry within this many working days of receiving it (issue #14 §3). */
    tracingAnswerWorkingDays: z.number().int().min(1).max(60).default(10),
    /** [D] A child is examined at admission and then every this many days (issue #15 §4; no legal interval found, docs/health.md). */
    childMedicalExamDays: z.number().int().min(1).max(90).default(14),
    /** [D] An injury not seen at admission is reported to the prosecutor and the ombudsman within this (docs/health.md). */
    injuryReportHours: z.number().min(1).max(168).default(24),
    /**
     * [D] Working days each addressee has to answer a request or complaint (docs/complaints.md): 15 as we read the
     * Law on Citizens' Appeals (2015) for the centre head, the SMS and the prosecutor; 30 for the ombudsman and a
     * court, whose procedures run longer. Not verified against the text: settings, not rules.
     */
    complaintDaysCentreHead: z.number().int().min(1).max(90).default(15),
    complaintDaysSms: z.number().int().min(1).max(90).default(15),
    complaintDaysOmbudsman: z.number().int().min(1).max(90).default(30),
    complaintDaysCourt: z.number().int().min(1).max(90).default(30),
    complaintDaysProsecutor: z.number().int().min(1).max(90).default(15),
    /** [D] Hours the centre has to forward a complaint to an addressee outside it (NMR r56–57: promptly, without censorship). */
    complaintForwardHours: z.number().min(1).max(168).default(24),
    /** An unanswered request or complaint shows as coming up this many working days before its answer is due. */
    complaintWarningWorkingDays: z.number().int().min(0).max(30).default(3),
    /** [D] MC Art. 90.3 hands the decision's copy and explains the appeal "immediately"; read like Art. 74.5's (rightsNotificationHours). */
    disciplineNoticeHours: z.number().min(0.25).max(24).default(1),
    /** [D] Longest isolation as a disciplinary measure, in days: the CPT's maximum for one offence (21st General Report §56(b)); MC 90.1 not found. */
    disciplineIsolationMaxDays: z.number().int().min(1).max(14).default(14),
    /** [D] Longest restriction of privileges (purchases, parcels beyond the minimum; never contact with a lawyer, consul or the ombudsman), in days. */
    disciplineRestrictionMaxDays: z.number().int().min(1).max(90).default(30),
    /** Sync with HQ on its own whenever HQ is reachable; off leaves only "Sync now" and bundles. */
    autoSync: z.boolean().default(true),
    /** Minutes between automatic syncs (after a failure it retries sooner, never later than this). */
    syncIntervalMinutes: z.number().int().min(1).max(1440).default(15),
    /**
     * The HQ console's Facilities screen: a device that has not pushed for this many hours is amber (worth
     * a phone call), for the red number red (a broken laptop, a centre off the network). Display
     * thresholds, not legal deadlines; red must be later than amber (settingsConflict).
     */
    fleetStaleAmberHours: z.number().min(1).max(720).default(24),
    fleetStaleRedHours: z.number().min(2).max(2160).default(72),
    /**
     * Published HQ outputs (exports, the statistical annex) hide counts below this, with complementary
     * suppression (core/suppression.ts; docs/domain.md §6 "small-cell suppression <5"). Used only at HQ.
     */
    smallCellThreshold: z.number().int().min(2).max(50).default(5),
  })
  .strict();

export type Settings = z.output<typeof settingsSchema>;
export const defaultSettings: Settings = settingsSchema.parse({});

type SettingsShape = typeof settingsSchema.shape;
type WithoutDefaults = { [K in keyof SettingsShape]: SettingsShape[K] extends z.ZodDefault<infer T> ? T : SettingsShape[K] };

/**
 * A partial update from the settings screen; unknown keys are refused. The defaults are taken off
 * first: a partial of defaulted fields would fill every key not sent with its default, and one change
 * would silently reset every other setting.
 */
export const settingsUpdate = z
  .object(Object.fromEntries(Object.entries(settingsSchema.shape).map(([k, s]) => [k, s instanceof z.ZodDefault ? s.unwrap() : s])) as WithoutDefaults)
  .partial()
  .strict();

/**
 * What the per-field bounds cannot say: a rule between two settings. Checked on the whole settings as
 * they would be after an update, so that an update breaking it is refused and nothing changes. The
 * field named is the one the update changed (red, if it changed both), where the screen shows the error.
 */
export function settingsConflict(next: Settings, changed: readonly string[]): { field: keyof Settings; key: 'error.settings.fleetStaleOrder'; params: Record<string, number> } | null {
  if (next.fleetStaleRedHours <= next.fleetStaleAmberHours) {
    const field = changed.includes('fleetStaleRedHours') || !changed.includes('fleetStaleAmberHours') ? 'fleetStaleRedHours' : 'fleetStaleAmberHours';
    return { field, key: 'error.settings.fleetStaleOrder', params: { amber: next.fleetStaleAmberHours, red: next.fleetStaleRedHours } };
  }
  return null;
}
