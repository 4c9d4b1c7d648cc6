import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson } from '../core/canonical-json';
import { bundleContent, bundleFile } from '../core/sync';
import { signWith, verifyWith } from './device-auth';

export type BundleFile = z.infer<typeof bundleFile>;
export type BundleContent = z.infer<typeof bundleContent>;

export class BundleError extends Error {
  constructor(readonly reason: 'unreadable' | 'wrong_facility' | 'bad_signature' | 'cannot_decrypt') {
    super(`bundle refused: ${reason}`);
  }
}

function signedPart(f: Omit<BundleFile, 'signature'>): Buffer {
  return Buffer.from(canonicalJson(f));
}

export function sealBundle(
  content: BundleContent,
  opts: { deviceId: string; devicePublicKey: string; devicePrivateKey: string; facilityId: string; bundleKey: string; createdAt: string },
): BundleFile {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(opts.bundleKey, 'base64'), iv);
  cipher.setAAD(Buffer.from(`qeyd-bundle-v1|${opts.facilityId}|${opts.deviceId}`));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(content)), cipher.final()]);
  const unsigned = {
    format: 'qeyd-bundle' as const,
    version: 1 as const,
    deviceId: opts.deviceId,
    devicePublicKey: opts.devicePublicKey,
    facilityId: opts.facilityId,
    createdAt: opts.createdAt,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
  };
  return { ...unsigned, signature: signWith(opts.devicePrivateKey, signedPart(unsigned)) };
}

/**
 * Checks and opens a bundle: the right facility, a signature by the key it names (or, at HQ, the
 * key enrolled for that device), a ciphertext only the facility key opens, and a body shaped like a push.
 */
export function openBundle(raw: unknown, opts: { facilityId: string; bundleKey: string; expectedPublicKey?: string }): { file: BundleFile; content: BundleContent } {
  const parsed = bundleFile.safeParse(raw);
  if (!parsed.success) throw new BundleError('unreadable');
  const file = parsed.data;
  if (file.facilityId !== opts.facilityId) throw new BundleError('wrong_facility');
  const { signature, ...unsigned } = file;
  const key = opts.expectedPublicKey ?? file.devicePublicKey;
  if (opts.expectedPublicKey && opts.expectedPublicKey !== file.devicePublicKey) throw new BundleError('bad_signature');
  if (!verifyWith(key, signedPart(unsigned), signature)) throw new BundleError('bad_signature');
  let text: string;
  try {
    // A 16-byte tag and no less: GCM would otherwise accept a tag cut to 4 bytes, a forgery in 2^32 tries.
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(opts.bundleKey, 'base64'), Buffer.from(file.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(`qeyd-bundle-v1|${file.facilityId}|${file.deviceId}`));
    decipher.setAuthTag(Buffer.from(file.authTag, 'base64'));
    text = Buffer.concat([decipher.update(Buffer.from(file.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new BundleError('cannot_decrypt');
  }
  const content = bundleContent.safeParse(JSON.parse(text));
  if (!content.success || content.data.events.some((e) => e.deviceId !== file.deviceId)) throw new BundleError('unreadable');
  return { file, content: content.data };
}
