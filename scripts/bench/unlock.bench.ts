import { pathToFileURL } from 'node:url';
import { readInstallation, writeInstallation } from '../../db/installation-file';
import { createInstallation, openUserSlot, scryptParams } from '../../db/keyslots';
import { Store } from '../../db/store';
import { benchDir, report } from './fixtures';

/**
 * unlock_ms (issue #10 §6): what one sign-in spends on the key slot: read installation.json, derive the
 * key-encryption key from the password (scrypt at today's parameters), unwrap the slot, open the
 * database with the key. Target ≤ 1000 ms on a duty-desk laptop; the figure is the median of the
 * rounds, printed with the fastest and slowest so a loaded machine shows as a spread.
 */
export async function benchUnlock(rounds = 7): Promise<void> {
  const dir = benchDir();
  try {
    const { file, dbKey } = await createInstallation({ facilityName: 'Bench', facilityKind: 'detention_centre', adminUsername: 'admin', adminPassword: 'bench password 1' });
    writeInstallation(dir.path, file);
    Store.create(`${dir.path}/qeyd.db`, dbKey, 'Desk', {}).close();

    const samples: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const t0 = performance.now();
      const opening = await openUserSlot(readInstallation(dir.path)!, 'admin', 'bench password 1');
      if (!opening?.current) throw new Error('the bench password did not open its slot');
      Store.open(`${dir.path}/qeyd.db`, opening.current).close();
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    report('unlock_ms', samples[Math.floor(samples.length / 2)]!, 'ms');
    report('unlock_ms_min', samples[0]!, 'ms');
    report('unlock_ms_max', samples[samples.length - 1]!, 'ms');
    console.log(`  (scrypt N=2^${Math.log2(scryptParams.N)}, r=${scryptParams.r}, p=${scryptParams.p}; ${rounds} rounds)`);
  } finally {
    dir.remove();
  }
}

// `npx tsx scripts/bench/unlock.bench.ts` runs this one alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void benchUnlock();
