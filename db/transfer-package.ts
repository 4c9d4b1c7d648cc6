/**
 * The transfer package (issue #15 §6, docs/sync.md#transfers-between-centres): the person's records as
 * the sending centre holds them, signed by its device so the receiving centre can check them, whether
 * they came through HQ or in a file. Built from this store's log; checked only against a key the
 * receiver already holds for a device of the sending facility (HQ's facility list), never one the
 * package names.
 */
import { canonicalJson } from '../core/canonical-json';
import type { EventRecord } from '../core/events';
import { transferPackageBody, type ListedFacility, type TransferPackageBody } from '../core/sync-transfers';
import type { SignedTransferPackage } from '../core/transfers';
import { signWith, verifyWith } from './device-auth';
import { rowToEvent, type EventRow } from './store';
import type { ReadQuery } from './sync-query';

const signedMessage = (body: string) => Buffer.from(`qeyd-transfer-v1\n${body}`, 'utf8');

/**
 * Transfer bookkeeping of earlier transfers stays behind: a dispatch carries its own package (the history
 * would double with each hop); an earlier admission (`transfer.received`) does travel, since it carries
 * what happened at the centres before.
 */
const staysBehind = new Set(['transfer.dispatched', 'transfer.refused', 'transfer.confirmed']);

/** Every record of the person (their own, their episodes, documents and safeguard records) and the events of those, in log order. */
export function personRecords(q: ReadQuery, personId: string): { entityIds: string[]; events: EventRecord[] } {
  const roots = q.prepared(`SELECT DISTINCT entity_id FROM events WHERE entity_id = ? OR (json_valid(payload) AND json_extract(payload, '$.personId') = ?)`).all(personId, personId) as {
    entity_id: string;
  }[];
  const entityIds = [...new Set([personId, ...roots.map((r) => r.entity_id)])];
  const rows = q
    .prepared(
      `SELECT * FROM events WHERE entity_id IN (SELECT value FROM json_each(?))
         AND event_id NOT IN (SELECT event_id FROM sync_quarantine) ORDER BY local_seq`,
    )
    .all(JSON.stringify(entityIds)) as EventRow[];
  const events = rows.filter((r) => !staysBehind.has(r.type)).map(rowToEvent);
  const carried = new Set(events.map((e) => e.entityId));
  return { entityIds: entityIds.filter((id) => carried.has(id) || id === personId), events };
}

/** Signs a package's content as canonical JSON with the sending device's key. */
export function signTransferPackage(body: TransferPackageBody, device: { deviceId: string; privateKey: string }): SignedTransferPackage {
  const text = canonicalJson(transferPackageBody.parse(body));
  return { deviceId: device.deviceId, body: text, signature: signWith(device.privateKey, signedMessage(text)) };
}

export type PackageProblem = 'badPackage' | 'unknownSender' | 'revokedSender';

/**
 * Opens a signed package: the signer must be a device HQ lists for the package's sending facility, not
 * revoked, and the signature must verify with the key listed for it. Returns the content or why not.
 */
export function openTransferPackage(signed: SignedTransferPackage, facilities: readonly ListedFacility[]): { body: TransferPackageBody } | { problem: PackageProblem } {
  let raw: unknown;
  try {
    raw = JSON.parse(signed.body);
  } catch {
    return { problem: 'badPackage' };
  }
  const parsed = transferPackageBody.safeParse(raw);
  if (!parsed.success || parsed.data.from.deviceId !== signed.deviceId) return { problem: 'badPackage' };
  const device = facilities.find((f) => f.facilityId === parsed.data.from.facilityId)?.devices.find((d) => d.deviceId === signed.deviceId);
  if (!device) return { problem: 'unknownSender' };
  if (device.revokedAt) return { problem: 'revokedSender' };
  if (!verifyWith(device.publicKey, signedMessage(signed.body), signed.signature)) return { problem: 'badPackage' };
  return { body: parsed.data };
}

/** Verifies with one known key (HQ at push: the pushing device's enrolled key). */
export function verifyTransferPackage(signed: SignedTransferPackage, publicKey: string): TransferPackageBody | null {
  if (!verifyWith(publicKey, signedMessage(signed.body), signed.signature)) return null;
  try {
    const parsed = transferPackageBody.safeParse(JSON.parse(signed.body));
    return parsed.success && parsed.data.from.deviceId === signed.deviceId ? parsed.data : null;
  } catch {
    return null;
  }
}
