/** Removable media (docs/sync.md#removable-media-bundles): a sealed, signed bundle imported as a push. */
import type { z } from 'zod';
import { type pushResponse } from '../../core/sync';
import { illFormedPath } from '../../core/well-formed';
import { BundleError, bundleKeyIdOf, openBundle, readBundleFile } from '../../db/bundle';
import type { HqDatabase } from '../db';
import { bundleKeyById } from './bundle-keys';
import { hqVault } from '../vault';
import { SyncRefusal } from './common';
import { pushEvents } from './push';

/**
 * Imports a removable-media bundle at HQ with the same checks as a push: the device must be enrolled
 * and not revoked, the bundle signed by its enrolled key (never a key the file carries) and sealed with
 * a version of its facility's key. A bundle sealed under an older version still imports: it comes from
 * a device that is not revoked and was signed by its key. A bundle imported twice changes nothing.
 */
export async function importBundle(hq: HqDatabase, raw: unknown): Promise<z.infer<typeof pushResponse> & { deviceId: string }> {
  // Read against the bundle's schema before anything is looked up: a device id that is no device id
  // (a NUL in it) must be refused, not sent to PostgreSQL (issue #10).
  if (illFormedPath(raw) !== null) throw new SyncRefusal(400, 'ill_formed');
  let file;
  try {
    file = readBundleFile(raw);
  } catch {
    throw new SyncRefusal(400, 'unreadable_bundle');
  }
  const { deviceId } = file;
  const device = await hq.db.selectFrom('devices').select(['public_key', 'revoked_at', 'facility_id']).where('device_id', '=', deviceId).executeTakeFirst();
  if (!device) throw new SyncRefusal(401, 'unknown_device');
  if (device.revoked_at) throw new SyncRefusal(403, 'revoked');
  const key = await bundleKeyById(hq.db, await hqVault(hq), device.facility_id, bundleKeyIdOf(file));
  let opened;
  try {
    opened = openBundle(file, { facilityId: device.facility_id, bundleKey: key?.key ?? null, expectedPublicKey: device.public_key });
  } catch (e) {
    if (e instanceof BundleError) throw new SyncRefusal(422, e.reason === 'bad_signature' || e.reason === 'wrong_facility' ? 'bad_signature' : 'bad_chain');
    // Sealed and signed by the device, yet no JSON inside: still the file's fault, not HQ's.
    if (e instanceof SyntaxError) throw new SyncRefusal(422, 'unreadable_bundle');
    throw e;
  }
  return { ...(await pushEvents(hq, deviceId, opened.content)), deviceId };
}
