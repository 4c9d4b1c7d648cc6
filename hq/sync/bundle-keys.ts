/**
 * Every read and write of a facility's removable-media bundle keys at HQ (docs/sync.md#removable-media-bundles).
 * A facility has numbered key versions (facility_bundle_keys, migration 0007): new bundles are sealed under
 * the highest, and revoking a device adds one, so the revoked laptop cannot read what the facility's
 * devices write after it. Older versions stay, so that a bundle sealed by a remaining device before it
 * learned the new key still imports (it is signed by that device's enrolled key). Nothing else touches
 * the table: how the key bytes are kept at rest is this module's business alone. They are sealed under
 * HQ's data key (hq/vault.ts, docs/hq-keys.md), bound to their facility and version, so a copy of the
 * database opens no facility's bundles.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { HqSchema } from '../schema';
import { sealedPrefix, type HqVault } from '../vault';
import { now } from './common';

export interface FacilityBundleKey {
  /** the version, 1, 2, …: a bundle file names the one that sealed it (its `keyId`) */
  keyId: number;
  /** base64 AES-256 key */
  key: string;
}

const freshKey = () => randomBytes(32).toString('base64');

/** What the sealed key is bound to: a key moved to another facility's row, or another version, does not open. */
const label = (facilityId: string, keyId: number) => `facility-bundle-key\0${facilityId}\0${keyId}`;
const opened = (vault: HqVault, facilityId: string, row: { key_id: number; bundle_key: string }): FacilityBundleKey => ({
  keyId: row.key_id,
  key: vault.openSecret(label(facilityId, row.key_id), row.bundle_key),
});

/** The key new bundles of the facility are sealed under; the facility's first is made on first need. */
export async function currentBundleKey(db: Kysely<HqSchema>, vault: HqVault, facilityId: string): Promise<FacilityBundleKey> {
  const row = await db.selectFrom('facility_bundle_keys').select(['key_id', 'bundle_key']).where('facility_id', '=', facilityId).orderBy('key_id', 'desc').limit(1).executeTakeFirst();
  if (row) return opened(vault, facilityId, row);
  // Two enrollments at once: the first insert wins and both read it back.
  await db
    .insertInto('facility_bundle_keys')
    .values({ facility_id: facilityId, key_id: 1, bundle_key: vault.sealSecret(label(facilityId, 1), freshKey()), created_at: now() })
    .onConflict((oc) => oc.columns(['facility_id', 'key_id']).doNothing())
    .execute();
  return currentBundleKey(db, vault, facilityId);
}

/** One version of the facility's key, or null if the facility never had it. */
export async function bundleKeyById(db: Kysely<HqSchema>, vault: HqVault, facilityId: string, keyId: number): Promise<FacilityBundleKey | null> {
  const row = await db.selectFrom('facility_bundle_keys').select(['key_id', 'bundle_key']).where('facility_id', '=', facilityId).where('key_id', '=', keyId).executeTakeFirst();
  return row ? opened(vault, facilityId, row) : null;
}

/** Every version of the facility's key, oldest first: what a remaining device needs to read its peers' bundles. */
export async function allBundleKeys(db: Kysely<HqSchema>, vault: HqVault, facilityId: string): Promise<FacilityBundleKey[]> {
  const rows = await db.selectFrom('facility_bundle_keys').select(['key_id', 'bundle_key']).where('facility_id', '=', facilityId).orderBy('key_id').execute();
  return rows.map((r) => opened(vault, facilityId, r));
}

/**
 * A new version of the facility's key, in the caller's transaction (the revocation's): the devices
 * that remain receive it with their next pull. Two revocations in one facility at once each get a
 * version of their own: a version another transaction took is skipped, not overwritten.
 */
export async function rotateBundleKey(trx: Transaction<HqSchema>, vault: HqVault, facilityId: string): Promise<FacilityBundleKey> {
  // A version is lost to another transaction only when that one committed first; reading again sees it.
  for (let attempt = 0; attempt < 10; attempt++) {
    const row = await trx.selectFrom('facility_bundle_keys').select('key_id').where('facility_id', '=', facilityId).orderBy('key_id', 'desc').limit(1).executeTakeFirst();
    const keyId = (row?.key_id ?? 0) + 1;
    const key = freshKey();
    const inserted = await trx
      .insertInto('facility_bundle_keys')
      .values({ facility_id: facilityId, key_id: keyId, bundle_key: vault.sealSecret(label(facilityId, keyId), key), created_at: now() })
      .onConflict((oc) => oc.columns(['facility_id', 'key_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { keyId, key };
  }
  throw new Error(`could not add a bundle key version for facility ${facilityId}`);
}

/**
 * Seals the keys an older HQ kept in clear (migration 0007 moved them here as they were): at start, as
 * payloads are (hq/vault.ts sealClearPayloads). A row is rewritten only if still the clear key that was
 * read, so two processes at once, or a run cut short and started again, seal each once. Returns how many.
 */
export async function sealClearBundleKeys(db: Kysely<HqSchema>, vault: HqVault): Promise<number> {
  const rows = await db.selectFrom('facility_bundle_keys').select(['facility_id', 'key_id', 'bundle_key']).execute();
  let sealed = 0;
  for (const r of rows.filter((k) => !k.bundle_key.startsWith(sealedPrefix))) {
    const done = await db
      .updateTable('facility_bundle_keys')
      .set({ bundle_key: vault.sealSecret(label(r.facility_id, r.key_id), r.bundle_key) })
      .where('facility_id', '=', r.facility_id)
      .where('key_id', '=', r.key_id)
      .where('bundle_key', '=', r.bundle_key)
      .executeTakeFirst();
    sealed += Number(done.numUpdatedRows);
  }
  return sealed;
}
