import { parseArgs } from 'node:util';
import { lowerKdfCostIfTesting } from '../db/kdf-cost';
import { seedNetwork } from './seed/network';
import { openRunningHq } from './seed/running-hq';

/**
 * `npm run seed:network -- --hq http://127.0.0.1:8780 --dir <folder> [--persons N] [--transfers N] [--seed S] [--hq-data-dir <HQ data dir>]`
 *
 * Two centres (Baku and Ganja), each an installation in `<folder>/baku` and `<folder>/ganja` filled with
 * SYNTHETIC people as `npm run seed` fills one, both enrolled with the running HQ, synced, and some of
 * Baku's held people transferred to Ganja through HQ (docs/seed.md). Enrollment codes are made against
 * the running HQ's database, as `npm run hq:demo` does. Running it again adds more people and transfers.
 */
const { values } = parseArgs({
  options: {
    hq: { type: 'string' },
    dir: { type: 'string' },
    persons: { type: 'string', default: '150' },
    transfers: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    api: { type: 'string', default: '2000' },
    'hq-data-dir': { type: 'string' },
  },
  strict: true,
});

function whole(name: string, v: string): number {
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${v}"`);
  return n;
}

async function main(): Promise<void> {
  lowerKdfCostIfTesting(process.env);
  if (!values.hq) throw new Error('--hq <url of the running HQ server> is required (start it with `npm run hq`)');
  if (!values.dir) throw new Error('--dir <folder for the two centres> is required');
  const hqUrl = values.hq.replace(/\/+$/, '');
  const now = Math.floor(Date.now() / 1000) * 1000;
  const adminPassword = process.env.QEYD_SEED_ADMIN_PASSWORD ?? 'qeyd-demo-admin';
  const hq = await openRunningHq(values['hq-data-dir']);
  try {
    const result = await seedNetwork({
      dir: values.dir,
      hqUrl,
      enrollmentCode: hq.code,
      persons: whole('persons', values.persons),
      transfers: whole('transfers', values.transfers),
      seed: whole('seed', values.seed),
      apiLimit: whole('api', values.api),
      now,
      adminPassword,
      log: (line) => console.error(line),
    });
    for (const c of result.centres) {
      console.log(`${c.facilityName}: ${c.seeded.viaApi + c.seeded.viaEvents + c.seeded.registrationsOnly} people added, in ${c.dataDir} (open it with QEYD_DATA_DIR=${c.dataDir})`);
      if (c.recoveryKey) console.log(`  DEMO recovery key: ${c.recoveryKey}`);
    }
    const t = result.transfers;
    console.log(
      `Transfers Baku → Ganja: ${t.dispatched} dispatched; ${t.admitted} admitted, ${t.withDiscrepancies} admitted with discrepancies, ${t.refused} refused, ${t.inTransit} still on the road; ${t.skipped} passed over.`,
    );
    console.log('DEMO ACCOUNTS at both centres — synthetic data, known passwords: for demonstrations and tests only.');
    for (const u of result.users) console.log(`  ${u.username.padEnd(10)} ${u.password.padEnd(22)} ${u.roles.join(', ')} (${u.displayName})`);
    console.log(`Sign in to the HQ console at ${hqUrl}/ to see both centres and the transfers.`);
  } finally {
    await hq.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
