import { z } from 'zod';
import { isoInstant, optionalText, text } from './fields';

/**
 * Transfers between centres (issue #15 §6, docs/sync.md#transfers-between-centres): the person stays
 * detained while an escort takes them from one centre to another, so the episode stays open and its
 * clocks run; the receiving centre admits them with a handover check, and the sending centre closes its
 * episode only when HQ tells it the person was received. Pure schemas and rules; no I/O.
 */

const ref = z.string().min(1).max(100);

/** A facility as HQ lists it (its id at HQ and its name). */
export const facilityRef = z.object({ facilityId: ref, facilityName: text(200) }).strict();
export type FacilityRef = z.infer<typeof facilityRef>;

/** What goes with the person: who escorts them, which documents and which property (property: issue #15 §5). */
export const transferHandover = z
  .object({
    escort: z.object({ names: text(300), service: text(200) }).strict(),
    documents: z.array(text(300)).max(50),
    property: z.array(text(300)).max(200),
    note: optionalText(2000),
  })
  .strict();
export type TransferHandover = z.infer<typeof transferHandover>;

/** A package as it travels: canonical JSON (core/sync-transfers.ts `transferPackageBody`) and the sending device's signature. */
export const signedTransferPackage = z
  .object({
    deviceId: z.uuid(),
    /** under maxEventBytes with room for the event around it */
    body: z
      .string()
      .min(2)
      .max(480 * 1024),
    signature: z.string().min(40).max(200),
  })
  .strict();
export type SignedTransferPackage = z.infer<typeof signedTransferPackage>;

const checkedItem = z.object({ item: text(300), received: z.boolean() }).strict();

/**
 * The receiving centre's handover check: the person is who the package says (else the transfer is
 * refused, not admitted), the escort was identified, each document and item listed was or was not
 * received; anything missing needs a note of the discrepancy.
 */
export const receivingCheck = z
  .object({
    identityConfirmed: z.boolean(),
    escortIdentified: z.boolean(),
    documents: z.array(checkedItem).max(50),
    property: z.array(checkedItem).max(200),
    discrepancies: optionalText(2000),
  })
  .strict();
export type ReceivingCheck = z.infer<typeof receivingCheck>;

/** True when anything listed did not arrive, or the escort was not identified: the check then needs a note. */
export function hasDiscrepancy(check: ReceivingCheck): boolean {
  return !check.escortIdentified || check.documents.some((d) => !d.received) || check.property.some((p) => !p.received) || (check.discrepancies ?? '').length > 0;
}

/** The refusal key for a check that cannot be recorded, or null. */
export function checkRefusal(check: ReceivingCheck): { key: string; field: string } | null {
  if (!check.identityConfirmed) return { key: 'error.transfer.identityNotConfirmed', field: 'check.identityConfirmed' };
  const missing = !check.escortIdentified || check.documents.some((d) => !d.received) || check.property.some((p) => !p.received);
  if (missing && !(check.discrepancies ?? '').length) return { key: 'error.transfer.discrepancyNote', field: 'check.discrepancies' };
  return null;
}

export const transferStatuses = ['dispatched', 'received', 'refused'] as const;
export const transferStatus = z.enum(transferStatuses);
export type TransferStatus = z.infer<typeof transferStatus>;

/** The receiving centre's answer, as HQ passes it back to the sending centre. */
export const transferOutcome = z
  .object({
    transferId: z.uuid(),
    status: z.enum(['received', 'refused']),
    at: isoInstant,
    facilityName: text(200),
    discrepancies: z.boolean(),
    note: optionalText(2000),
  })
  .strict();
export type TransferOutcome = z.infer<typeof transferOutcome>;

/** Event payloads (core/events/index.ts). */
export const transferDispatchedSchema = z
  .object({
    personId: ref,
    episodeId: ref,
    from: facilityRef,
    to: facilityRef,
    at: isoInstant,
    reason: text(1000),
    handover: transferHandover,
    package: signedTransferPackage,
  })
  .strict();
export const transferReceivedSchema = z
  .object({
    personId: ref,
    episodeId: ref,
    from: facilityRef,
    to: facilityRef,
    /** the receiving installation's own facility, as its episodes name it */
    episodeFacility: z.object({ facilityId: ref, facilityName: z.string().max(200) }).strict(),
    at: isoInstant,
    check: receivingCheck,
    package: signedTransferPackage,
  })
  .strict();
export const transferRefusedSchema = z.object({ personId: ref, episodeId: ref, from: facilityRef, to: facilityRef, at: isoInstant, reason: text(2000) }).strict();
export const transferConfirmedSchema = z
  .object({
    personId: ref,
    episodeId: ref,
    outcome: z.enum(['received', 'refused']),
    at: isoInstant,
    facilityName: text(200),
    discrepancies: z.boolean(),
    note: optionalText(2000),
  })
  .strict();

/** Figures for a period (issue #15 §7): counts only. */
export interface TransfersFigures {
  out: number;
  in: number;
  inTransitNow: number;
  refused: number;
  withDiscrepancies: number;
}
