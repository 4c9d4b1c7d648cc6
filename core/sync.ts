import { z } from 'zod';
import { eventRecord, maxStoredInteger } from './events';
import { requesterCategory, tracingRequestKind } from './contract/tracing-shared';

/**
 * The sync protocol between a device and HQ (docs/sync.md): the messages, validated on both sides.
 * Every request after enrollment is signed by the device's Ed25519 key (see db/device-auth.ts).
 */

export const maxPushBatch = 2000;
export const maxPullBatch = 5000;

/** The largest request body HQ reads (hq/server.ts): a bigger push is refused with 413, every time. */
export const maxSyncBodyBytes = 8 * 1024 * 1024;
/**
 * A push batch is cut by its serialized size as well as by count (issue #10: 2,000 events of the
 * largest text make 16 MB), leaving room for the signed head and the envelope around the events.
 */
export const maxPushBatchBytes = maxSyncBodyBytes - 64 * 1024;
/**
 * The largest event a device may make, serialized: small enough that one event alone always fits in a
 * push and in a removable-media bundle, which crosses the 1 MiB RPC limit base64-encoded.
 */
export const maxEventBytes = 512 * 1024;
/** A bundle's content (JSON) stays under this, so the file, base64 and all, imports through the router. */
export const maxBundleContentBytes = 700 * 1024;

/** The bytes an event adds to a push or bundle body (its JSON and the comma before it). */
export function eventBytes(e: unknown): number {
  return new TextEncoder().encode(JSON.stringify(e)).length + 1;
}

export const enrollRequest = z
  .object({
    code: z.string().trim().min(6).max(64),
    deviceId: z.uuid(),
    deviceName: z.string().trim().min(1).max(100),
    publicKey: z.string().min(40).max(200),
    facilityName: z.string().trim().min(1).max(200),
  })
  .strict();

/** One version of a facility's bundle key, as HQ hands it to the facility's devices. */
export const bundleKeyVersion = z.object({ keyId: z.number().int().min(1), key: z.string().min(40).max(60) });

/**
 * A device of the facility as HQ enrolled it: a peer verifies a bundle's signature only against the key
 * listed here for the device it names, and refuses a revoked one (docs/sync.md#removable-media-bundles).
 */
export const facilityDevice = z.object({ deviceId: z.uuid(), publicKey: z.string().min(40).max(200), revokedAt: z.string().nullable() });

export const enrollResponse = z.object({
  facilityId: z.string(),
  facilityName: z.string(),
  hqPublicKey: z.string(),
  /** The facility's removable-media key (base64, 256 bits); kept in the encrypted store. */
  bundleKey: z.string().min(40).max(60),
  /** its version (issue #13 §1: revoking a device rotates the key); absent from an HQ before it: 1 */
  bundleKeyId: z.number().int().min(1).default(1),
  serverTime: z.string(),
  /** as in a pull: every key version, and the facility's devices (a peer's bundles verify against these) */
  bundleKeys: z.array(bundleKeyVersion).max(10_000).optional(),
  facilityDevices: z.array(facilityDevice).max(10_000).optional(),
});

export const signedHead = z
  .object({
    seq: z.number().int().min(0).max(maxStoredInteger),
    hash: z.union([z.string().regex(/^[0-9a-f]{64}$/), z.literal('')]),
    signature: z.string().min(40).max(200),
  })
  .strict();

export const pushRequest = z
  .object({
    events: z.array(eventRecord).min(1).max(maxPushBatch),
    /** The device's signed chain head at the last event of this batch. */
    head: signedHead,
    /** How many of the device's events remain to send after this batch: shown on HQ's console. */
    queued: z.number().int().min(0).max(1e9).optional(),
  })
  .strict();

export const quarantined = z.object({ deviceSeq: z.number().int(), reason: z.string() });

export const pushResponse = z.object({
  /** Highest device_seq HQ holds, committed, for this device: the device may forget nothing below it. */
  ackedSeq: z.number().int(),
  /** HQ's signature over (deviceId, ackedSeq, hash at ackedSeq): proof the device can keep. */
  receipt: z.string(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.array(quarantined),
  serverTime: z.string(),
});

/**
 * What HQ holds may predate a check (an HQ before issue #10 stored clocks that do not decode and huge
 * schema versions): such an event still arrives, and the device keeps it quarantined rather than stop.
 */
export const pulledEvent = eventRecord.extend({
  hlc: z.string().min(1).max(100),
  schemaVersion: z.number().int().min(1),
  serverSeq: z.number().int().min(1),
  quarantined: z.string().nullable(),
});

/** The most tracing requests one pull answer carries; the rest come with the next (docs/sync.md#tracing-requests-to-a-centre). */
export const maxTracingRequestsPerPull = 500;

/**
 * HQ's request to the centre holding a person (issue #14 §3): ask their consent to disclose their
 * whereabouts and/or tell them who is looking for them. Only the requester's category travels, never
 * their name or contact. `seq` orders requests for the device's tracing cursor.
 */
export const tracingRequestDelivery = z
  .object({
    requestId: z.uuid(),
    personId: z.string().min(1).max(100),
    kinds: z.array(tracingRequestKind).min(1).max(2),
    requesterCategory,
    askedAt: z.iso.datetime({ offset: true }),
  })
  .strict();

export const pullResponse = z.object({
  events: z.array(pulledEvent),
  /** Cursor to ask from next: the highest server_seq examined (not only those returned). */
  cursor: z.number().int().min(0),
  more: z.boolean(),
  serverTime: z.string(),
  /** Every version of the facility's bundle key, oldest first: the highest seals new bundles. */
  bundleKeys: z.array(bundleKeyVersion).max(10_000).optional(),
  /** The facility's devices, revoked ones included, for verifying bundles from peers. */
  facilityDevices: z.array(facilityDevice).max(10_000).optional(),
  /** HQ's tracing requests to this facility after the device's tracing cursor (only when it sent one: `tracingAfter`). */
  tracingRequests: z.array(tracingRequestDelivery).max(maxTracingRequestsPerPull).optional(),
  /** The tracing cursor to send next: the highest request examined. */
  tracingCursor: z.number().int().min(0).optional(),
});

export const syncErrorReasons = [
  'gap',
  'fork',
  'bad_chain',
  'bad_head_signature',
  'foreign_device',
  'unknown_device',
  'revoked',
  'bad_signature',
  'outdated_device',
  'wrong_audience',
  'clock_skew',
  'replayed',
] as const;

/** Day end: the device states what it holds; HQ says whether it holds the same, or what is missing. */
export const manifestRequest = z
  .object({
    day: z.iso.date(),
    head: signedHead,
    /** Events this device recorded that day (its local calendar), for the report. */
    recordedThatDay: z.number().int().min(0),
  })
  .strict();

export const manifestResponse = z.object({
  complete: z.boolean(),
  hqHead: z.object({ seq: z.number().int(), hash: z.string() }),
  /** The device_seq range HQ does not yet hold, when incomplete. */
  missing: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
  serverTime: z.string(),
});

/**
 * A removable-media bundle: a device's unacknowledged events, encrypted with the facility's bundle key
 * (AES-256-GCM) and signed by the device, for a remote office with no network at all.
 */
const bundleFields = {
  format: z.literal('qeyd-bundle'),
  deviceId: z.uuid(),
  facilityId: z.string().min(1).max(100),
  createdAt: z.iso.datetime({ offset: true }),
  iv: z.string(),
  ciphertext: z.string(),
  authTag: z.string(),
  /** Device signature over everything else (db/bundle.ts). */
  signature: z.string(),
};

/**
 * Version 2 names the version of the facility key that sealed it (`keyId`) and no longer carries the
 * device's public key: the importer verifies with the key it already holds for the device. Version 1
 * files (sealed under the facility's first key) are still read.
 */
export const bundleFile = z.discriminatedUnion('version', [
  z.object({ ...bundleFields, version: z.literal(1), devicePublicKey: z.string().min(40).max(200) }).strict(),
  z.object({ ...bundleFields, version: z.literal(2), keyId: z.number().int().min(1).max(1_000_000) }).strict(),
]);

/** What a bundle decrypts to: the same body as a push (cut by count and by maxBundleContentBytes). */
export const bundleContent = pushRequest;
export const eventsPerBundle = 1000;
