import { parseArgs } from 'node:util';
import { loadHqConfig } from './config';
import { openHqDatabase } from './db';
import { migrateHq } from './migrate';
import { readFileSync } from 'node:fs';
import { createEnrollmentCode } from './sync/enroll';
import { importBundle } from './sync/bundles';
import { SyncRefusal } from './sync/common';
import { setUpConsole } from './console/setup';

/**
 * HQ administration from the server's shell:
 *   npm run hq:admin -- setup-console --username admin --display-name "HQ administrator" [--name "SMS headquarters"]
 *     (reads the new administrator's password from standard input; prints the console's recovery key)
 *   npm run hq:admin -- create-enrollment-code --facility "Baku centre" [--kind detention_centre] [--days 7]
 *   npm run hq:admin -- revoke-device --device <device id>
 *   npm run hq:admin -- import-bundle --file <path to .qeyd-bundle>
 */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      facility: { type: 'string' },
      kind: { type: 'string', default: 'detention_centre' },
      days: { type: 'string', default: '7' },
      device: { type: 'string' },
      file: { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      name: { type: 'string', default: 'Headquarters' },
    },
  });
  const config = loadHqConfig(process.env);
  const hq = await openHqDatabase(config);
  try {
    await migrateHq(hq);
    if (command === 'setup-console') {
      if (!values.username || !values['display-name']) throw new Error('--username and --display-name are required');
      const password = readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
      const { recoveryKey } = await setUpConsole({ dataDir: config.dataDir, facilityName: values.name, username: values.username, displayName: values['display-name'], password });
      console.log(`HQ console set up. Sign in at the HQ address as ${values.username}.\nRecovery key (print it and keep it in the safe; it is shown only now):\n${recoveryKey}`);
    } else if (command === 'create-enrollment-code') {
      if (!values.facility) throw new Error('--facility is required');
      const days = Number(values.days);
      if (!Number.isInteger(days) || days < 1 || days > 60) throw new Error('--days must be a whole number from 1 to 60');
      const { code, facilityId, expiresAt } = await createEnrollmentCode(hq, { name: values.facility, kind: values.kind }, days);
      console.log(`Enrollment code for "${values.facility}" (${facilityId}): ${code}\nValid once, until ${expiresAt}.`);
    } else if (command === 'revoke-device') {
      if (!values.device) throw new Error('--device is required');
      const r = await hq.db.updateTable('devices').set({ revoked_at: new Date().toISOString() }).where('device_id', '=', values.device).where('revoked_at', 'is', null).executeTakeFirst();
      console.log(Number(r.numUpdatedRows) === 1 ? `Device ${values.device} revoked.` : `No active device ${values.device}.`);
    } else if (command === 'import-bundle') {
      if (!values.file) throw new Error('--file is required');
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(values.file, 'utf8'));
      } catch {
        throw new Error(`${values.file} is not a readable bundle file`);
      }
      try {
        const r = await importBundle(hq, raw);
        console.log(`Bundle from device ${r.deviceId}: ${r.stored} new events stored, ${r.duplicates} already held, HQ now holds up to ${r.ackedSeq}.`);
        for (const q of r.quarantined) console.log(`  event ${q.deviceSeq} quarantined: ${q.reason}`);
      } catch (e) {
        if (e instanceof SyncRefusal) throw new Error(`bundle refused: ${e.reason}`);
        throw e;
      }
    } else {
      console.error(
        'usage: hq:admin setup-console --username U --display-name N [--name FACILITY] < password | create-enrollment-code --facility NAME [--kind KIND] [--days N] | revoke-device --device ID | import-bundle --file PATH',
      );
      process.exitCode = 2;
    }
  } finally {
    await hq.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
