import { z } from 'zod';
import { nationalityCode } from '../countries';
import { isoDate } from '../fields';
import { needs } from '../permissions';
import { method } from './method';
import { episodeState, registerBookLine, registerRow, vulnerabilityFlag } from './register-views';

/** The detention register: its list and the register book extract. */
export const registerContract = {
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
};
