import { parseArgs } from 'node:util';
import { defaultDataDir } from '../main/data-dir';
import { openInstallation } from './seed/installation';
import { seed, summarize } from './seed/run';

/**
 * `npm run seed -- --persons N [--seed S] [--now ISO] [--api N] [--histories N]`
 *
 * Fills an installation with SYNTHETIC detainees (invented names, no real people) for demonstrations,
 * screenshots and benchmarks. Sets the installation up first if there is none. Running it again adds
 * more people. Progress goes to stderr; the summary and the DEMO credentials to stdout.
 */
const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    now: { type: 'string' },
    api: { type: 'string', default: '2000' },
    histories: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  strict: true,
});

function positive(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${v}"`);
  return n;
}

async function main(): Promise<void> {
  const persons = positive('persons', values.persons, 200);
  const now = values.now ? Date.parse(values.now) : Math.floor(Date.now() / 1000) * 1000;
  if (Number.isNaN(now)) throw new Error(`--now must be an ISO instant such as 2026-11-23T06:00:00Z, got "${values.now}"`);
  if (now > Date.now() + 86_400_000) console.error('[seed] warning: --now is in the future; records will look future-dated to the app until then');
  const dataDir = values['data-dir'] ?? process.env.QEYD_DATA_DIR ?? defaultDataDir();
  const adminPassword = process.env.QEYD_SEED_ADMIN_PASSWORD ?? 'qeyd-demo-admin';
  console.error(`[seed] ${persons} synthetic people into ${dataDir} (seed ${values.seed}, now ${new Date(now).toISOString()})`);

  const result = await seed({
    dataDir,
    persons,
    seed: positive('seed', values.seed, 1),
    now,
    apiLimit: positive('api', values.api, 2000),
    histories: positive('histories', values.histories, Number.POSITIVE_INFINITY),
    adminPassword,
    log: (line) => console.error(line),
  });

  const inst = await openInstallation(dataDir, now, adminPassword);
  const summary = summarize(inst.backend.installation.requireStore(), now);
  await inst.close();

  const s = result.seconds;
  console.log(`Seeded ${persons} people (${result.viaApi} through the handlers, ${result.viaEvents} as events, ${result.registrationsOnly} registrations only; ${result.duplicates} true duplicates).`);
  console.log(`Time: ${s.total.toFixed(1)} s (handlers ${s.api.toFixed(1)} s, events ${s.events.toFixed(1)} s, registrations ${s.registrations.toFixed(1)} s).`);
  console.log('');
  console.log('Now in the store:');
  console.log(JSON.stringify(summary, null, 2));
  console.log('');
  console.log('DEMO ACCOUNTS — synthetic data, known passwords: for demonstrations and tests only, never for real records.');
  for (const u of result.users) console.log(`  ${u.username.padEnd(10)} ${u.password.padEnd(22)} ${u.roles.join(', ')} (${u.displayName})`);
  if (result.recoveryKey) console.log(`  DEMO recovery key: ${result.recoveryKey}`);
  else console.log('  Recovery key: shown only when the installation was first set up.');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
