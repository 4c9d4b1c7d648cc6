import { z } from 'zod';
import { eventRecord } from './events';
import { maxPullBatch, signedHead } from './sync';

/**
 * Messages of a device restored from a backup (issue #13 §4, docs/backup.md), beside the other sync
 * messages of core/sync.ts and validated on both sides alike.
 */

/** The header every signed request of a device carries: which copy of its identity it is. */
export const incarnationHeader = 'x-qeyd-incarnation';

/**
 * "I am this device, restored from a backup whose own chain ends at `backupHead`" (signed by the device
 * key, like every request). `restoreId` makes a repeat of the report (an answer lost on the way) the
 * same report, not a second restore.
 */
export const restoredRequest = z
  .object({
    restoreId: z.uuid(),
    backupHead: signedHead,
    backupCreatedAt: z.iso.datetime(),
  })
  .strict();

export const restoredResponse = z.object({
  /** The number this copy now signs its requests with; any older copy is refused as `superseded_copy`. */
  incarnation: z.number().int().min(1),
  /** How far HQ holds this device's chain: the restored copy fetches its own events up to here first. */
  hqHead: z.object({ seq: z.number().int().min(0), hash: z.string() }),
  /** What the old copy had said was waiting and never arrived: lost with it (null when nothing). */
  lost: z.object({ from: z.number().int(), to: z.number().int(), reportedAt: z.string().nullable() }).nullable(),
  serverTime: z.string(),
});

/** A restored device's own events HQ holds after `after` (devices never pull their own events otherwise). */
export const ownEventsRequest = z
  .object({
    after: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    limit: z.number().int().min(1).max(maxPullBatch).default(1000),
  })
  .strict();

export const ownEventsResponse = z.object({
  events: z.array(eventRecord.extend({ quarantined: z.string().nullable() })),
  more: z.boolean(),
  serverTime: z.string(),
});

/** A restore HQ recorded for the device, as the day-end manifest names it. */
export const restoreLoss = z.object({
  restoredAt: z.string(),
  backupSeq: z.number().int(),
  /** the old copy's events HQ was told of and never received; `count` 0 when none */
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  count: z.number().int().min(0),
  reportedAt: z.string().nullable(),
});

/** The manifest's answer as HQ sends it after issue #13 §4: the restores and what each lost. */
export const manifestLosses = z.object({ restores: z.array(restoreLoss).max(1000).optional() });
