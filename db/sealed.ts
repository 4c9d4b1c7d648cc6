import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json';
import { sealedSchema, type Sealed } from '../core/npm/sealed';

/**
 * Sealing to the ombudsman organisation's X25519 key (core/npm/sealed.ts): a fresh ephemeral key per
 * message, X25519 agreement, HKDF-SHA256 and AES-256-GCM. Sealing needs only the public key, so any team
 * laptop can record an interview; opening needs the private key, which a centre device never has.
 * The algorithm, key id and ephemeral key are bound into the GCM tag, so none can be swapped unnoticed.
 */

const alg = 'x25519-hkdf-sha256-aes256gcm' as const;
const info = Buffer.from('qeyd-sealed-v1', 'utf8');

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

function rawPublic(key: KeyObject): Buffer {
  const x = key.export({ format: 'jwk' }).x;
  if (!x) throw new Error('not an X25519 public key');
  return Buffer.from(x, 'base64url');
}

function kidOfRaw(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** The key's fingerprint: what a sealed message names, and what a person compares on screen. */
export function sealingKeyId(publicKey: string): string {
  return kidOfRaw(rawPublic(publicKeyObject(publicKey)));
}

function contentKey(shared: Buffer, epkRaw: Buffer, recipientRaw: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epkRaw, recipientRaw]), info, 32));
}

function aad(kid: string, epk: string): Buffer {
  return Buffer.from(`${alg}|${kid}|${epk}`, 'utf8');
}

/** Seals a JSON value (as canonical JSON) to the organisation's public key. */
export function seal(orgPublicKey: string, plaintext: unknown): Sealed {
  const recipient = publicKeyObject(orgPublicKey);
  const recipientRaw = rawPublic(recipient);
  const ephemeral = generateKeyPairSync('x25519');
  const epkRaw = rawPublic(ephemeral.publicKey);
  const key = contentKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), epkRaw, recipientRaw);
  const kid = kidOfRaw(recipientRaw);
  const epk = epkRaw.toString('base64');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(kid, epk));
  const ct = Buffer.concat([cipher.update(canonicalJson(plaintext), 'utf8'), cipher.final()]);
  key.fill(0);
  return sealedSchema.parse({ alg, kid, epk, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') });
}

/** Opens what was sealed to this organisation key; another key or any altered byte is refused. */
export function open(orgPrivateKey: string, sealed: Sealed): unknown {
  const privateKey = createPrivateKey({ key: Buffer.from(orgPrivateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const recipientRaw = rawPublic(createPublicKey(privateKey));
  if (kidOfRaw(recipientRaw) !== sealed.kid) throw new SealedOpenError('other_key');
  try {
    const epkRaw = Buffer.from(sealed.epk, 'base64');
    const epkKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: epkRaw.toString('base64url') }, format: 'jwk' });
    const key = contentKey(diffieHellman({ privateKey, publicKey: epkKey }), epkRaw, recipientRaw);
    // A 16-byte tag and no less: GCM would otherwise accept a tag cut to 4 bytes, a forgery in 2^32 tries.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(aad(sealed.kid, sealed.epk));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
    key.fill(0);
    return JSON.parse(text) as unknown;
  } catch {
    throw new SealedOpenError('tampered');
  }
}
