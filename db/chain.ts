import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { EventRecord } from '../core/events';

/**
 * Per-device hash chain: each event's hash covers the previous hash and every field of the event, so
 * one signature over the chain head vouches for the whole history before it.
 */
export function eventHash(e: Omit<EventRecord, 'hash'>): string {
  const material = JSON.stringify([1, e.prevHash, e.eventId, e.deviceId, e.deviceSeq, e.hlc, e.actor, e.type, e.entityId, e.schemaVersion, e.supersedes, e.payload]);
  return createHash('sha256').update(material).digest('hex');
}

export interface ChainBreak {
  deviceSeq: number;
  reason: 'gap' | 'prev_hash' | 'hash';
}

/** Checks a run of one device's events, in order, continuing from a known head. */
export function verifyChainRun(events: readonly EventRecord[], head: { seq: number; hash: string }): ChainBreak | null {
  let seq = head.seq;
  let hash = head.hash;
  for (const e of events) {
    if (e.deviceSeq !== seq + 1) return { deviceSeq: e.deviceSeq, reason: 'gap' };
    if (e.prevHash !== hash) return { deviceSeq: e.deviceSeq, reason: 'prev_hash' };
    if (eventHash(e) !== e.hash) return { deviceSeq: e.deviceSeq, reason: 'hash' };
    seq = e.deviceSeq;
    hash = e.hash;
  }
  return null;
}

export interface DeviceKeyPair {
  publicKey: string;
  privateKey: string;
}

/** Ed25519, DER-encoded as base64: the public half is registered with HQ at enrollment. */
export function generateDeviceKeyPair(): DeviceKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

function headMessage(deviceId: string, seq: number, hash: string): Buffer {
  return Buffer.from(JSON.stringify(['qeyd-chain-head', 1, deviceId, seq, hash]));
}

export function signChainHead(privateKey: string, deviceId: string, seq: number, hash: string): string {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return sign(null, headMessage(deviceId, seq, hash), key).toString('base64');
}

export function verifyChainHead(publicKey: string, deviceId: string, seq: number, hash: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, headMessage(deviceId, seq, hash), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
