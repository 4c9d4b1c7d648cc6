import { z } from 'zod';
import { needs } from '../permissions';
import { empty } from './common';
import { method } from './method';

export const auditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  method: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
});

/** The audit log and the check of its chain and the event chains. */
export const auditContract = {
  audit: {
    list: method({
      input: z
        .object({
          limit: z.number().int().min(1).max(500).default(100),
          beforeSeq: z.number().int().positive().optional(),
          entityId: z.string().max(100).optional(),
        })
        .strict(),
      output: z.object({ entries: z.array(auditEntryView) }),
      access: needs('audit.read'),
    }),
    verify: method({
      input: empty,
      output: z.object({
        auditEntries: z.number().int(),
        auditIntact: z.boolean(),
        events: z.number().int(),
        eventChainIntact: z.boolean(),
        firstBrokenSeq: z.number().int().nullable(),
      }),
      access: needs('audit.read'),
    }),
  },
};
