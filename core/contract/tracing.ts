import { z } from 'zod';
import { nationalityCode } from '../countries';
import { isoDate, isoInstant, optionalText, text } from '../fields';
import { needs } from '../permissions';
import { personSummary, sex } from '../person';
import { everywhere, method } from './method';
import { duplicateMatch } from './register-views';
import { requesterCategory } from './tracing-shared';

/**
 * Tracing inquiries at HQ (issue #14 §3, docs/hq-console.md "Tracing inquiries"): a family, a consulate,
 * the ICRC or another body asks whether a person is held anywhere. Inquiries, the analyst's review of
 * each candidate, the answers given and the records of unidentified persons and deaths are HQ's own
 * records, kept as events in the console's store; they are served at the HQ console only (a device
 * refuses them with `error.hq.only`, as every hq.* view).
 */

export const consentHeld = z.enum(['none', 'person_written', 'person_oral', 'next_of_kin', 'not_required']);
export const inquiryStatus = z.enum(['open', 'answered', 'closed']);
export const answerOutcome = z.enum(['located', 'not_located', 'withheld', 'contact_refused']);
export const answerChannel = z.enum(['letter', 'email', 'phone', 'in_person', 'other']);
export const tracingRecordKind = z.enum(['unidentified', 'death']);
export const deathCircumstance = z.enum(['custody', 'border', 'other']);
export const candidateKind = z.enum(['person', 'record']);
export const reviewDecision = z.enum(['confirmed', 'rejected']);
/** Where a person found stands now, from their latest episode (or merged into another record). */
export const candidateState = z.enum(['held', 'released', 'transferred', 'removed', 'deceased', 'escaped', 'registered']);
/** Reasons beyond the name matcher's: how a description-only record (no name) fits the inquiry. */
export const recordReasons = ['sex_matches', 'age_fits', 'details_overlap', 'place_overlap'] as const;
export const candidateReason = z.union([duplicateMatch.shape.reasons.element, z.enum(recordReasons)]);
/** Why an answer may not disclose whereabouts (core/tracing.ts `disclosureFor`). */
export const disclosureState = z.enum(['may_disclose', 'consent_given', 'withheld_protection', 'consent_pending', 'consent_refused', 'contact_refused']);
/** The protection fact behind a withholding; `restricted` for trafficking to a reader without protection.read. */
export const protectionReason = z.enum(['asylum', 'refugee', 'trafficking', 'restricted']);

const names = z.array(text(200)).min(1).max(10);

export const inquirySubject = z
  .object({
    /** As the requester wrote them, in any script: each is matched in every script. */
    names,
    sex: sex.optional(),
    birthDate: isoDate.optional(),
    /** When no birth date is known: the age the requester gives. */
    age: z.number().int().min(0).max(120).optional(),
    nationality: nationalityCode.optional(),
    lastKnownPlace: optionalText(500),
    distinguishing: optionalText(2000),
  })
  .strict();

export const requester = z
  .object({
    category: requesterCategory,
    name: text(200),
    /** How to reach them: address, telephone, e-mail. */
    contact: text(500),
    organisation: optionalText(200),
  })
  .strict();

export const inquiryInput = z
  .object({
    requester,
    subject: inquirySubject,
    /** The law or mandate under which HQ answers (a court order, the ICRC's mandate, a family's request). */
    legalBasis: text(1000),
    consent: consentHeld,
    consentNote: optionalText(1000),
    receivedOn: isoDate,
    /** Left out: `tracingAnswerWorkingDays` working days after receipt (core/settings.ts). */
    dueOn: isoDate.optional(),
  })
  .strict()
  .refine((i) => i.dueOn === undefined || i.dueOn >= i.receivedOn, { message: 'error.tracing.dueBeforeReceived', path: ['dueOn'] });

/** A record of an unidentified person or a death, as kept (event tracing.recordCreated). */
export const tracingRecordPayload = z
  .object({
    kind: tracingRecordKind,
    /** Names if known (a death with papers, a name someone gave); an unidentified person often has none. */
    names: z.array(text(200)).max(10),
    sex,
    ageMin: z.number().int().min(0).max(120).optional(),
    ageMax: z.number().int().min(0).max(120).optional(),
    nationality: nationalityCode.optional(),
    description: text(4000),
    /** Where the photograph is kept (a file reference, never the image itself). */
    photoRef: optionalText(300),
    foundPlace: text(500),
    foundOn: isoDate,
    circumstance: deathCircumstance.optional(),
    facilityName: optionalText(200),
  })
  .strict();

export const tracingRecordInput = tracingRecordPayload
  .extend({ names: z.array(text(200)).max(10).default([]) })
  .strict()
  .refine((r) => r.ageMin === undefined || r.ageMax === undefined || r.ageMin <= r.ageMax, { message: 'error.tracing.ageOrder', path: ['ageMax'] })
  .refine((r) => r.kind === 'death' || r.circumstance === undefined, { message: 'error.tracing.circumstanceForDeath', path: ['circumstance'] });

export const inquirySummary = z.object({
  inquiryId: z.string(),
  category: requesterCategory,
  requesterName: z.string(),
  subjectNames: z.array(z.string()),
  receivedOn: z.string(),
  dueOn: z.string(),
  status: inquiryStatus,
  overdue: z.boolean(),
});

export const reviewView = z.object({ decision: reviewDecision, note: z.string(), at: z.string(), by: z.string(), byName: z.string().nullable() });

export const personCandidate = z.object({
  kind: z.literal('person'),
  candidateId: z.string(),
  person: personSummary,
  score: z.number(),
  reasons: z.array(candidateReason),
  state: candidateState,
  facilityName: z.string().nullable(),
  /** when the person left (released, transferred, removed, died), if they did */
  since: z.string().nullable(),
  review: reviewView.nullable(),
  /** whether an answer may say where the person is, and why not */
  disclosure: disclosureState,
  protection: z.array(protectionReason),
});

export const tracingRecordView = z.object({
  recordId: z.string(),
  kind: tracingRecordKind,
  names: z.array(z.string()),
  sex,
  ageMin: z.number().nullable(),
  ageMax: z.number().nullable(),
  nationality: z.string().nullable(),
  description: z.string(),
  photoRef: z.string().nullable(),
  foundPlace: z.string(),
  foundOn: z.string(),
  circumstance: deathCircumstance.nullable(),
  facilityName: z.string().nullable(),
  recordedAt: z.string(),
});

export const recordCandidate = z.object({
  kind: z.literal('record'),
  candidateId: z.string(),
  record: tracingRecordView,
  score: z.number(),
  reasons: z.array(candidateReason),
  review: reviewView.nullable(),
  disclosure: disclosureState,
});

export const answerView = z.object({
  answerId: z.string(),
  outcome: answerOutcome,
  toldTo: z.string(),
  toldAt: z.string(),
  channel: answerChannel,
  summary: z.string(),
  candidateId: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string().nullable(),
});

export const inquiryView = z.object({
  inquiryId: z.string(),
  requester: z.object({ category: requesterCategory, name: z.string(), contact: z.string(), organisation: z.string().nullable() }),
  subject: z.object({
    names: z.array(z.string()),
    sex: sex.nullable(),
    birthDate: z.string().nullable(),
    age: z.number().nullable(),
    nationality: z.string().nullable(),
    lastKnownPlace: z.string().nullable(),
    distinguishing: z.string().nullable(),
  }),
  legalBasis: z.string(),
  consent: consentHeld,
  consentNote: z.string().nullable(),
  receivedOn: z.string(),
  dueOn: z.string(),
  status: inquiryStatus,
  overdue: z.boolean(),
  closedReason: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  candidates: z.array(z.discriminatedUnion('kind', [personCandidate, recordCandidate])),
  answers: z.array(answerView),
});

const inquiryRef = z.object({ inquiryId: z.uuid() }).strict();

export const tracingContract = {
  tracing: {
    open: method({
      input: inquiryInput,
      output: z.object({ inquiryId: z.string(), dueOn: z.string() }),
      access: needs('tracing.manage'),
      // HQ's own record, never a centre's record of a person: the console serves it (a device has no
      // tracing and refuses it with error.hq.only).
      servedAt: everywhere,
      audit: { kind: 'change', entityType: 'tracing_inquiry', entityId: (_i, o) => o?.inquiryId ?? null },
    }),
    /** Open inquiries (or all), overdue first, then by due date. */
    list: method({
      input: z.object({ status: z.enum(['open', 'answered', 'closed', 'all']).default('open') }).strict(),
      /** `answerWorkingDays`: the default time to answer (setting tracingAnswerWorkingDays), for the new-inquiry form. */
      output: z.object({ items: z.array(inquirySummary), today: z.string(), answerWorkingDays: z.number().int() }),
      access: needs('tracing.manage'),
      audit: { kind: 'read', entityType: 'tracing_inquiries', entityId: (i) => i.status },
    }),
    /** One inquiry with its candidates; each candidate shown is a read line of its own. */
    view: method({
      input: inquiryRef,
      output: inquiryView,
      access: needs('tracing.manage'),
      readsRecords: true,
      audit: { kind: 'read', entityType: 'tracing_inquiry', entityId: (i) => i.inquiryId },
    }),
    review: method({
      input: z
        .object({
          inquiryId: z.uuid(),
          kind: candidateKind,
          candidateId: z.uuid(),
          decision: reviewDecision,
          /** why: what was compared (photo, birth date, a scar) */
          note: text(1000),
        })
        .strict(),
      output: z.object({ ok: z.literal(true) }),
      access: needs('tracing.manage'),
      servedAt: everywhere,
      audit: { kind: 'change', entityType: 'tracing_inquiry', entityId: (i) => i.inquiryId },
    }),
    /** What was told to whom, when; an answer that would disclose what protection withholds is refused. */
    answer: method({
      input: z
        .object({
          inquiryId: z.uuid(),
          outcome: answerOutcome,
          candidateId: z.uuid().optional(),
          toldTo: text(300),
          toldAt: isoInstant,
          channel: answerChannel,
          summary: text(4000),
        })
        .strict(),
      output: z.object({ answerId: z.string() }),
      access: needs('tracing.manage'),
      servedAt: everywhere,
      // What may be disclosed is decided on the records as HQ holds them now, the centre's answers included.
      readsRecords: true,
      audit: { kind: 'change', entityType: 'tracing_inquiry', entityId: (i) => i.inquiryId },
    }),
    close: method({
      input: z.object({ inquiryId: z.uuid(), reason: text(1000) }).strict(),
      output: z.object({ ok: z.literal(true) }),
      access: needs('tracing.manage'),
      servedAt: everywhere,
      audit: { kind: 'change', entityType: 'tracing_inquiry', entityId: (i) => i.inquiryId },
    }),
    /** A person whose identity is unknown, or a death in custody or at the border. */
    recordFound: method({
      input: tracingRecordInput,
      output: z.object({ recordId: z.string() }),
      access: needs('tracing.manage'),
      servedAt: everywhere,
      audit: { kind: 'change', entityType: 'tracing_record', entityId: (_i, o) => o?.recordId ?? null },
    }),
    records: method({
      input: z.object({ kind: tracingRecordKind.optional() }).strict(),
      output: z.object({ items: z.array(tracingRecordView) }),
      access: needs('tracing.manage'),
      audit: { kind: 'read', entityType: 'tracing_records', entityId: (i) => i.kind ?? 'all' },
    }),
  },
};
