import { z } from 'zod';
import { outcomeTypes } from '../episode';
import { bodyRecordSchema, deathNotificationSchema, deathRecipients, deathSchema, exitPathways, exitStepKinds, exitStepSchema } from '../exits';
import { needs } from '../permissions';
import { id, recorded } from './common';
import { method } from './method';

/** A step of the pathway as the Exit card shows it; a restricted step's details are withheld from roles without protection.read. */
export const exitStepView = z.object({
  kind: z.enum(exitStepKinds),
  status: z.enum(['done', 'missing', 'overdue', 'waiting', 'restricted']),
  at: z.string().nullable(),
  recordedAt: z.string().nullable(),
  recordedBy: z.string().nullable(),
  details: exitStepSchema.nullable(),
});

export const deathView = z.object({
  diedAt: z.string(),
  place: z.string(),
  circumstances: z.string(),
  foundBy: z.string(),
  foundAt: z.string(),
  certificate: z.object({ doctor: z.string(), number: z.string(), cause: z.string() }),
  familyKnown: z.boolean(),
  recordedBy: z.string(),
  notifications: z.array(
    z.object({
      recipient: z.enum(deathRecipients),
      /** `not_owed`: the family is not known, or the consul may not be told (protection). */
      status: z.enum(['notified', 'owed', 'overdue', 'not_owed']),
      dueAt: z.string().nullable(),
      notified: deathNotificationSchema.nullable(),
    }),
  ),
  body: bodyRecordSchema.nullable(),
  /** From when a state burial may be arranged (7 days after the death). */
  burialFrom: z.string(),
  bodyOverdue: z.boolean(),
});

export const exitEpisodeView = z.object({
  episodeId: z.string(),
  state: z.string(),
  outcome: z.enum(outcomeTypes).nullable(),
  planned: z.object({ plannedAt: z.string(), plannedOutcome: z.enum(outcomeTypes), pathway: z.enum(exitPathways).nullable(), overdue: z.boolean() }).nullable(),
  steps: z.array(exitStepView),
  /** When the pathway is a removal with its notice served: from when the removal may be carried out. */
  removalFrom: z.string().nullable(),
  death: deathView.nullable(),
});
export type ExitEpisodeView = z.infer<typeof exitEpisodeView>;

/** Every way out (issue #15 §6, docs/exits.md): the exit pathway's steps and a death in custody. */
export const exitsContract = {
  exits: {
    view: method({
      input: z.object({ personId: id }).strict(),
      output: z.object({ personId: z.string(), episodes: z.array(exitEpisodeView) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person', entityId: (i) => i.personId },
      readsRecords: true,
    }),
    recordStep: method({ input: z.object({ episodeId: id, step: exitStepSchema }).strict(), output: recorded, access: needs('person.write') }),
    recordDeath: method({ input: z.object({ episodeId: id, death: deathSchema }).strict(), output: recorded, access: needs('person.write') }),
    recordDeathNotification: method({ input: z.object({ episodeId: id, notification: deathNotificationSchema }).strict(), output: recorded, access: needs('person.write') }),
    recordBody: method({ input: z.object({ episodeId: id, body: bodyRecordSchema }).strict(), output: recorded, access: needs('person.write') }),
  },
};
