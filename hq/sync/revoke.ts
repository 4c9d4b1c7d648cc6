/**
 * Revoking a lost or retired device (docs/sync.md#revocation): the one path for the HQ console's button
 * and `hq:admin revoke-device`. In one transaction the device is marked revoked with who did it and why,
 * and its facility's bundle key is rotated, so the revoked laptop cannot read the bundles the facility's
 * other devices write from now on. Every later request from the device is refused with the reason.
 */
import type { z } from 'zod';
import { revocationReason } from '../../core/contract/hq';
import type { HqDatabase } from '../db';
import { rotateBundleKey } from './bundle-keys';
import { hqVault } from '../vault';
import { now } from './common';

export class RevocationError extends Error {
  constructor(readonly reason: 'unknown_device' | 'already_revoked' | 'bad_reason') {
    super(`revocation refused: ${reason}`);
  }
}

export interface Revocation {
  deviceId: string;
  deviceName: string;
  facilityId: string;
  revokedAt: string;
  reason: string;
  revokedBy: string;
  /** the facility's bundle key version from now on */
  bundleKeyId: number;
}

export async function revokeDevice(hq: HqDatabase, input: { deviceId: string; reason: z.input<typeof revocationReason>; by: string }): Promise<Revocation> {
  const reason = revocationReason.safeParse(input.reason);
  if (!reason.success) throw new RevocationError('bad_reason');
  // Opened before the transaction: on SQLite a first opening would wait for the connection the transaction holds.
  const vault = await hqVault(hq);
  return hq.db.transaction().execute(async (trx) => {
    const device = await trx.selectFrom('devices').select(['device_id', 'name', 'facility_id', 'revoked_at']).where('device_id', '=', input.deviceId).executeTakeFirst();
    if (!device) throw new RevocationError('unknown_device');
    const revokedAt = now();
    // Conditional, so that two revocations at once revoke (and rotate) once, and the second is told so.
    const updated = await trx
      .updateTable('devices')
      .set({ revoked_at: revokedAt, revoked_reason: reason.data, revoked_by: input.by })
      .where('device_id', '=', input.deviceId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new RevocationError('already_revoked');
    const key = await rotateBundleKey(trx, vault, device.facility_id);
    return { deviceId: device.device_id, deviceName: device.name, facilityId: device.facility_id, revokedAt, reason: reason.data, revokedBy: input.by, bundleKeyId: key.keyId };
  });
}
