import { z } from 'zod';
import { needs } from '../permissions';
import { devicesOnly, method } from './method';
import { restoreLoss } from '../sync-restore';

/** HTTPS to HQ; plain HTTP only on this machine's loopback (development, tests). */
export const hqUrl = z
  .url()
  .max(300)
  .refine((u) => {
    try {
      const url = new URL(u);
      if (url.protocol === 'https:') return true;
      return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    } catch {
      return false;
    }
  }, 'error.sync.insecureUrl');

/** How far a running sync has got: events sent of those waiting at its start, events received. */
export const syncProgress = z.object({
  phase: z.enum(['push', 'pull']),
  pushed: z.number().int(),
  toPush: z.number().int(),
  pulled: z.number().int(),
});

/**
 * One sync attempt as the device remembers it (the last few are kept). `offline` means HQ could not be
 * reached: normal for a field office, retried on its own; `failed` means HQ answered with a refusal.
 */
export const syncAttempt = z.object({
  at: z.string(),
  finishedAt: z.string(),
  trigger: z.enum(['manual', 'auto']),
  outcome: z.enum(['ok', 'offline', 'failed']),
  pushed: z.number().int(),
  pulled: z.number().int(),
  quarantined: z.number().int(),
  /** A translated message key (`error.sync.*`), null on success. */
  reason: z.string().nullable(),
});

export const syncStatus = z.object({
  enrolled: z.boolean(),
  hqUrl: z.string().nullable(),
  facilityName: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** The translated reason of the last failure, until a sync succeeds. */
  lastError: z.string().nullable(),
  pending: z.number().int(),
  ackedSeq: z.number().int(),
  cursor: z.number().int(),
  quarantined: z.number().int(),
  /** HQ time minus device time at the last sync: a wrong device clock shows here. */
  clockSkewSeconds: z.number().nullable(),
  /** How the last attempt ended: `offline` is normal for a field office and retried on its own. */
  lastOutcome: syncAttempt.shape.outcome.nullable(),
  running: z.boolean(),
  /** While a sync runs: how far it has got. */
  progress: syncProgress.nullable(),
  /** Automatic sync is on in the settings (it still needs enrollment and an open installation). */
  autoSync: z.boolean(),
  /** When the next automatic sync is due; null when none is planned. */
  nextAutoSyncAt: z.string().nullable(),
  /**
   * HQ has revoked this device (docs/sync.md#revocation): when and why, as HQ said; null fields when
   * HQ did not say. Automatic sync stops; the screen tells the user to ask HQ.
   */
  revoked: z.object({ at: z.string().nullable(), reason: z.string().nullable() }).nullable(),
});

/** A device's exchange with HQ: HQ's console is no device and never syncs (docs/hq-console.md). */
export const syncContract = {
  sync: {
    status: method({ input: z.object({}).strict(), output: syncStatus, access: needs('sync.run'), servedAt: devicesOnly }),
    enroll: method({
      input: z.object({ hqUrl, code: z.string().trim().min(6).max(64) }).strict(),
      output: syncStatus,
      access: needs('settings.manage'),
      servedAt: devicesOnly,
    }),
    /** Day end: does HQ hold everything this device recorded? Names what is missing if not. */
    dayEnd: method({
      input: z.object({}).strict(),
      output: z.object({
        day: z.string(),
        complete: z.boolean(),
        deviceSeq: z.number().int(),
        hqSeq: z.number().int(),
        missing: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
        recordedThatDay: z.number().int(),
        /** Restores of this device from a backup HQ recorded, with the events each lost (docs/backup.md). */
        restores: z.array(restoreLoss),
      }),
      access: needs('sync.run'),
      servedAt: devicesOnly,
    }),
    /** Removable media: this device's unacknowledged events as encrypted, signed files. */
    exportBundles: method({
      input: z.object({}).strict(),
      output: z.object({ files: z.array(z.object({ fileName: z.string(), content: z.string(), events: z.number().int(), fromSeq: z.number().int(), toSeq: z.number().int() })) }),
      access: needs('sync.run'),
      servedAt: devicesOnly,
    }),
    /** A bundle from another device of this facility, applied with the same checks as a pull. */
    importBundle: method({
      input: z.object({ content: z.string().min(2).max(1_000_000) }).strict(),
      output: z.object({ applied: z.number().int(), skipped: z.number().int(), quarantined: z.number().int(), fromDevice: z.string() }),
      access: needs('sync.run'),
      servedAt: devicesOnly,
    }),
    /** The last attempts, newest first, each with its outcome and reason. */
    history: method({
      input: z.object({}).strict(),
      output: z.object({ attempts: z.array(syncAttempt) }),
      access: needs('sync.run'),
      servedAt: devicesOnly,
    }),
    run: method({
      input: z.object({}).strict(),
      output: z.object({ pushed: z.number().int(), pulled: z.number().int(), quarantined: z.number().int(), status: syncStatus }),
      access: needs('sync.run'),
      servedAt: devicesOnly,
    }),
  },
};
