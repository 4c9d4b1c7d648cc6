import { z } from 'zod';
import { isoDate, optionalText, text } from './fields';
import { nationalityCode } from './countries';
import { isLatinScript, latinOnlyMessage } from './transliterate';

export const sexes = ['male', 'female', 'other', 'unknown'] as const;
export const sex = z.enum(sexes);

/** Names as the person writes them, plus the Latin form used in registers, plus aliases. */
export const personNames = z.object({
  original: text(200),
  latin: text(200),
  patronymic: optionalText(200),
  aliases: z.array(text(200)).max(20).default([]),
});

/** A date of birth may be estimated (no documents); the basis of the estimate is then required. */
export const birth = z
  .object({
    date: isoDate,
    estimated: z.boolean().default(false),
    basis: optionalText(500),
  })
  .refine((b) => !b.estimated || (b.basis !== undefined && b.basis.length > 0), {
    message: 'error.person.estimateNeedsBasis',
    path: ['basis'],
  });

/**
 * A name in Latin letters as it may be entered now: another script pasted there is refused (issue #11 §5).
 * Only what a person enters is checked; a recorded event keeps what it holds (`personNames`), so records
 * made before the rule, and events from a device without it, still replay and sync.
 */
export const latinNameText = (max: number) => text(max).refine(isLatinScript, latinOnlyMessage);
export const personNamesInput = personNames.extend({ latin: latinNameText(200) });

const details = <N extends typeof personNames | typeof personNamesInput>(names: N) =>
  z
    .object({
      names,
      sex,
      birth: birth.optional(),
      nationalities: z.array(nationalityCode).max(5).default([]),
      stateless: z.boolean().default(false),
      languages: z.array(text(60)).max(10).default([]),
    })
    .refine((p) => !(p.stateless && p.nationalities.length > 0), {
      message: 'error.person.statelessWithNationality',
      path: ['nationalities'],
    });
/** A person's details as recorded (events, sync). */
export const personDetails = details(personNames);
/** A person's details as a user enters them (intake, registration): the Latin name must be Latin. */
export const personDetailsInput = details(personNamesInput);
export type PersonDetails = z.output<typeof personDetails>;

export const personSummary = z.object({
  personId: z.string(),
  /** Shown as printed: the registering device's code and its count, "3F9A-57" (core/register-number.ts). */
  registerNo: z.string(),
  nameOriginal: z.string(),
  nameLatin: z.string(),
  sex,
  birthDate: z.string().nullable(),
  birthEstimated: z.boolean(),
  nationalities: z.array(z.string()),
  stateless: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonSummary = z.infer<typeof personSummary>;
