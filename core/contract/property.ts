import { z } from 'zod';
import { itemStates, propertyAcknowledgementSchema, propertyKinds, propertySources, receiptLanguages, recordItemsSchema, releaseSchema } from '../property';
import { needs } from '../permissions';
import { method } from './method';

/** The person's property held by the centre (issue #15 §5, docs/discipline-property.md). */

const id = z.string().min(1).max(100);

export const propertyItemView = z.object({
  itemId: z.string(),
  episodeId: z.string(),
  source: z.enum(propertySources),
  kind: z.enum(propertyKinds),
  description: z.string(),
  quantity: z.number().int(),
  amount: z.string().nullable(),
  currency: z.string().nullable(),
  condition: z.string().nullable(),
  storage: z.string().nullable(),
  notes: z.string().nullable(),
  takenAt: z.string(),
  state: z.enum(itemStates),
  release: releaseSchema.nullable(),
  /** Whether the person acknowledged this item on an inventory. */
  acknowledged: z.boolean(),
});
export type PropertyItemView = z.infer<typeof propertyItemView>;

export const propertyAckView = z.object({ ackId: z.string(), episodeId: z.string(), acknowledgement: propertyAcknowledgementSchema, itemIds: z.array(z.string()) });

export const propertyContract = {
  property: {
    /** The person's property, per episode, with the acknowledgements of the inventory. */
    list: method({
      input: z.object({ personId: id }).strict(),
      output: z.object({
        episodes: z.array(z.object({ episodeId: z.string(), open: z.boolean(), held: z.number().int(), items: z.array(propertyItemView), acknowledgements: z.array(propertyAckView) })),
      }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person', entityId: (i) => i.personId },
      readsRecords: true,
    }),
    recordItems: method({ input: z.object({ episodeId: id, record: recordItemsSchema }).strict(), output: z.object({ itemIds: z.array(z.string()) }), access: needs('person.write') }),
    /** The person acknowledges every item held now; the receipt prints from this. */
    acknowledge: method({ input: z.object({ episodeId: id, acknowledgement: propertyAcknowledgementSchema }).strict(), output: z.object({ ackId: z.string() }), access: needs('person.write') }),
    release: method({
      input: z.object({ episodeId: id, itemIds: z.array(id).min(1).max(1000), release: releaseSchema }).strict(),
      output: z.object({ eventId: z.string() }),
      access: needs('person.write'),
    }),
    /** What the receipt prints: the items acknowledged, in the languages the receipt has for the person. */
    receipt: method({
      input: z.object({ ackId: id }).strict(),
      output: z.object({
        ackId: z.string(),
        personId: z.string(),
        nameOriginal: z.string(),
        nameLatin: z.string(),
        facilityName: z.string(),
        acknowledgement: propertyAcknowledgementSchema,
        languages: z.array(z.enum(receiptLanguages)),
        /** The person's language has no receipt wording: printed in az, en and ru and read by an interpreter. */
        fallback: z.boolean(),
        items: z.array(propertyItemView),
        officerName: z.string().nullable(),
      }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person', entityId: (_i, o) => o?.personId ?? null },
      readsRecords: true,
    }),
  },
};
