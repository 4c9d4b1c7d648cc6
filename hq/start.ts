import type { AddressInfo } from 'node:net';
import { HqConfigError, loadHqConfig } from './config';
import { openHqDatabase, type HqDatabase } from './db';
import { migrateHq } from './migrate';
import { prepareNationalIndex } from './sync/national';
import { lockEventLog } from './sync/push';
import { buildHqServer } from './server';
import { hqVersion } from './version';
import { fileURLToPath } from 'node:url';
import { createHqConsole, type HqConsole } from './console';
import { devKeyFile, hqKeySource } from './key-source';
import { dropClearCopies, HqKeyError, hqVault, sealClearPayloads, type HqKeySource } from './vault';
import { sealClearBundleKeys } from './sync/bundle-keys';

/** If closing hangs (a stuck client, a dead PostgreSQL), a service manager still gets its exit. */
const shutdownGraceMs = 10_000;

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** `npm run hq`: configuration from the environment (see config.ts), then migrate, then listen. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadHqConfig();
  } catch (e) {
    if (!(e instanceof HqConfigError)) throw e;
    console.error(`Qeyd HQ: ${e.message}`);
    process.exit(2);
  }

  let hq: HqDatabase | null = null;
  let hqConsole: HqConsole | null = null;
  let key: HqKeySource | (() => Promise<HqKeySource>);
  try {
    // `npm run hq` (--dev-key-file) needs no set-up step; production gives QEYD_HQ_KEY_FILE or a passphrase.
    if (!config.keyFile && process.argv.includes('--dev-key-file')) {
      const dev = devKeyFile(config.dataDir);
      console.warn(
        `Qeyd HQ: WARNING: development key file ${dev.path}${dev.created ? ' (created now)' : ''} beside the data protects nothing; production must set QEYD_HQ_KEY_FILE to a key on separate media (docs/hq-keys.md)`,
      );
      config = { ...config, keyFile: dev.path };
    }
    key = hqKeySource(config, () => hq!);
  } catch (e) {
    if (!(e instanceof HqKeyError)) throw e;
    console.error(`Qeyd HQ: ${e.message}`);
    process.exit(2);
  }
  try {
    hq = await openHqDatabase(config, key);
    await migrateHq(hq);
    let vault;
    try {
      vault = await hqVault(hq);
    } catch (e) {
      if (!(e instanceof HqKeyError)) throw e;
      console.error(`Qeyd HQ: cannot start: ${e.message}`);
      await hq.close();
      process.exit(2);
    }
    // Rows an older HQ stored in clear (a migration has no key to seal them with).
    const sealedKeys = await sealClearBundleKeys(hq.db, vault);
    const sealed = await sealClearPayloads(hq);
    if (sealedKeys) console.log(`Qeyd HQ: sealed ${sealedKeys} facility bundle keys an older HQ had stored in clear`);
    if (sealed) console.log(`Qeyd HQ: sealed ${sealed} event payloads an older HQ had stored in clear`);
    if (sealed || sealedKeys) await dropClearCopies(hq);
    // The national name index: events held before it existed, and rows an older nameKeys indexed (hq/sync/national.ts).
    const national = await prepareNationalIndex(hq, (trx) => lockEventLog(trx, hq!));
    if (national.indexed || national.rekeyed) console.log(`Qeyd HQ: national name index: ${national.indexed} events read, ${national.rekeyed} people re-keyed`);
    // One node of several runs the console (docs/hq-deploy.md); the others serve devices only.
    hqConsole = config.console ? await createHqConsole({ hq, dataDir: config.dataDir }) : null;
    const staticRoot = fileURLToPath(new URL('../dist/renderer', import.meta.url));
    const app = buildHqServer({ db: hq, version: hqVersion, ...(hqConsole ? { console: { backend: hqConsole.backend, staticRoot } } : {}), requests: config.requests, trustProxy: config.trustProxy });
    await app.listen({ host: config.host, port: config.port });
    const { port } = app.server.address() as AddressInfo;
    console.log(`Qeyd HQ: http://${urlHost(config.host)}:${port}/ (database: ${hq.dialect})`);
    if (!hqConsole) console.log('Qeyd HQ: the staff console is off on this node (QEYD_HQ_CONSOLE=off)');
    else if (!hqConsole.backend.installation.info) {
      console.log("Qeyd HQ: the staff console is not set up yet: echo '<passphrase>' | npm run hq:admin -- setup-console --username admin --display-name 'HQ administrator'");
    }

    const db = hq;
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      // A second Ctrl+C means "now": the operator has given up waiting.
      if (stopping) process.exit(1);
      stopping = true;
      setTimeout(() => {
        console.error(`Qeyd HQ: shutdown after ${signal} took longer than ${shutdownGraceMs} ms; exiting anyway`);
        process.exit(1);
      }, shutdownGraceMs).unref();
      // Stop accepting, let in-flight pushes finish and commit, then release the database.
      void app
        .close()
        .then(() => hqConsole?.close())
        .then(() => db.close())
        .then(
          () => {
            console.log('Qeyd HQ: stopped');
            process.exit(0);
          },
          (e: unknown) => {
            console.error(`Qeyd HQ: error while shutting down: ${e instanceof Error ? e.message : String(e)}`);
            process.exit(1);
          },
        );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    console.error(`Qeyd HQ: cannot start: ${e instanceof Error ? e.message : String(e)}`);
    await hq?.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
