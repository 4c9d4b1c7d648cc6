import { z } from 'zod';
import { eventRecord } from './events';
import { episodeStates } from './episode';
import { facilityDevice } from './sync';
import { signedTransferPackage, transferHandover, transferOutcome } from './transfers';

/**
 * The transfer package and the device ↔ HQ messages of transfers between centres (issue #15 §6,
 * docs/sync.md#transfers-between-centres), validated on both sides.
 */

/** The package's content, signed as canonical JSON by the sending device (db/transfer-package.ts). */
export const transferPackageBody = z
  .object({
    format: z.literal('qeyd-transfer'),
    version: z.literal(1),
    transferId: z.uuid(),
    personId: z.string().min(1).max(100),
    episodeId: z.string().min(1).max(100),
    episodeState: z.enum(episodeStates),
    from: z.object({ facilityId: z.string().min(1).max(100), facilityName: z.string().min(1).max(200), deviceId: z.uuid() }).strict(),
    to: z.object({ facilityId: z.string().min(1).max(100), facilityName: z.string().min(1).max(200) }).strict(),
    dispatchedAt: z.iso.datetime({ offset: true }),
    reason: z.string().min(1).max(1000),
    handover: transferHandover,
    /** for the receiving centre's list, before anything is admitted */
    person: z.object({ nameLatin: z.string().max(400), nameOriginal: z.string().max(400), birthDate: z.string().max(20).nullable(), nationalities: z.array(z.string().max(3)).max(10) }).strict(),
    /** every record of the person the package carries: their ownership moves to the receiving facility at HQ */
    entityIds: z.array(z.string().min(1).max(100)).min(1).max(5000),
    /** the events of those records, in the sending device's log order */
    events: z.array(eventRecord).min(1).max(5000),
  })
  .strict();
export type TransferPackageBody = z.infer<typeof transferPackageBody>;

/** A facility as HQ lists it to enrolled devices, with its devices' keys (a package verifies against them). */
export const listedFacility = z.object({ facilityId: z.string().min(1).max(100), name: z.string().min(1).max(200), kind: z.string().max(40), devices: z.array(facilityDevice).max(1000) }).strict();
export type ListedFacility = z.infer<typeof listedFacility>;

export const transfersRequest = z.object({ awaiting: z.array(z.uuid()).max(500) }).strict();

export const maxPackagesPerFetch = 50;

export const transfersResponse = z.object({
  facilities: z.array(listedFacility).max(10_000),
  packages: z.array(z.object({ transferId: z.uuid(), package: signedTransferPackage }).strict()).max(maxPackagesPerFetch),
  outcomes: z.array(transferOutcome).max(500),
  serverTime: z.string(),
});

/** HQ allows a device this many transfer requests a minute. */
export const transferFetchesPerMinute = 30;

/** The offline file: the same signed package, for the receiving centre. */
export const transferFile = z.object({ format: z.literal('qeyd-transfer-file'), version: z.literal(1), transferId: z.uuid(), package: signedTransferPackage }).strict();
