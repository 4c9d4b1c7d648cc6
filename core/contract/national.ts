import { z } from 'zod';
import { nationalityCode } from '../countries';
import { isoDate, text } from '../fields';
import { needs } from '../permissions';
import { personNames } from '../person';
import { nationalCard } from '../sync-national';
import { id } from './common';
import { devicesOnly, everywhere, method } from './method';

/**
 * What a national check came to on this device: HQ's candidates, or why it was not checked nationally
 * (not enrolled, HQ not reached within a few seconds, or HQ refused, with its translated reason). Never
 * an error: an intake goes on with its local check alone (docs/sync.md#national-duplicate-check).
 */
export const nationalOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('checked'), checkedAt: z.string(), candidates: z.array(nationalCard) }),
  z.object({ status: z.literal('not_checked'), reason: z.enum(['not_enrolled', 'unreachable', 'refused']), messageKey: z.string().nullable() }),
]);
export type NationalOutcome = z.infer<typeof nationalOutcome>;

export const nationalLinkView = z.object({
  facilityId: z.string(),
  facilityName: z.string(),
  personId: z.string(),
  registerNo: z.string(),
  reason: z.string(),
  linkedAt: z.string(),
  linkedBy: z.string(),
});

export const nationalCheckStatus = z.enum(['pending', 'clear', 'match', 'dismissed', 'linked']);

const hqRefInput = { facilityId: z.string().min(1).max(100), otherPersonId: z.uuid() };

/** The national duplicate check and links to the same person's record at another facility (issue #14 §2). */
export const nationalContract = {
  national: {
    /** At intake, beside the local duplicate check: asks HQ, waiting a few seconds at most. */
    check: method({
      input: z.object({ names: personNames, birthDate: isoDate.optional(), nationalities: z.array(nationalityCode).max(5).default([]) }).strict(),
      output: nationalOutcome,
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person_search', entityId: () => null },
      servedAt: devicesOnly,
    }),
    /** A person's national check (on the device that recorded the intake) and their links; at HQ's console, the links. */
    forPerson: method({
      input: z.object({ personId: id }).strict(),
      output: z.object({
        check: z.object({ status: nationalCheckStatus, askedAt: z.string(), checkedAt: z.string().nullable(), candidates: z.array(nationalCard) }).nullable(),
        links: z.array(nationalLinkView),
      }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person', entityId: (i) => i.personId },
      servedAt: everywhere,
      readsRecords: true,
    }),
    /** "Check nationally" on the person's page: asks HQ now about a recorded person. */
    recheck: method({
      input: z.object({ personId: id }).strict(),
      output: nationalOutcome,
      access: needs('person.write'),
      audit: { kind: 'read', entityType: 'person', entityId: (i) => i.personId },
      servedAt: devicesOnly,
    }),
    /** The registrar's tasks: intakes HQ found a likely match for at another facility. */
    tasks: method({
      input: z.object({}).strict(),
      output: z.object({
        tasks: z.array(
          z.object({ personId: z.string(), registerNo: z.string(), nameLatin: z.string(), nameOriginal: z.string(), checkedAt: z.string(), bestScore: z.number(), candidates: z.number().int() }),
        ),
      }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'national_tasks', entityId: () => null },
      servedAt: devicesOnly,
    }),
    link: method({
      input: z.object({ personId: id, ...hqRefInput, reason: text(1000) }).strict(),
      output: z.object({ ok: z.literal(true) }),
      access: needs('person.write'),
    }),
    unlink: method({
      input: z.object({ personId: id, otherPersonId: z.uuid(), reason: text(1000) }).strict(),
      output: z.object({ ok: z.literal(true) }),
      access: needs('person.write'),
    }),
    /** Not the same person: the task closes, audited; the candidates stay on record. */
    dismiss: method({
      input: z.object({ personId: id, reason: text(1000) }).strict(),
      output: z.object({ ok: z.literal(true) }),
      access: needs('person.write'),
    }),
  },
};
