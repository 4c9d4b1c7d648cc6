/**
 * What a device keeps of its facility as HQ last described it (docs/sync.md#removable-media-bundles):
 * every version of the facility's bundle key, and the facility's devices with their enrolled keys and
 * revocation. Both arrive with enrollment and each pull and live in the encrypted store's meta table.
 * A bundle from a peer is verified only against this list, never against a key the file carries.
 */
import { z } from 'zod';
import { bundleKeyVersion, facilityDevice } from '../../core/sync';

type Meta = { meta(key: string): string | undefined; setMeta(key: string, value: string): void };
export type BundleKeyVersion = z.infer<typeof bundleKeyVersion>;
export type FacilityDevice = z.infer<typeof facilityDevice>;

const keysMeta = 'sync_bundle_keys';
const devicesMeta = 'sync_facility_devices';

/** Every key version the device holds, oldest first. A device enrolled before versions (only `sync_bundle_key`) holds version 1. */
export function bundleKeys(store: Pick<Meta, 'meta'>): BundleKeyVersion[] {
  const stored = z.array(bundleKeyVersion).safeParse(JSON.parse(store.meta(keysMeta) ?? 'null'));
  if (stored.success) return stored.data;
  const first = store.meta('sync_bundle_key');
  return first ? [{ keyId: 1, key: first }] : [];
}

/** The key version new bundles are sealed under: the highest HQ has sent. */
export function currentBundleKey(store: Pick<Meta, 'meta'>): BundleKeyVersion | null {
  return bundleKeys(store).reduce<BundleKeyVersion | null>((best, k) => (best === null || k.keyId > best.keyId ? k : best), null);
}

/** Adds the versions HQ sent to those held (a version once held is kept: a peer's older bundle may still need it). */
export function keepBundleKeys(store: Meta, sent: readonly BundleKeyVersion[]): void {
  const held = new Map(bundleKeys(store).map((k) => [k.keyId, k]));
  let changed = false;
  for (const k of sent) {
    if (held.get(k.keyId)?.key === k.key) continue;
    held.set(k.keyId, k);
    changed = true;
  }
  if (!changed) return;
  const all = [...held.values()].sort((a, b) => a.keyId - b.keyId);
  store.setMeta(keysMeta, JSON.stringify(all));
  // The newest also under the old name, which earlier versions of this app read.
  store.setMeta('sync_bundle_key', all[all.length - 1]!.key);
}

/** The facility's devices as HQ last listed them; empty until the first pull after this version. */
export function facilityDevices(store: Pick<Meta, 'meta'>): FacilityDevice[] {
  const stored = z.array(facilityDevice).safeParse(JSON.parse(store.meta(devicesMeta) ?? 'null'));
  return stored.success ? stored.data : [];
}

/** Replaces the list with HQ's (HQ is the one that enrolls and revokes). */
export function keepFacilityDevices(store: Meta, devices: readonly FacilityDevice[]): void {
  const json = JSON.stringify(devices);
  if (store.meta(devicesMeta) !== json) store.setMeta(devicesMeta, json);
}

/** What a pull says of the facility, kept: new key versions added, the device list replaced. */
export function keepFacilityState(store: Meta, pulled: { bundleKeys?: readonly BundleKeyVersion[]; facilityDevices?: readonly FacilityDevice[] }): void {
  if (pulled.bundleKeys) keepBundleKeys(store, pulled.bundleKeys);
  if (pulled.facilityDevices) keepFacilityDevices(store, pulled.facilityDevices);
}
