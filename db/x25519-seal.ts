import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/**
 * The one implementation of sealing to an X25519 public key (ECIES): a fresh ephemeral key pair per
 * message, X25519 agreement, HKDF-SHA256 and AES-256-GCM. Used by key slots (db/keyslots.ts), the sign-in
 * side log (db/sign-in-log.ts) and notes sealed to the ombudsman organisation (db/sealed.ts).
 *
 * Each of those formats was fixed before they shared this code and is on disk or in synced events, so the
 * parameters that differ between them are explicit here and must never change for an existing format:
 * the HKDF info string, how the ephemeral key is encoded (raw 32 bytes or DER spki, which is also the
 * HKDF salt), whether the recipient's raw key is appended to that salt, and the AAD.
 */

export interface SealFormat {
  /** HKDF info: names the format, so a key derived for one can never open another. */
  info: string;
  /** How the ephemeral public key is written; the same bytes salt the HKDF. */
  epk: 'raw' | 'spki';
  /** Salt the HKDF with the recipient's raw public key too (after the ephemeral key). */
  saltWithRecipient?: boolean;
  /** Bound into the GCM tag; may depend on the ephemeral key as written. */
  aad?: (epk: Buffer) => Buffer;
}

export interface SealedBox {
  epk: Buffer;
  iv: Buffer;
  ct: Buffer;
  tag: Buffer;
}

/** AES-256-GCM under a 32-byte key, with a fresh 12-byte IV and a 16-byte tag. */
export function gcmSeal(key: Buffer, plaintext: Buffer, aad?: Buffer): { iv: Buffer; ct: Buffer; tag: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  if (aad) cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

/**
 * Null for a wrong key, altered bytes or a tag of any length but 16: GCM would otherwise check only as
 * many tag bytes as it is given, and a tag cut to 4 bytes is a forgery in 2^32 tries (issue #10 §6).
 */
export function gcmOpen(key: Buffer, box: { iv: Buffer; ct: Buffer; tag: Buffer }, aad?: Buffer): Buffer | null {
  if (box.tag.length !== 16) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, box.iv, { authTagLength: 16 });
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(box.tag);
    return Buffer.concat([decipher.update(box.ct), decipher.final()]);
  } catch {
    return null;
  }
}

/** The raw 32 bytes of an X25519 public key (`x`) or private key (`d`). */
export function rawX25519(key: KeyObject, part: 'x' | 'd' = 'x'): Buffer {
  const value = key.export({ format: 'jwk' })[part];
  if (!value) throw new Error('not an X25519 key');
  return Buffer.from(value, 'base64url');
}

export function x25519PublicFromRaw(x: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: x.toString('base64url') }, format: 'jwk' });
}

export function x25519PrivateFromRaw(d: Buffer, x: Buffer): KeyObject {
  return createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: x.toString('base64url'), d: d.toString('base64url') }, format: 'jwk' });
}

function encodeEpk(key: KeyObject, format: SealFormat): Buffer {
  return format.epk === 'raw' ? rawX25519(key) : key.export({ format: 'der', type: 'spki' });
}

function decodeEpk(epk: Buffer, format: SealFormat): KeyObject {
  return format.epk === 'raw' ? x25519PublicFromRaw(epk) : createPublicKey({ key: epk, format: 'der', type: 'spki' });
}

function contentKey(shared: Buffer, epk: Buffer, recipient: KeyObject, format: SealFormat): Buffer {
  const salt = format.saltWithRecipient ? Buffer.concat([epk, rawX25519(recipient)]) : epk;
  return Buffer.from(hkdfSync('sha256', shared, salt, format.info, 32));
}

/** Seals to `recipient`: needs no secret, so anyone holding the public key can write. */
export function seal(recipient: KeyObject, plaintext: Buffer, format: SealFormat): SealedBox {
  const eph = generateKeyPairSync('x25519');
  const epk = encodeEpk(eph.publicKey, format);
  const key = contentKey(diffieHellman({ privateKey: eph.privateKey, publicKey: recipient }), epk, recipient, format);
  const box = gcmSeal(key, plaintext, format.aad?.(epk));
  key.fill(0);
  return { epk, ...box };
}

/** What was sealed to the public half of `privateKey`, or null (another key, altered bytes, a short tag). */
export function open(privateKey: KeyObject, box: SealedBox, format: SealFormat): Buffer | null {
  try {
    const key = contentKey(diffieHellman({ privateKey, publicKey: decodeEpk(box.epk, format) }), box.epk, createPublicKey(privateKey), format);
    const plain = gcmOpen(key, box, format.aad?.(box.epk));
    key.fill(0);
    return plain;
  } catch {
    return null;
  }
}
