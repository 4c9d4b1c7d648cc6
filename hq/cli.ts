import { parseArgs } from 'node:util';
import { loadHqConfig } from './config';
import { openHqDatabase } from './db';
import { migrateHq } from './migrate';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createEnrollmentCode } from './sync/enroll';
import { importBundle } from './sync/bundles';
import { SyncRefusal } from './sync/common';
import { RevocationError, revokeDevice } from './sync/revoke';
import { setUpConsole } from './console/setup';
import { hqKeySource } from './key-source';
import { HqKeyError, newHqKeyFileText, readHqKeyFile, rotateHqMasterKey, type HqKeySource } from './vault';
import type { HqConfig } from './config';
import type { HqDatabase } from './db';

/**
 * The HQ key for commands that open what it seals: QEYD_HQ_KEY_FILE; else `npm run hq`'s development key
 * file if there is one (with a warning); else a passphrase from the terminal. Asked for only when a
 * command needs it, so `echo … | hq:admin setup-console` still reads its password from the pipe.
 */
function cliKeySource(config: HqConfig, hq: () => HqDatabase): HqKeySource | (() => Promise<HqKeySource>) {
  const dev = `${config.dataDir.replace(/[/\\]+$/, '')}.dev-key`;
  if (!config.keyFile && existsSync(dev)) {
    console.error(`hq:admin: using the development key file ${dev}; production sets QEYD_HQ_KEY_FILE (docs/hq-keys.md)`);
    return { kind: 'file', key: readHqKeyFile(dev) };
  }
  try {
    return hqKeySource(config, hq);
  } catch (e) {
    return () => Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/**
 * HQ administration from the server's shell:
 *   npm run hq:admin -- setup-console --username admin --display-name "HQ administrator" [--name "SMS headquarters"]
 *     (reads the new administrator's password from standard input; prints the console's recovery key)
 *   npm run hq:admin -- create-enrollment-code --facility "Baku centre" [--kind detention_centre] [--days 7]
 *   npm run hq:admin -- revoke-device --device <device id> --reason "<why: lost, stolen, retired …>"
 *   npm run hq:admin -- import-bundle --file <path to .qeyd-bundle>
 *   npm run hq:admin -- create-key-file --out <path>      (a new HQ key file, mode 0600; docs/hq-keys.md)
 *   npm run hq:admin -- rotate-key --new-key-file <path>  (HQ's keys wrapped under the new key instead)
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
      reason: { type: 'string' },
      file: { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      name: { type: 'string', default: 'Headquarters' },
      out: { type: 'string' },
      'new-key-file': { type: 'string' },
    },
  });
  if (command === 'create-key-file') {
    if (!values.out) throw new Error("--out is required: where to write the new HQ key file (separate media, not HQ's data disk)");
    // wx: an existing key file is never overwritten; losing it would lose every record it opens.
    try {
      writeFileSync(values.out, newHqKeyFileText(), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      throw new Error(`cannot write ${values.out}: ${e instanceof Error ? e.message : String(e)}`);
    }
    console.log(`HQ key file written to ${values.out} (mode 0600). Copy it to two offline media kept apart before using it (docs/hq-keys.md).`);
    return;
  }
  const config = loadHqConfig(process.env);
  let hq: HqDatabase | null = null;
  hq = await openHqDatabase(
    config,
    cliKeySource(config, () => hq!),
  );
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
      if (!values.reason) throw new Error('--reason is required: why the device is revoked (the device is told it)');
      // The console's path too (hq/sync/revoke.ts): marked with who and why, and the facility's bundle key rotated.
      try {
        const r = await revokeDevice(hq, { deviceId: values.device, reason: values.reason, by: 'hq:admin' });
        console.log(
          `Device ${r.deviceName} (${r.deviceId}) revoked at ${r.revokedAt}: ${r.reason}\nThe facility's bundle key is now version ${r.bundleKeyId}; its other devices receive it with their next sync.`,
        );
      } catch (e) {
        if (!(e instanceof RevocationError)) throw e;
        throw new Error(
          e.reason === 'bad_reason'
            ? '--reason must be 3 to 500 characters on one line'
            : e.reason === 'already_revoked'
              ? `Device ${values.device} is already revoked.`
              : `No device ${values.device} is enrolled.`,
        );
      }
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
    } else if (command === 'rotate-key') {
      if (!values['new-key-file']) throw new Error('--new-key-file is required (write one with create-key-file)');
      const next = readHqKeyFile(values['new-key-file']);
      try {
        await rotateHqMasterKey(hq, { kind: 'file', key: next });
      } catch (e) {
        if (e instanceof HqKeyError) throw new Error(`key not rotated: ${e.message}`);
        throw e;
      }
      console.log(
        `HQ's data key and signing key are now wrapped under ${values['new-key-file']}. Start HQ with QEYD_HQ_KEY_FILE=${values['new-key-file']}; the old key no longer opens this database.`,
      );
    } else {
      console.error(
        'usage: hq:admin create-key-file --out PATH | rotate-key --new-key-file PATH | setup-console --username U --display-name N [--name FACILITY] < password | create-enrollment-code --facility NAME [--kind KIND] [--days N] | revoke-device --device ID --reason TEXT | import-bundle --file PATH',
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
