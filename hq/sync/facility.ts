/** What a device learns about its own facility with each pull (docs/sync.md#revocation): its bundle keys and its devices. */
import type { z } from 'zod';
import type { bundleKeyVersion, facilityDevice } from '../../core/sync';
import type { HqDatabase } from '../db';
import { allBundleKeys } from './bundle-keys';
import { hqVault } from '../vault';

/**
 * Every version of the facility's bundle key (a remaining device learns the one made when a peer was
 * revoked) and the facility's devices with their enrolled keys and revocation (a peer verifies a bundle
 * only against these). Only asked by a device that is not revoked: authentication refused it otherwise.
 */
export async function facilityState(hq: HqDatabase, deviceId: string): Promise<{ bundleKeys: z.infer<typeof bundleKeyVersion>[]; facilityDevices: z.infer<typeof facilityDevice>[] }> {
  const device = await hq.db.selectFrom('devices').select('facility_id').where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  const devices = await hq.db.selectFrom('devices').select(['device_id', 'public_key', 'revoked_at']).where('facility_id', '=', device.facility_id).orderBy('device_id').execute();
  return {
    bundleKeys: await allBundleKeys(hq.db, await hqVault(hq), device.facility_id),
    facilityDevices: devices.map((d) => ({ deviceId: d.device_id, publicKey: d.public_key, revokedAt: d.revoked_at })),
  };
}
