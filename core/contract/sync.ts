import { z } from 'zod';
import { needs } from '../permissions';
import { method } from './method';

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
  running: z.boolean(),
});

export const syncContract = {
  sync: {
    status: method({ input: z.object({}).strict(), output: syncStatus, access: needs('sync.run') }),
    enroll: method({
      input: z.object({ hqUrl, code: z.string().trim().min(6).max(64) }).strict(),
      output: syncStatus,
      access: needs('settings.manage'),
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
      }),
      access: needs('sync.run'),
    }),
    /** Removable media: this device's unacknowledged events as encrypted, signed files. */
    exportBundles: method({
      input: z.object({}).strict(),
      output: z.object({ files: z.array(z.object({ fileName: z.string(), content: z.string(), events: z.number().int(), fromSeq: z.number().int(), toSeq: z.number().int() })) }),
      access: needs('sync.run'),
    }),
    /** A bundle from another device of this facility, applied with the same checks as a pull. */
    importBundle: method({
      input: z.object({ content: z.string().min(2).max(1_000_000) }).strict(),
      output: z.object({ applied: z.number().int(), skipped: z.number().int(), quarantined: z.number().int(), fromDevice: z.string() }),
      access: needs('sync.run'),
    }),
    run: method({
      input: z.object({}).strict(),
      output: z.object({ pushed: z.number().int(), pulled: z.number().int(), quarantined: z.number().int(), status: syncStatus }),
      access: needs('sync.run'),
    }),
  },
};
