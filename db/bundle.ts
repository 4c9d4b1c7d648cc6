import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson } from '../core/canonical-json';
import { bundleContent, bundleFile } from '../core/sync';
import { signWith, verifyWith } from './device-auth';

export type BundleFile = z.infer<typeof bundleFile>;
export type BundleContent = z.infer<typeof bundleContent>;

export class BundleError extends Error {
  constructor(readonly reason: 'unreadable' | 'wrong_facility' | 'bad_signature' | 'cannot_decrypt' | 'unknown_key') {
    super(`bundle refused: ${reason}`);
  }
}

function signedPart(f: Omit<BundleFile, 'signature'>): Buffer {
  return Buffer.from(canonicalJson(f));
}

/** The key version a file was sealed under: version 1 files predate rotation, so the facility's first key. */
export function bundleKeyIdOf(file: BundleFile): number {
  return file.version === 1 ? 1 : file.keyId;
}

/** What GCM authenticates besides the ciphertext: the file's facility, device and (from version 2) key version. */
function additionalData(file: Pick<BundleFile, 'facilityId' | 'deviceId'> & ({ version: 1 } | { version: 2; keyId: number })): Buffer {
  return Buffer.from(file.version === 1 ? `qeyd-bundle-v1|${file.facilityId}|${file.deviceId}` : `qeyd-bundle-v2|${file.facilityId}|${file.deviceId}|${file.keyId}`);
}

/** Seals a bundle (format version 2) under one version of the facility's key and signs it with the device key. */
export function sealBundle(content: BundleContent, opts: { deviceId: string; devicePrivateKey: string; facilityId: string; bundleKey: string; bundleKeyId: number; createdAt: string }): BundleFile {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(opts.bundleKey, 'base64'), iv);
  cipher.setAAD(additionalData({ version: 2, facilityId: opts.facilityId, deviceId: opts.deviceId, keyId: opts.bundleKeyId }));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(content)), cipher.final()]);
  const unsigned = {
    format: 'qeyd-bundle' as const,
    version: 2 as const,
    keyId: opts.bundleKeyId,
    deviceId: opts.deviceId,
    facilityId: opts.facilityId,
    createdAt: opts.createdAt,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
  };
  return { ...unsigned, signature: signWith(opts.devicePrivateKey, signedPart(unsigned)) };
}

/** A bundle file read against its schema, before anything it names is looked up. */
export function readBundleFile(raw: unknown): BundleFile {
  const parsed = bundleFile.safeParse(raw);
  if (!parsed.success) throw new BundleError('unreadable');
  return parsed.data;
}

/**
 * Checks and opens a bundle: the right facility, a signature by the key the importer already holds for
 * the device it names (HQ's devices table, a peer's replicated list: never a key the file carries,
 * which anyone can put there), a ciphertext the named version of the facility key opens, and a body
 * shaped like a push whose every event is the named device's. `bundleKey` is looked up by the caller
 * from the file's key version (`bundleKeyIdOf`); null when the importer does not hold that version.
 */
export function openBundle(raw: unknown, opts: { facilityId: string; bundleKey: string | null; expectedPublicKey: string }): { file: BundleFile; content: BundleContent } {
  const file = readBundleFile(raw);
  if (file.facilityId !== opts.facilityId) throw new BundleError('wrong_facility');
  const { signature, ...unsigned } = file;
  // A version 1 file names a key; one other than the enrolled key is a forgery whatever it signs.
  if (file.version === 1 && file.devicePublicKey !== opts.expectedPublicKey) throw new BundleError('bad_signature');
  if (!verifyWith(opts.expectedPublicKey, signedPart(unsigned), signature)) throw new BundleError('bad_signature');
  if (opts.bundleKey === null) throw new BundleError('unknown_key');
  let text: string;
  try {
    // A 16-byte tag and no less: GCM would otherwise accept a tag cut to 4 bytes, a forgery in 2^32 tries.
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(opts.bundleKey, 'base64'), Buffer.from(file.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(additionalData(file));
    decipher.setAuthTag(Buffer.from(file.authTag, 'base64'));
    text = Buffer.concat([decipher.update(Buffer.from(file.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new BundleError('cannot_decrypt');
  }
  const content = bundleContent.safeParse(JSON.parse(text));
  if (!content.success || content.data.events.some((e) => e.deviceId !== file.deviceId)) throw new BundleError('unreadable');
  return { file, content: content.data };
}
