/** Enrollment (docs/architecture.md §5): a one-time code binds a device's key to its facility. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { type enrollRequest } from '../../core/sync';
import type { HqDatabase } from '../db';
import { SyncRefusal, now } from './common';
import { currentBundleKey } from './bundle-keys';
import { hqVault } from '../vault';
import { facilityState } from './facility';

const codeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const hashCode = (code: string) => createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest('hex');

/** A one-time enrollment code for a facility (created by an HQ administrator), valid for some days. */
export async function createEnrollmentCode(hq: HqDatabase, facility: { name: string; kind: string }, validDays = 7): Promise<{ code: string; facilityId: string; expiresAt: string }> {
  let row = await hq.db.selectFrom('facilities').selectAll().where('name', '=', facility.name).executeTakeFirst();
  if (!row) {
    row = { facility_id: randomUUID(), name: facility.name, kind: facility.kind, created_at: now(), bundle_key: null };
    await hq.db.insertInto('facilities').values(row).execute();
    await currentBundleKey(hq.db, await hqVault(hq), row.facility_id);
  }
  const bytes = randomBytes(12);
  const raw = [...bytes].map((b) => codeAlphabet[b & 31]).join('');
  const code = raw.match(/.{4}/g)!.join('-');
  const expiresAt = new Date(Date.now() + validDays * 86_400_000).toISOString();
  await hq.db
    .insertInto('enrollment_codes')
    .values({ code_hash: hashCode(code), facility_id: row.facility_id, created_at: now(), expires_at: expiresAt, used_at: null })
    .execute();
  return { code, facilityId: row.facility_id, expiresAt };
}

/** Enrollment: a valid unused code binds the device's public key to the code's facility, once. */
export async function enrollDevice(hq: HqDatabase, input: z.output<typeof enrollRequest>) {
  // Opened before the transaction: on SQLite a first opening would wait for the connection the transaction holds.
  const vault = await hqVault(hq);
  const keys = vault.signingKey;
  const enrolled = await hq.db.transaction().execute(async (trx) => {
    const code = await trx.selectFrom('enrollment_codes').selectAll().where('code_hash', '=', hashCode(input.code)).executeTakeFirst();
    if (!code || code.used_at || code.expires_at < now()) throw new SyncRefusal(403, 'bad_code');
    const existing = await trx.selectFrom('devices').select('device_id').where('device_id', '=', input.deviceId).executeTakeFirst();
    if (existing) throw new SyncRefusal(409, 'already_enrolled');
    // The code is spent only if this transaction is the one that changed it: tries at the same moment
    // all read it unused, and on PostgreSQL the others' update waits for this one and then matches no
    // row (issue #10: 30 codes tried 4 times at once had enrolled 113 devices).
    const spent = await trx.updateTable('enrollment_codes').set({ used_at: now() }).where('code_hash', '=', code.code_hash).where('used_at', 'is', null).executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) throw new SyncRefusal(403, 'bad_code');
    const inserted = await trx
      .insertInto('devices')
      .values({
        device_id: input.deviceId,
        facility_id: code.facility_id,
        name: input.deviceName,
        public_key: input.publicKey,
        enrolled_at: now(),
        revoked_at: null,
        last_seen_at: null,
        head_signature: null,
      })
      .onConflict((oc) => oc.column('device_id').doNothing())
      .executeTakeFirst();
    // The same device enrolling with two codes at once: the second finds the first's row.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new SyncRefusal(409, 'already_enrolled');
    const facility = await trx.selectFrom('facilities').select(['facility_id', 'name']).where('facility_id', '=', code.facility_id).executeTakeFirstOrThrow();
    const bundleKey = await currentBundleKey(trx, vault, facility.facility_id);
    return { facilityId: facility.facility_id, facilityName: facility.name, hqPublicKey: keys.publicKey, bundleKey: bundleKey.key, bundleKeyId: bundleKey.keyId, serverTime: now() };
  });
  // The facility's devices and key versions, so that a bundle from a peer enrolled earlier imports before the first pull.
  return { ...enrolled, ...(await facilityState(hq, input.deviceId)) };
}
