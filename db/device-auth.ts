import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

/**
 * Device-authenticated requests: the device signs method, path, time and a hash of the body with its
 * Ed25519 key; HQ verifies with the key registered at enrollment. No passwords or tokens travel.
 */

export const authHeaders = { device: 'x-qeyd-device', time: 'x-qeyd-time', signature: 'x-qeyd-signature' } as const;

function message(method: string, path: string, time: string, body: string | Buffer): Buffer {
  const digest = createHash('sha256').update(body).digest('hex');
  return Buffer.from(['qeyd-request-v1', method.toUpperCase(), path, time, digest].join('\n'));
}

export function signRequest(privateKey: string, method: string, path: string, time: string, body: string | Buffer): string {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return sign(null, message(method, path, time, body), key).toString('base64');
}

export function verifyRequest(publicKey: string, method: string, path: string, time: string, body: string | Buffer, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, message(method, path, time, body), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Whether `publicKey` is what a device registers: an Ed25519 public key, DER-encoded SPKI in canonical
 * base64 (db/chain.ts generateDeviceKeyPair). Anything else would enroll a device whose every later
 * request fails to verify (issue #10).
 */
export function isEd25519PublicKey(publicKey: string): boolean {
  const der = Buffer.from(publicKey, 'base64');
  if (der.toString('base64') !== publicKey) return false;
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' && key.export({ type: 'spki', format: 'der' }).equals(der);
  } catch {
    return false;
  }
}

/** HQ's receipt for a push: what it holds for a device, signed with HQ's own key. */
export function receiptMessage(deviceId: string, ackedSeq: number, hash: string): Buffer {
  return Buffer.from(JSON.stringify(['qeyd-receipt', 1, deviceId, ackedSeq, hash]));
}

export function signWith(privateKey: string, data: Buffer): string {
  return sign(null, data, createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' })).toString('base64');
}

export function verifyWith(publicKey: string, data: Buffer, signature: string): boolean {
  try {
    return verify(null, data, createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
