import { z } from 'zod';
import { admissionStatusSchema, rightsDelaySchema } from '../admission-status';
import { isoInstant, optionalText, text } from '../fields';
import { needs } from '../permissions';
import {
  consularConsentSchema,
  consularDisclosureReviewSchema,
  consularOpenSchema,
  consularSentSchema,
  consularStates,
  defenderSchema,
  interpreterUseSchema,
  legalAidContactSchema,
  legalAidIssueSchema,
  legalAidRequestSchema,
  rightsNotificationSchema,
} from '../safeguards';
import { letterStatusOf } from '../rights-letters';
import { letterTemplateSchema } from '../rights-letters/schema';
import { removalLockReasons } from '../non-refoulement';
import { method } from './method';

/** Safeguards from the first hour: rights, consul, lawyer, interpreter (issue: safeguards). */

const id = z.string().min(1).max(100);
const recorded = z.object({ eventId: z.string() });

/**
 * A letter whose translation no lawyer has reviewed is handed over only with an interpreter who went
 * through it with the person, and says so (issue #11 §7): the person must not rely on a wording that
 * nobody who speaks their language has checked.
 */
function draftLetterConfirmed(input: { notification: z.output<typeof rightsNotificationSchema> }, ctx: z.RefinementCtx): void {
  const n = input.notification;
  if (n.mode !== 'written' || letterStatusOf(n.language, n.templateVersion) !== 'draft') return;
  if (n.interpreterUseId === undefined) {
    ctx.addIssue({ code: 'custom', message: 'error.rights.draftNeedsInterpreter', path: ['notification', 'interpreterUseId'] });
  }
  if (!n.interpreterCheckedLetter) {
    ctx.addIssue({ code: 'custom', message: 'error.rights.draftNotChecked', path: ['notification', 'interpreterCheckedLetter'] });
  }
}

export const rightsNotificationView = z.object({
  notificationId: z.string(),
  episodeId: z.string(),
  notification: rightsNotificationSchema,
  /** Whether the letter handed over was legally reviewed; null for an oral notification (issue #11 §7). */
  letterStatus: z.enum(['reviewed', 'draft']).nullable(),
  templateHash: z.string().nullable(),
  verifyCode: z.string(),
  recordedBy: z.string().nullable(),
  /** Minutes from apprehension to notification: the Art. 74.5 clock. */
  minutesAfterApprehension: z.number().int(),
});

export const interpreterUseView = z.object({ useId: z.string(), episodeId: z.string().nullable(), use: interpreterUseSchema });

export const consularView = z.object({
  noticeId: z.string(),
  episodeId: z.string(),
  states: z.array(z.string()),
  informedAt: z.string(),
  wish: z.string(),
  state: z.enum(consularStates),
  /** Why a notice may not be sent, in the domain's words. */
  /** `restricted`: a protection reason the caller may not read (a trafficking flag without protection.read). */
  blockReasons: z.array(z.enum(['asylum', 'refugee', 'trafficking', 'opposed', 'restricted'])),
  /** The national "report immediately" policy and the protection block disagree: HQ must see it. */
  policyConflict: z.boolean(),
  consent: consularConsentSchema.nullable(),
  sent: consularSentSchema.nullable(),
  acknowledgedAt: z.string().nullable(),
  visitedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** Sent before the person became a protection case (docs/domain.md §5 rule 3): `conflict` until reviewed. */
  disclosure: z.enum(['none', 'conflict', 'reviewed']),
  disclosureReview: consularDisclosureReviewSchema.nullable(),
  /** Whether a visit or answer may be recorded: after a conflict, only with consent recorded since the send. */
  furtherStepsAllowed: z.boolean(),
});

export const legalAidView = z.object({
  requestId: z.string(),
  episodeId: z.string(),
  request: legalAidRequestSchema,
  defender: defenderSchema.nullable(),
  contacts: z.array(legalAidContactSchema),
  issues: z.array(legalAidIssueSchema),
  firstContactAt: z.string().nullable(),
  /** Hours from apprehension to the first contact with a defender. */
  hoursToDefender: z.number().nullable(),
});

export const safeguardsPanel = z.object({
  personId: z.string(),
  protectionCase: z.boolean(),
  episodes: z.array(
    z.object({
      episodeId: z.string(),
      apprehendedAt: z.string(),
      /** Admission is final only once the rights were notified in a language the person understands (§5 rule 2). */
      admissionFinal: z.boolean(),
      /** The one derived status every screen words alike (core/admission-status.ts, issue #11 §3). */
      admission: admissionStatusSchema,
      /** The latest recorded reason why the rights could not be explained yet. */
      rightsDelay: rightsDelaySchema.nullable(),
      rights: z.array(rightsNotificationView),
      consular: z.array(consularView),
      legalAid: z.array(legalAidView),
      legalAidWaivers: z.array(z.object({ at: z.string(), witness: z.string(), statement: z.string().nullable() })),
      /**
       * A lawyer's visits and calls that took place, from the contact log (issue #15 §1), outside any legal-aid
       * request: a lawyer the family hired meets the defender safeguard as a state defender does.
       */
      lawyerContacts: z.array(z.object({ contactId: z.string(), kind: z.enum(['visit', 'call']), at: z.string(), who: z.string() })),
      interpreters: z.array(interpreterUseView),
    }),
  ),
});
export type SafeguardsPanel = z.infer<typeof safeguardsPanel>;

export const safeguardsContract = {
  safeguards: {
    letterTemplates: method({
      input: z.object({}).strict(),
      output: z.object({
        templates: z.array(
          z.object({ language: z.string(), endonym: z.string(), version: z.string(), versionHash: z.string(), status: z.enum(['approved', 'needs_legal_review']), direction: z.enum(['ltr', 'rtl']) }),
        ),
      }),
      access: needs('person.read'),
      readsRecords: true,
    }),
    letter: method({
      input: z.object({ notificationId: id }).strict(),
      output: z.object({
        template: letterTemplateSchema,
        versionHash: z.string(),
        verifyCode: z.string(),
        qrPayload: z.string(),
        person: z.object({ personId: z.string(), nameOriginal: z.string(), nameLatin: z.string(), birthDate: z.string().nullable(), nationalities: z.array(z.string()) }),
        facilityName: z.string(),
        notifiedAt: z.string(),
        officerName: z.string().nullable(),
      }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'rights_letter', entityId: (i) => i.notificationId },
      readsRecords: true,
    }),
    verifyLetter: method({
      input: z.object({ code: z.string().trim().min(4).max(40) }).strict(),
      output: z.object({
        found: z.boolean(),
        notification: z
          .object({
            notificationId: z.string(),
            personId: z.string(),
            nameLatin: z.string(),
            at: z.string(),
            language: z.string(),
            templateVersion: z.string().nullable(),
            templateHash: z.string().nullable(),
            templateMatches: z.boolean(),
          })
          .nullable(),
      }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'rights_letter', entityId: () => null },
      readsRecords: true,
    }),
    panel: method({
      input: z.object({ personId: id }).strict(),
      output: safeguardsPanel,
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person', entityId: (i) => i.personId },
      readsRecords: true,
    }),
    notifyRights: method({
      input: z.object({ episodeId: id, notification: rightsNotificationSchema }).strict().superRefine(draftLetterConfirmed),
      output: z.object({ notificationId: z.string(), verifyCode: z.string() }),
      access: needs('person.write'),
    }),
    /** Why the rights could not be explained yet (no interpreter, not fit): recorded, the admission stands (§5 rule 2). */
    recordRightsDelay: method({
      input: z.object({ episodeId: id, delay: rightsDelaySchema }).strict(),
      output: recorded,
      access: needs('person.write'),
    }),
    recordInterpreter: method({
      input: z.object({ personId: id, episodeId: id.optional(), use: interpreterUseSchema }).strict(),
      output: z.object({ useId: z.string() }),
      access: needs('person.write'),
    }),
    openConsular: method({ input: z.object({ episodeId: id, open: consularOpenSchema }).strict(), output: z.object({ noticeId: z.string() }), access: needs('person.write') }),
    recordConsent: method({ input: z.object({ noticeId: id, consent: consularConsentSchema }).strict(), output: recorded, access: needs('person.write') }),
    sendConsular: method({ input: z.object({ noticeId: id, sent: consularSentSchema }).strict(), output: recorded, access: needs('person.write') }),
    consularAnswered: method({
      input: z.object({ noticeId: id, kind: z.enum(['acknowledged', 'visited']), at: isoInstant, note: optionalText(2000) }).strict(),
      output: recorded,
      access: needs('person.write'),
    }),
    /** The review a disclosure conflict is owed (docs/domain.md §5 rule 3, issue #11). */
    reviewDisclosure: method({
      input: z.object({ noticeId: id, review: consularDisclosureReviewSchema }).strict(),
      output: recorded,
      access: needs('person.write'),
      audit: { kind: 'change', entityType: 'consular_notice', entityId: (i) => i.noticeId },
    }),
    withdrawConsular: method({ input: z.object({ noticeId: id, at: isoInstant, reason: text(2000) }).strict(), output: recorded, access: needs('person.write') }),
    requestLegalAid: method({ input: z.object({ episodeId: id, request: legalAidRequestSchema }).strict(), output: z.object({ requestId: z.string() }), access: needs('legalAid.write') }),
    assignDefender: method({ input: z.object({ requestId: id, defender: defenderSchema }).strict(), output: recorded, access: needs('legalAid.write') }),
    recordLegalContact: method({ input: z.object({ requestId: id, contact: legalAidContactSchema }).strict(), output: recorded, access: needs('legalAid.write') }),
    recordLegalAidIssue: method({ input: z.object({ requestId: id, issue: legalAidIssueSchema }).strict(), output: recorded, access: needs('legalAid.write') }),
    waiveLegalAid: method({
      input: z.object({ episodeId: id, at: isoInstant, witness: text(200), statement: optionalText(2000) }).strict(),
      output: recorded,
      access: needs('legalAid.write'),
    }),
    stats: method({
      input: z.object({}).strict(),
      output: z.object({
        episodes: z.number().int(),
        rightsWithinLimit: z.number().int(),
        rightsLate: z.number().int(),
        rightsMissing: z.number().int(),
        consularSent: z.number().int(),
        consularBlocked: z.number().int(),
        policyConflicts: z.number().int(),
        /** notices sent before the person became a protection case, and of those not yet reviewed */
        disclosureConflicts: z.number().int(),
        disclosureUnreviewed: z.number().int(),
        disclosurePeople: z.array(z.object({ personId: z.string(), nameLatin: z.string(), reviewed: z.boolean() })),
        /** asylum claims on record, and the people held now whose claim awaits its final decision (docs/domain.md §6) */
        asylumRequests: z.number().int(),
        asylumPendingNow: z.number().int(),
        asylumPeople: z.array(z.object({ personId: z.string(), nameLatin: z.string(), requests: z.number().int(), pendingNow: z.boolean() })),
        /** people held now whose removal a non-refoulement lock holds, and why (trafficking masked without protection.read) */
        nonRefoulementHoldsNow: z.number().int(),
        holdPeople: z.array(z.object({ personId: z.string(), nameLatin: z.string(), reasons: z.array(z.enum(removalLockReasons)) })),
        medianHoursToDefender: z.number().nullable(),
        withoutDefender: z.number().int(),
        languages: z.array(z.object({ language: z.string(), count: z.number().int() })),
      }),
      access: needs('person.read'),
      readsRecords: true,
    }),
  },
};
