import { z } from 'zod';
import { rightsItems } from '../safeguards';

/**
 * A letter of rights is data: one template per language, versioned. Approved templates (az, en, ru)
 * are printed as they are; drafts for other languages carry "needs legal review" until a lawyer and a
 * qualified translator have checked them, and the printed letter says so.
 */
export const letterTemplateSchema = z
  .object({
    id: z.literal('rights-letter'),
    /** ISO 639-1 code. */
    language: z.string().regex(/^[a-z]{2}$/),
    /** The language's own name, shown to the person choosing it. */
    endonym: z.string().min(1),
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/),
    status: z.enum(['approved', 'needs_legal_review']),
    direction: z.enum(['ltr', 'rtl']),
    title: z.string().min(1),
    /** Placeholders: {name}, {facility}, {date}. */
    intro: z.string().min(1),
    items: z.record(z.enum(rightsItems), z.string().min(1)),
    closing: z.string().min(1),
    labels: z
      .object({
        person: z.string().min(1),
        birthDate: z.string().min(1),
        nationality: z.string().min(1),
        facility: z.string().min(1),
        date: z.string().min(1),
        signature: z.string().min(1),
        officer: z.string().min(1),
        verify: z.string().min(1),
        draftWarning: z.string().min(1),
      })
      .strict(),
  })
  .strict()
  .refine((t) => rightsItems.every((i) => typeof t.items[i] === 'string'), { message: 'every right must be in the letter' });
export type LetterTemplate = z.infer<typeof letterTemplateSchema>;
