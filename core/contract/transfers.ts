import { z } from 'zod';
import { isoDate, isoInstant, text } from '../fields';
import { needs } from '../permissions';
import { receivingCheck, transferHandover, transferStatus } from '../transfers';
import { id } from './common';
import { devicesOnly, everywhere, method } from './method';

/**
 * Transfers between centres that arrive (issue #15 §6, docs/sync.md#transfers-between-centres): the sending
 * centre dispatches the person with their records; the receiving centre admits them with a handover check
 * (or refuses the transfer), through HQ or a signed file.
 */

const facilityView = z.object({ facilityId: z.string(), name: z.string(), kind: z.string() });

const personSummary = z.object({ nameLatin: z.string(), nameOriginal: z.string(), birthDate: z.string().nullable(), nationalities: z.array(z.string()) });

export const incomingTransferView = z.object({
  transferId: z.string(),
  personId: z.string(),
  person: personSummary,
  fromFacilityName: z.string(),
  dispatchedAt: z.string(),
  reason: z.string(),
  handover: transferHandover,
  source: z.enum(['hq', 'file']),
  arrivedAt: z.string(),
  /** how many events of the person's record the package carries */
  events: z.number().int(),
});

export const transferView = z.object({
  transferId: z.string(),
  episodeId: z.string(),
  fromFacilityName: z.string(),
  toFacilityName: z.string(),
  dispatchedAt: z.string(),
  reason: z.string(),
  handover: z.unknown(),
  status: transferStatus,
  outcomeAt: z.string().nullable(),
  outcome: z.unknown(),
  discrepancies: z.boolean(),
  /** the continuing episode is held here (the receiving side) */
  receivedHere: z.boolean(),
  confirmedAt: z.string().nullable(),
});

/** An event of the person's record recorded at an earlier centre, as carried by a transfer package. */
export const carriedEventView = z.object({ type: z.string(), at: z.string(), facilityName: z.string(), transferId: z.string() });

export const transfersFiguresView = z.object({ out: z.number().int(), in: z.number().int(), inTransitNow: z.number().int(), refused: z.number().int(), withDiscrepancies: z.number().int() });

export const transfersContract = {
  transfers: {
    /** The centres a transfer may go to: HQ's facility list as last received (kept for offline use), without this centre. */
    facilities: method({
      input: z.object({}).strict(),
      output: z.object({ facilities: z.array(facilityView), ownFacilityId: z.string().nullable() }),
      access: needs('person.read'),
      servedAt: devicesOnly,
    }),
    /** The sending centre records the transfer with its handover; the episode stays open, in transfer. */
    dispatch: method({
      input: z.object({ episodeId: id, toFacilityId: id, at: isoInstant, reason: text(1000), handover: transferHandover }).strict(),
      output: z.object({ transferId: z.string(), eventId: z.string() }),
      access: needs('person.write'),
    }),
    /** Packages for this centre waiting for the handover check. */
    incoming: method({
      input: z.object({}).strict(),
      output: z.object({ transfers: z.array(incomingTransferView) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'transfer_inbox', entityId: () => null },
      servedAt: devicesOnly,
    }),
    /** The receiving centre's handover check: the person and their continuing episode exist here from then on. */
    admit: method({
      input: z.object({ transferId: z.uuid(), at: isoInstant, check: receivingCheck }).strict(),
      output: z.object({ personId: z.string(), episodeId: z.string(), eventId: z.string() }),
      access: needs('person.write'),
    }),
    /** The receiving centre refuses the transfer (the escort takes the person back), with the reason. */
    refuse: method({
      input: z.object({ transferId: z.uuid(), at: isoInstant, reason: text(2000) }).strict(),
      output: z.object({ eventId: z.string() }),
      access: needs('person.write'),
    }),
    /** The person's transfers, and the events of their record carried from earlier centres. */
    ofPerson: method({
      input: z.object({ personId: id }).strict(),
      output: z.object({ transfers: z.array(transferView), carried: z.array(carriedEventView) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person', entityId: (i) => i.personId },
      servedAt: everywhere,
      readsRecords: true,
    }),
    /** The signed package as a file for the receiving centre, when there is no network. */
    exportFile: method({
      input: z.object({ transferId: z.uuid() }).strict(),
      output: z.object({ fileName: z.string(), content: z.string() }),
      access: needs('person.write'),
      servedAt: devicesOnly,
    }),
    /** A package file from the sending centre: checked as a package from HQ, then waits in the incoming list. */
    importFile: method({
      input: z.object({ content: z.string().min(2).max(900_000) }).strict(),
      output: z.object({ transferId: z.string() }),
      access: needs('person.write'),
    }),
    /** Counts for a period (issue #15 §7): transfers out, in, in transit now, refused, with discrepancies. */
    figures: method({
      input: z.object({ from: isoDate, to: isoDate }).strict(),
      output: transfersFiguresView,
      access: needs('person.read'),
      servedAt: everywhere,
      readsRecords: true,
    }),
  },
};
