import { z } from 'zod';
import { nationalityCode } from '../countries';
import { isoDate, optionalText, text } from '../fields';
import { needs } from '../permissions';
import { latinNameText, personDetailsInput, personSummary } from '../person';
import { correction, id, personAudit, recorded } from './common';
import { method } from './method';
import { duplicateMatch, personView } from './register-views';

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

export const personHistoryEntry = z.object({
  eventId: z.string(),
  type: z.string(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});

/** The person: registration, the record and its history, search, corrections and merges. */
export const personsContract = {
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
    register: method({
      input: z.object({ details: personDetailsInput }).strict(),
      output: z.object({ person: personSummary }),
      access: needs('person.write'),
      audit: { kind: 'change', entityType: 'person', entityId: (_i, o) => o?.person.personId ?? null },
    }),
    get: method({
      input: z.object({ personId: z.string().min(1).max(100) }).strict(),
      output: z.object({ person: personSummary, history: z.array(personHistoryEntry) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person', entityId: (i) => i.personId },
      readsRecords: true,
    }),
    list: method({
      input: z
        .object({
          query: z.string().trim().max(200).default(''),
          limit: z.number().int().min(1).max(500).default(100),
          offset: z.number().int().min(0).max(10_000_000).default(0),
        })
        .strict(),
      output: z.object({ persons: z.array(personSummary), total: z.number().int() }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person_list', entityId: () => null },
      readsRecords: true,
    }),
  },
};
