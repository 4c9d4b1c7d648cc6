import { z } from 'zod';
import { admissionStatusSchema } from '../admission-status';
import { asylumExpressionSchema, asylumForwardSchema, asylumStatusChangeSchema } from '../asylum';
import { decisionSchema, exitSchema, handoverSchema, identityDocumentSchema, legalReviewOverrideSchema, medicalCheckSchema, outcomeTypes, regime, propertyItemSchema } from '../episode';
import { isoDate, isoInstant, optionalText, text } from '../fields';
import { admissionSchema, intakeSchema } from '../intake';
import { nationalityCode } from '../countries';
import { nonRefoulementCheckSchema } from '../non-refoulement';
import { needs, signedIn } from '../permissions';
import { latinNameText, personNames, personSummary } from '../person';
import { settingsSchema, settingsUpdate } from '../settings';
import { ageAssessmentSchema, guardianSchema, referralProgressSchema, referralSchema, screeningSchema } from '../vulnerability';
import { devicesOnly, method } from './method';
import { duplicateMatch, episodeState, obligationView, personView, registerBookLine, registerRow, vulnerabilityFlag } from './register-views';

/** The detention register's methods (issue: intake, persons, episodes, vulnerability, register). */

const id = z.string().min(1).max(100);
const ok = z.object({ ok: z.literal(true) });
const recorded = z.object({ eventId: z.string() });
const personAudit = (kind: 'read' | 'change') => ({ kind, entityType: 'person', entityId: (i: { personId: string }) => i.personId });
const correction = <T extends z.ZodType>(changes: T) => z.object({ changes, reason: text(1000), basedOn: id }).strict();

export const personCorrectionChanges = z
  .object({
    'names.original': text(200),
    'names.latin': latinNameText(200),
    'names.patronymic': optionalText(200).nullable(),
    'names.aliases': z.array(text(200)).max(20),
    sex: personSummary.shape.sex,
    'birth.date': isoDate.nullable(),
    'birth.estimated': z.boolean(),
    'birth.basis': optionalText(500).nullable(),
    nationalities: z.array(nationalityCode).max(5),
    stateless: z.boolean(),
    languages: z.array(text(60)).max(10),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'error.correction.nothingChanged' });

export const episodeCorrectionChanges = z
  .object({
    admittedAt: isoInstant,
    regime,
    decision: decisionSchema,
    handover: handoverSchema,
    property: z.array(propertyItemSchema).max(200),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'error.correction.nothingChanged' });

export const registerContract = {
  intake: {
    checkDuplicates: method({
      input: z
        .object({
          names: personNames,
          birthDate: isoDate.optional(),
          nationalities: z.array(nationalityCode).max(5).default([]),
        })
        .strict(),
      output: z.object({ matches: z.array(duplicateMatch) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person_search', entityId: () => null },
      // Intake is a device's work: HQ's console admits no one (docs/hq-console.md).
      servedAt: devicesOnly,
    }),
    submit: method({
      input: intakeSchema,
      output: z.object({ personId: z.string(), episodeId: z.string() }),
      access: needs('person.write'),
    }),
  },
  drafts: {
    save: method({
      input: z.object({ draftId: id.optional(), kind: z.enum(['intake']), title: z.string().trim().max(200), data: z.record(z.string(), z.unknown()) }).strict(),
      output: z.object({ draftId: z.string(), updatedAt: z.string() }),
      access: needs('person.write'),
    }),
    list: method({
      input: z.object({}).strict(),
      output: z.object({ drafts: z.array(z.object({ draftId: z.string(), kind: z.string(), title: z.string(), updatedAt: z.string() })) }),
      access: needs('person.write'),
      // A draft's title is the person's name, and its data is the half-done intake (issue #10 §6).
      audit: { kind: 'read', entityType: 'draft', entityId: () => null },
    }),
    get: method({
      input: z.object({ draftId: id }).strict(),
      output: z.object({ draftId: z.string(), kind: z.string(), title: z.string(), data: z.record(z.string(), z.unknown()), updatedAt: z.string() }),
      access: needs('person.write'),
      audit: { kind: 'read', entityType: 'draft', entityId: (input) => input.draftId },
    }),
    discard: method({ input: z.object({ draftId: id }).strict(), output: ok, access: needs('person.write') }),
  },
  persons: {
    view: method({ input: z.object({ personId: id }).strict(), output: personView, access: needs('person.read'), audit: personAudit('read'), readsRecords: true }),
    search: method({
      input: z.object({ query: z.string().trim().min(1).max(200), birthDate: isoDate.optional(), limit: z.number().int().min(1).max(50).default(10) }).strict(),
      output: z.object({ matches: z.array(duplicateMatch) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person_search', entityId: () => null },
      readsRecords: true,
    }),
    correct: method({
      input: correction(personCorrectionChanges).extend({ personId: id }),
      output: recorded,
      access: needs('person.write'),
    }),
    merge: method({
      input: z.object({ personId: id, intoPersonId: id, reason: text(1000) }).strict(),
      output: recorded,
      access: needs('person.write'),
    }),
    unmerge: method({ input: z.object({ personId: id, reason: text(1000) }).strict(), output: recorded, access: needs('person.write') }),
  },
  conflicts: {
    /** Closes a conflict between concurrent corrections: the right value, chosen by a centre head, with why. */
    resolve: method({
      input: z.object({ entityType: z.enum(['person', 'episode']), entityId: id, field: z.string().min(1).max(100), value: z.unknown(), reason: text(1000) }).strict(),
      output: recorded,
      access: needs('person.override'),
    }),
  },
  documents: {
    add: method({ input: z.object({ personId: id, document: identityDocumentSchema }).strict(), output: recorded, access: needs('person.write') }),
  },
  episodes: {
    admit: method({
      // The same admission as in an intake, for a person first held awaiting a decision.
      input: admissionSchema.extend({ episodeId: id }).refine((v) => v.decision !== undefined, { message: 'error.episode.noAdmissionWithoutDecision', path: ['decision'] }),
      output: recorded,
      access: needs('person.write'),
    }),
    recordMedical: method({ input: z.object({ episodeId: id, medical: medicalCheckSchema }).strict(), output: recorded, access: needs('person.write') }),
    requestExtension: method({ input: z.object({ episodeId: id, at: isoInstant, note: optionalText(2000) }).strict(), output: recorded, access: needs('person.write') }),
    extend: method({ input: z.object({ episodeId: id, decision: decisionSchema }).strict(), output: recorded, access: needs('person.write') }),
    review: method({
      input: z.object({ episodeId: id, at: isoInstant, conclusion: z.enum(['continue', 'release_recommended']), notes: optionalText(4000) }).strict(),
      output: recorded,
      access: needs('person.write'),
    }),
    transfer: method({
      input: z.object({ episodeId: id, at: isoInstant, toFacilityName: text(200), reason: text(1000), handover: handoverSchema }).strict(),
      output: recorded,
      access: needs('person.write'),
    }),
    scheduleExit: method({
      input: z.object({ episodeId: id, plannedAt: isoInstant, plannedOutcome: z.enum(outcomeTypes) }).strict(),
      output: recorded,
      access: needs('person.write'),
    }),
    close: method({
      input: z.object({ episodeId: id, exit: exitSchema, override: legalReviewOverrideSchema.optional() }).strict(),
      output: recorded,
      access: needs('person.write'),
    }),
    correct: method({ input: correction(episodeCorrectionChanges).extend({ episodeId: id }), output: recorded, access: needs('person.write') }),
    recordNonRefoulementCheck: method({
      input: z.object({ episodeId: id, check: nonRefoulementCheckSchema }).strict(),
      output: recorded,
      access: needs('person.override'),
    }),
  },
  vulnerability: {
    screen: method({ input: z.object({ episodeId: id, screening: screeningSchema }).strict(), output: recorded, access: needs('person.write') }),
    refer: method({ input: z.object({ episodeId: id, referral: referralSchema }).strict(), output: z.object({ referralId: z.string() }), access: needs('person.write') }),
    progressReferral: method({ input: z.object({ referralId: id, progress: referralProgressSchema }).strict(), output: recorded, access: needs('person.write') }),
    assessAge: method({ input: z.object({ personId: id, assessment: ageAssessmentSchema }).strict(), output: recorded, access: needs('person.write') }),
    appointGuardian: method({ input: z.object({ personId: id, guardian: guardianSchema }).strict(), output: recorded, access: needs('person.write') }),
  },
  asylum: {
    express: method({
      input: z.object({ personId: id, episodeId: id.optional(), expression: asylumExpressionSchema }).strict(),
      output: z.object({ claimId: z.string() }),
      access: needs('asylum.record'),
    }),
    forward: method({ input: z.object({ claimId: id, forward: asylumForwardSchema }).strict(), output: recorded, access: needs('person.write') }),
    updateStatus: method({ input: z.object({ claimId: id, change: asylumStatusChangeSchema }).strict(), output: recorded, access: needs('person.write') }),
  },
  register: {
    list: method({
      input: z
        .object({
          query: z.string().trim().max(200).default(''),
          nationality: nationalityCode.optional(),
          minDaysHeld: z.number().int().min(0).max(100_000).optional(),
          maxDaysHeld: z.number().int().min(0).max(100_000).optional(),
          deadline: z.enum(['overdue', 'due', 'ok']).optional(),
          flag: vulnerabilityFlag.optional(),
          state: episodeState.optional(),
          includeClosed: z.boolean().default(false),
          sort: z.enum(['deadline', 'admitted', 'name', 'daysHeld', 'registerNo']).default('deadline'),
          direction: z.enum(['asc', 'desc']).default('asc'),
          offset: z.number().int().min(0).max(10_000_000).default(0),
          limit: z.number().int().min(1).max(500).default(100),
        })
        .strict(),
      output: z.object({ rows: z.array(registerRow), total: z.number().int() }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'register', entityId: () => null },
      readsRecords: true,
    }),
    extract: method({
      input: z
        .object({ from: isoDate, to: isoDate })
        .strict()
        .refine((r) => r.from <= r.to, { message: 'error.range.inverted', path: ['to'] }),
      output: z.object({ facilityName: z.string(), from: z.string(), to: z.string(), generatedAt: z.string(), lines: z.array(registerBookLine) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'register_extract', entityId: () => null },
      readsRecords: true,
    }),
  },
  dueNow: {
    list: method({
      input: z.object({ includeUpcoming: z.boolean().default(false) }).strict(),
      output: z.object({
        items: z.array(
          obligationView.extend({
            nameLatin: z.string(),
            nameOriginal: z.string(),
            registerNo: z.string(),
            /** The episode's admission status: a rights item says why it is still open (issue #11 §3). */
            admission: admissionStatusSchema,
          }),
        ),
        now: z.string(),
      }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'due_now', entityId: () => null },
      readsRecords: true,
    }),
  },
  settings: {
    // Thresholds are not personal data: anyone signed in (an administrator included) may read them.
    get: method({ input: z.object({}).strict(), output: z.object({ settings: settingsSchema }), access: signedIn }),
    update: method({ input: z.object({ changes: settingsUpdate }).strict(), output: z.object({ settings: settingsSchema }), access: needs('settings.manage') }),
  },
};
