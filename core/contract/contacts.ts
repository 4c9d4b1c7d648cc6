import { z } from 'zod';
import { contactCategories, contactKinds, contactOutcomes, contactReviewSchema, contactRules, contactSchema, refusalSchema } from '../contacts';
import { text } from '../fields';
import { needs } from '../permissions';
import { method } from './method';

/** Contact with the outside world (issue #15 §1, docs/contacts.md). */

const id = z.string().min(1).max(100);
const recorded = z.object({ eventId: z.string() });

export const contactView = z.object({
  contactId: z.string(),
  episodeId: z.string(),
  kind: z.enum(contactKinds),
  category: z.enum(contactCategories).nullable(),
  who: z.object({ name: z.string(), relation: z.string().nullable() }),
  direction: z.enum(['in', 'out']).nullable(),
  at: z.string(),
  durationMinutes: z.number().int().nullable(),
  supervision: z.enum(['private', 'supervised']).nullable(),
  supervisedBy: z.string().nullable(),
  outcome: z.enum(contactOutcomes),
  refusal: refusalSchema.nullable(),
  note: z.string().nullable(),
  /** the consular notice a consul's visit answers, the legal-aid request a lawyer's visit belongs to */
  noticeId: z.string().nullable(),
  legalAidRequestId: z.string().nullable(),
  /**
   * `log`: recorded here; `consular`: a consul's visit recorded on the consular card before issue #15;
   * `legal_aid`: a defender's contact recorded on the legal-aid card, shown here, not recorded twice.
   */
  source: z.enum(['log', 'consular', 'legal_aid']),
  /** a refused lawyer or ombudsman: a safeguard failure (core/contacts.ts) */
  safeguardFailure: z.boolean(),
  review: contactReviewSchema.extend({ by: z.string() }).nullable(),
  corrections: z.number().int(),
  recordedBy: z.string().nullable(),
});
export type ContactView = z.infer<typeof contactView>;

const contactInput = contactSchema.superRefine((c, ctx) => contactRules(c, ctx));

export const contactsContract = {
  contacts: {
    /** Every contact of the person's episodes, newest first. */
    list: method({
      input: z.object({ personId: id }).strict(),
      output: z.object({ contacts: z.array(contactView) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person', entityId: (i) => i.personId },
      readsRecords: true,
    }),
    /**
     * Records a contact as it happened. A refused lawyer or ombudsman is recorded like any other refusal and
     * owes the head's review the same day; a consul's visit to a protection case needs the person's consent.
     */
    record: method({
      input: z.object({ episodeId: id, contact: contactInput, noticeId: id.optional(), legalAidRequestId: id.optional() }).strict(),
      output: z.object({ contactId: z.string() }),
      access: needs('person.write'),
    }),
    /** The whole contact as it should have been recorded, and why; the earlier record stays in the history. */
    correct: method({
      input: z
        .object({ contactId: id, contact: contactSchema, reason: text(1000) })
        .strict()
        .superRefine((i, ctx) => contactRules(i.contact, ctx, ['contact'])),
      output: recorded,
      access: needs('person.write'),
    }),
    /** The centre head's review of a refused lawyer or ombudsman (person.override: the head's permission). */
    reviewRefusal: method({
      input: z.object({ contactId: id, review: contactReviewSchema }).strict(),
      output: recorded,
      access: needs('person.override'),
      audit: { kind: 'change', entityType: 'contact', entityId: (i) => i.contactId },
    }),
  },
};
