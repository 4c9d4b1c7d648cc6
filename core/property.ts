import { z } from 'zod';
import { isoInstant, optionalText, text } from './fields';
import { acknowledgementSchema } from './safeguards';

/**
 * The person's property held by the centre (docs/discipline-property.md, docs/domain.md §2 "Property
 * inventory", Nelson Mandela Rules r. 67): what was taken at admission or later, listed with the person's
 * acknowledgement and a receipt in their language, and what became of each item. An exit with an item still
 * held is refused until it is returned, handed over on the person's instruction, or its retention explained.
 */

export const propertyKinds = ['item', 'money'] as const;
export const propertySources = ['admission', 'later'] as const;

/** ISO 4217 code, upper case (AZN, USD, EUR …). */
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'error.property.currency');

export const newPropertyItemSchema = z
  .object({
    kind: z.enum(propertyKinds),
    description: text(300),
    quantity: z.number().int().min(1).max(100_000).default(1),
    /** Money: the amount as written on the inventory (decimal, up to two places). */
    amount: z
      .string()
      .trim()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, 'error.property.amount')
      .optional(),
    currency: currencyCode.optional(),
    condition: optionalText(300),
    storage: optionalText(200),
    notes: optionalText(500),
  })
  .strict()
  .refine((i) => i.kind !== 'money' || (i.amount !== undefined && i.currency !== undefined), { message: 'error.property.moneyNeedsAmount', path: ['amount'] })
  .refine((i) => i.kind === 'money' || (i.amount === undefined && i.currency === undefined), { message: 'error.property.amountOnlyMoney', path: ['amount'] });
export type NewPropertyItem = z.output<typeof newPropertyItemSchema>;

export const recordItemsSchema = z
  .object({
    takenAt: isoInstant,
    /** `admission`: taken when the person arrived (money, details the intake did not hold); `later`: a parcel kept, an item found. */
    source: z.enum(propertySources),
    reason: optionalText(500),
    items: z.array(newPropertyItemSchema).min(1).max(100),
  })
  .strict()
  .refine((r) => r.source === 'admission' || (r.reason ?? '').length > 0, { message: 'error.property.reasonForLater', path: ['reason'] });

/** The person's acknowledgement of the inventory, and the receipt's language (docs/discipline-property.md "Receipt"). */
export const propertyAcknowledgementSchema = z
  .object({
    at: isoInstant,
    acknowledgement: acknowledgementSchema,
    /** The language the person reads; the receipt prints in it when the receipt has that language, else in az, en and ru. */
    language: text(60),
    /** Someone read the receipt to the person in their language (required when it is printed in az/en/ru only). */
    interpreterName: optionalText(200),
  })
  .strict();
export type PropertyAcknowledgement = z.output<typeof propertyAcknowledgementSchema>;

/** What can become of an item the centre holds. */
export const releaseKinds = ['returned', 'handed_over', 'retained'] as const;
export type ReleaseKind = (typeof releaseKinds)[number];
/** Why an item stays with the centre or goes elsewhere when the person does not take it. */
export const retainReasons = ['evidence', 'person_escaped', 'person_died', 'left_without', 'not_received', 'other'] as const;

export const releaseSchema = z
  .object({
    at: isoInstant,
    kind: z.enum(releaseKinds),
    /** Returned: the person's signature or mark (or refusal, witnessed); handed over: the person's instruction. */
    acknowledgement: acknowledgementSchema.optional(),
    /** Handed over or retained: to whom the item goes (a relative, the consulate, the police's evidence store). */
    to: optionalText(300),
    retainReason: z.enum(retainReasons).optional(),
    note: optionalText(1000),
  })
  .strict()
  .refine((r) => r.kind !== 'returned' || r.acknowledgement !== undefined, { message: 'error.property.signatureRequired', path: ['acknowledgement'] })
  .refine((r) => r.kind !== 'handed_over' || ((r.to ?? '').length > 0 && r.acknowledgement !== undefined), { message: 'error.property.handoverNeedsRecipient', path: ['to'] })
  .refine((r) => r.kind !== 'retained' || r.retainReason !== undefined, { message: 'error.property.retainNeedsReason', path: ['retainReason'] })
  // An item kept because the person escaped or died goes to someone: the family, the consulate, an estate.
  // One that did not come with the person on a transfer names the centre that still holds it (issue #15 §6).
  .refine((r) => !(r.retainReason === 'person_escaped' || r.retainReason === 'person_died' || r.retainReason === 'evidence' || r.retainReason === 'not_received') || (r.to ?? '').length > 0, {
    message: 'error.property.retainNeedsRecipient',
    path: ['to'],
  })
  .refine((r) => r.retainReason !== 'other' || (r.note ?? '').length > 0, { message: 'error.property.retainNeedsNote', path: ['note'] });
export type Release = z.output<typeof releaseSchema>;

/** Where an item stands: `unrecorded` is an item of an episode that closed before the register existed. */
export const itemStates = ['held', 'returned', 'handed_over', 'retained', 'unrecorded'] as const;
export type ItemState = (typeof itemStates)[number];

export const stateOfRelease = (k: ReleaseKind): ItemState => k;

/** The languages a receipt is worded in (core/i18n's `property.receipt.*`); any other prints in all three. */
export const receiptLanguages = ['az', 'en', 'ru'] as const;
export type ReceiptLanguage = (typeof receiptLanguages)[number];

/**
 * The languages a receipt prints in for a person who reads `language` (a code or a name): that one when the
 * receipt has it, otherwise az, en and ru side by side, read to the person by an interpreter.
 */
export function receiptLanguagesFor(language: string): readonly ReceiptLanguage[] {
  const l = language.trim().toLowerCase();
  const match = receiptLanguages.find((r) => r === l || (r === 'az' && l === 'azerbaijani') || (r === 'en' && l === 'english') || (r === 'ru' && l === 'russian'));
  return match ? [match] : receiptLanguages;
}

/** An acknowledgement of a receipt the person cannot read is only valid when someone read it to them. */
export function receiptNeedsInterpreter(language: string): boolean {
  return receiptLanguagesFor(language).length > 1;
}

/** The items an exit would leave behind: every one still held. */
export function heldCount(items: readonly { state: string }[]): number {
  return items.filter((i) => i.state === 'held').length;
}
