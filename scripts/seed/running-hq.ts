import { loadHqConfig } from '../../hq/config';
import { openHqDatabase, type HqDatabase } from '../../hq/db';
import { devKeyFile } from '../../hq/key-source';
import { migrateHq } from '../../hq/migrate';
import { createEnrollmentCode } from '../../hq/sync/enroll';
import { readHqKeyFile } from '../../hq/vault';

/**
 * The database of the HQ server running beside a demo script, to make one-time enrollment codes as
 * `npm run hq:admin -- create-enrollment-code` does: its data directory (or QEYD_HQ_DATABASE_URL) must
 * be the running server's, and its key QEYD_HQ_KEY_FILE or `npm run hq`'s development key file.
 */
export async function openRunningHq(dataDir: string | undefined): Promise<{ hq: HqDatabase; code(facilityName: string): Promise<string>; close(): Promise<void> }> {
  const config = loadHqConfig({ ...process.env, ...(dataDir ? { QEYD_HQ_DATA_DIR: dataDir } : {}) });
  const hq = await openHqDatabase(config, { kind: 'file', key: readHqKeyFile(config.keyFile ?? devKeyFile(config.dataDir).path) });
  await migrateHq(hq);
  return {
    hq,
    code: async (facilityName) => (await createEnrollmentCode(hq, { name: facilityName, kind: 'detention_centre' }, 1)).code,
    close: () => hq.close(),
  };
}
