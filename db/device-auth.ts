import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';

/**
 * Device-authenticated requests: the device signs method, audience, path, time, a fresh nonce and a hash
 * of the body with its Ed25519 key; HQ verifies with the key registered at enrollment, accepts the time
 * only within a few minutes of its own clock, and remembers each nonce for that window, so a captured
 * request replays nowhere: not later, not twice, not at another HQ (docs/sync.md#authentication).
 * No passwords or tokens travel.
 */

export const authHeaders = {
  device: 'x-qeyd-device',
  time: 'x-qeyd-time',
  nonce: 'x-qeyd-nonce',
  audience: 'x-qeyd-audience',
  signature: 'x-qeyd-signature',
} as const;

/** What a device signs. `audience` is HQ's origin as the device addresses it (requestAudience). */
export interface SignedRequestParts {
  method: string;
  audience: string;
  /** path with query, exactly as sent */
  path: string;
  time: string;
  nonce: string;
  body: string | Buffer;
}

/** A nonce is 16 random bytes in base64url; HQ refuses any other shape before storing it. */
export const requestNoncePattern = /^[A-Za-z0-9_-]{22}$/;

export function newRequestNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** HQ's origin as a device knows it: scheme, host and port of its base URL, which a path prefix or a trailing slash does not change. */
export function requestAudience(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

function message(p: SignedRequestParts): Buffer {
  const digest = createHash('sha256').update(p.body).digest('hex');
  // Header values cannot hold a newline, so no field can shift into the next one.
  return Buffer.from(['qeyd-request-v2', p.method.toUpperCase(), p.audience, p.path, p.time, p.nonce, digest].join('\n'));
}

export function signRequest(privateKey: string, parts: SignedRequestParts): string {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return sign(null, message(parts), key).toString('base64');
}

export function verifyRequest(publicKey: string, parts: SignedRequestParts, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, message(parts), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The headers of one signed request: a new nonce and the current time unless given (tests replay and skew them). */
export function signedRequestHeaders(privateKey: string, deviceId: string, request: Omit<SignedRequestParts, 'time' | 'nonce'> & { time?: string; nonce?: string }): Record<string, string> {
  const parts: SignedRequestParts = { ...request, time: request.time ?? new Date().toISOString(), nonce: request.nonce ?? newRequestNonce() };
  return {
    [authHeaders.device]: deviceId,
    [authHeaders.time]: parts.time,
    [authHeaders.nonce]: parts.nonce,
    [authHeaders.audience]: parts.audience,
    [authHeaders.signature]: signRequest(privateKey, parts),
  };
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
