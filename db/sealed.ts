import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json';
import { sealedSchema, type Sealed } from '../core/npm/sealed';
import { open as openFrom, rawX25519, seal as sealTo, type SealFormat } from './x25519-seal';

/**
 * Sealing to the ombudsman organisation's X25519 key (core/npm/sealed.ts): a fresh ephemeral key per
 * message, X25519 agreement, HKDF-SHA256 and AES-256-GCM. Sealing needs only the public key, so any team
 * laptop can record an interview; opening needs the private key, which a centre device never has.
 * The algorithm, key id and ephemeral key are bound into the GCM tag, so none can be swapped unnoticed.
 */

const alg = 'x25519-hkdf-sha256-aes256gcm' as const;
const info = 'qeyd-sealed-v1';

export class SealedOpenError extends Error {
  constructor(readonly reason: 'other_key' | 'tampered') {
    super(reason === 'other_key' ? 'sealed to another organisation key' : 'sealed content was altered or the key is wrong');
    this.name = 'SealedOpenError';
  }
}

export interface SealingKeyPair {
  /** base64 DER (spki) */
  publicKey: string;
  /** base64 DER (pkcs8) */
  privateKey: string;
}

export function generateSealingKeyPair(): SealingKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

function publicKeyObject(publicKey: string): KeyObject {
  return createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
}

function kidOfRaw(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** The key's fingerprint: what a sealed message names, and what a person compares on screen. */
export function sealingKeyId(publicKey: string): string {
  return kidOfRaw(rawX25519(publicKeyObject(publicKey)));
}

/** The raw ephemeral key and then the recipient's salt the HKDF; the AAD binds algorithm, key id and ephemeral key. */
function sealFormat(kid: string): SealFormat {
  return { info, epk: 'raw', saltWithRecipient: true, aad: (epk) => Buffer.from(`${alg}|${kid}|${epk.toString('base64')}`, 'utf8') };
}

/** Seals a JSON value (as canonical JSON) to the organisation's public key. */
export function seal(orgPublicKey: string, plaintext: unknown): Sealed {
  const recipient = publicKeyObject(orgPublicKey);
  const kid = kidOfRaw(rawX25519(recipient));
  const box = sealTo(recipient, Buffer.from(canonicalJson(plaintext), 'utf8'), sealFormat(kid));
  const b64 = (b: Buffer) => b.toString('base64');
  return sealedSchema.parse({ alg, kid, epk: b64(box.epk), iv: b64(box.iv), ct: b64(box.ct), tag: b64(box.tag) });
}

/** Opens what was sealed to this organisation key; another key or any altered byte is refused. */
export function open(orgPrivateKey: string, sealed: Sealed): unknown {
  const privateKey = createPrivateKey({ key: Buffer.from(orgPrivateKey, 'base64'), format: 'der', type: 'pkcs8' });
  if (kidOfRaw(rawX25519(createPublicKey(privateKey))) !== sealed.kid) throw new SealedOpenError('other_key');
  const b = (s: string) => Buffer.from(s, 'base64');
  // openFrom refuses a tag of any length but 16 bytes (GCM would accept one cut to 4: a forgery in 2^32 tries).
  const text = openFrom(privateKey, { epk: b(sealed.epk), iv: b(sealed.iv), ct: b(sealed.ct), tag: b(sealed.tag) }, sealFormat(sealed.kid));
  if (!text) throw new SealedOpenError('tampered');
  try {
    return JSON.parse(text.toString('utf8')) as unknown;
  } catch {
    throw new SealedOpenError('tampered');
  }
}
