/** HQ's signing keys. */
import type { HqDatabase } from '../db';
import { hqVault } from '../vault';

/**
 * HQ's own Ed25519 key pair: made with the database's other keys on first use, its private half kept
 * in hq_meta only wrapped under the HQ key (vault.ts, docs/hq-keys.md).
 */
export async function hqKeyPair(hq: HqDatabase): Promise<{ publicKey: string; privateKey: string }> {
  return (await hqVault(hq)).signingKey;
}
