import { join } from 'node:path';
import { demoFacility, openInstallation, type DemoUser, type SeedInstallation } from './installation';
import { seed, type SeedResult } from './run';
import { seedTransfers, type TransferSeedResult } from './transfers';

/**
 * Two seeded centres enrolled with one HQ, and transfers between them (docs/seed.md "Two centres and
 * their transfers"). Each centre is an installation of its own in `<dir>/<folder>`, filled as
 * `npm run seed` fills one, then enrolled with a one-time code, synced, and made to send some of its
 * held people to the other.
 */

export const networkCentres = [
  { folder: 'baku', facility: { ...demoFacility } },
  { folder: 'ganja', facility: { ...demoFacility, facilityName: 'Gəncə Müvəqqəti Yerləşdirmə Mərkəzi', deviceName: 'Qeydiyyat masası' } },
] as const;

export interface NetworkSeedOptions {
  dir: string;
  hqUrl: string;
  /** A one-time enrollment code for a facility of that name, made against HQ's database. */
  enrollmentCode(facilityName: string): Promise<string>;
  /** People added to each centre. */
  persons: number;
  /** How many held people the first centre sends to the second. */
  transfers: number;
  seed: number;
  now: number;
  adminPassword: string;
  /** At most this many people per centre go through the handlers (`npm run seed --api`). */
  apiLimit?: number;
  log?: (line: string) => void;
}

export interface NetworkSeedResult {
  centres: { facilityName: string; dataDir: string; seeded: SeedResult; recoveryKey: string | null }[];
  transfers: TransferSeedResult;
  users: DemoUser[];
}

export async function seedNetwork(o: NetworkSeedOptions): Promise<NetworkSeedResult> {
  const log = o.log ?? (() => {});
  const opened: SeedInstallation[] = [];
  try {
    const centres: NetworkSeedResult['centres'] = [];
    for (const [k, c] of networkCentres.entries()) {
      const dataDir = join(o.dir, c.folder);
      const inst = await openInstallation(dataDir, o.now, o.adminPassword, c.facility);
      opened.push(inst);
      if (!(await inst.admin.sync.status({})).enrolled) {
        await inst.admin.sync.enroll({ hqUrl: o.hqUrl, code: await o.enrollmentCode(c.facility.facilityName) });
      }
      log(`[seed] ${c.facility.facilityName}: ${o.persons} people…`);
      // A seed of its own per centre: different people at each.
      const seeded = await seed({
        dataDir,
        persons: o.persons,
        seed: o.seed * 101 + k,
        now: o.now,
        apiLimit: o.apiLimit ?? 2000,
        histories: Number.POSITIVE_INFINITY,
        adminPassword: o.adminPassword,
        installation: inst,
        log,
      });
      centres.push({ facilityName: c.facility.facilityName, dataDir, seeded, recoveryKey: inst.recoveryKey });
    }
    // Twice round: the first centre's first pull came before the second was enrolled, so it learns the
    // other centre (HQ's facility list) on the second.
    for (let round = 0; round < 2; round++) for (const inst of opened) await inst.clients.registrar.sync.run({});
    const transfers = await seedTransfers({ from: opened[0]!, to: opened[1]!, count: o.transfers, seed: o.seed, now: o.now, log });
    return { centres, transfers, users: opened[0]!.users };
  } finally {
    for (const inst of opened) await inst.close();
  }
}
