/** HQ's signing keys. */
import { generateDeviceKeyPair } from '../../db/chain';
import type { HqDatabase } from '../db';

const keyPairs = new WeakMap<HqDatabase, Promise<{ publicKey: string; privateKey: string }>>();

/**
 * HQ's own Ed25519 key pair, made on first use and kept in the HQ database. Once stored it never
 * changes, so each open database reads it once rather than on every push.
 */
export function hqKeyPair(hq: HqDatabase): Promise<{ publicKey: string; privateKey: string }> {
  let keys = keyPairs.get(hq);
  if (!keys) {
    keys = readOrMakeKeyPair(hq);
    keyPairs.set(hq, keys);
    keys.catch(() => keyPairs.delete(hq));
  }
  return keys;
}

async function readOrMakeKeyPair(hq: HqDatabase): Promise<{ publicKey: string; privateKey: string }> {
  const rows = await hq.db.selectFrom('hq_meta').selectAll().where('key', 'in', ['hq_public_key', 'hq_private_key']).execute();
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  if (get('hq_public_key') && get('hq_private_key')) return { publicKey: get('hq_public_key')!, privateKey: get('hq_private_key')! };
  const keys = generateDeviceKeyPair();
  // Two HQ processes starting at once: the first insert wins and both read it back.
  await hq.db
    .insertInto('hq_meta')
    .values([
      { key: 'hq_public_key', value: keys.publicKey },
      { key: 'hq_private_key', value: keys.privateKey },
    ])
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return readOrMakeKeyPair(hq);
}
