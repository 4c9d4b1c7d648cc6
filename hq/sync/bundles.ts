/** Removable media (docs/architecture.md §5): a sealed, signed bundle imported as a push. */
import type { z } from 'zod';
import { bundleFile, type pushResponse } from '../../core/sync';
import { illFormedPath } from '../../core/well-formed';
import { BundleError, openBundle } from '../../db/bundle';
import type { HqDatabase } from '../db';
import { SyncRefusal } from './common';
import { pushEvents } from './push';

/**
 * Imports a removable-media bundle at HQ with the same checks as a push: the device must be enrolled
 * and not revoked, the bundle signed by its enrolled key and sealed with its facility's key. A bundle
 * imported twice changes nothing.
 */
export async function importBundle(hq: HqDatabase, raw: unknown): Promise<z.infer<typeof pushResponse> & { deviceId: string }> {
  // Read against the bundle's schema before anything is looked up: a device id that is no device id
  // (a NUL in it) must be refused, not sent to PostgreSQL (issue #10).
  if (illFormedPath(raw) !== null) throw new SyncRefusal(400, 'ill_formed');
  const file = bundleFile.safeParse(raw);
  if (!file.success) throw new SyncRefusal(400, 'unreadable_bundle');
  const { deviceId } = file.data;
  const device = await hq.db
    .selectFrom('devices')
    .innerJoin('facilities', 'facilities.facility_id', 'devices.facility_id')
    .select(['devices.public_key', 'devices.revoked_at', 'facilities.facility_id', 'facilities.bundle_key'])
    .where('devices.device_id', '=', deviceId)
    .executeTakeFirst();
  if (!device) throw new SyncRefusal(401, 'unknown_device');
  if (device.revoked_at) throw new SyncRefusal(403, 'revoked');
  if (!device.bundle_key) throw new SyncRefusal(422, 'bad_signature');
  let opened;
  try {
    opened = openBundle(raw, { facilityId: device.facility_id, bundleKey: device.bundle_key, expectedPublicKey: device.public_key });
  } catch (e) {
    if (e instanceof BundleError) throw new SyncRefusal(422, e.reason === 'bad_signature' ? 'bad_signature' : 'bad_chain');
    // Sealed and signed by the device, yet no JSON inside: still the file's fault, not HQ's.
    if (e instanceof SyntaxError) throw new SyncRefusal(422, 'unreadable_bundle');
    throw e;
  }
  return { ...(await pushEvents(hq, deviceId, opened.content)), deviceId };
}
