import { afterEach, describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { openHqDatabase } from '../../hq/db';
import { migrateHq } from '../../hq/migrate';
import { latestHqSchemaVersion } from '../../hq/migrations';
import { createTestDatabase, dialects, groupAlive, httpGet, spawnHq, waitForExit, waitForGroupExit, waitForOutput, type HqProcess, type TestDatabase } from './harness';

const urlLine = /^Qeyd HQ: http:\/\/127\.0\.0\.1:(\d+)\/ \(database: (sqlite|postgres)\)$/m;

describe.each(dialects)('npm run hq (hq/start.ts) on %s', (dialect) => {
  let t: TestDatabase | undefined;
  let p: HqProcess | undefined;

  afterEach(async () => {
    if (p && groupAlive(p)) {
      p.signal('SIGKILL');
      await p.exited;
    }
    p = undefined;
    await t?.dispose();
  });

  it('starts as a real process, prints its URL, answers /health over loopback and stops cleanly on SIGTERM', async () => {
    t = await createTestDatabase(dialect);
    p = spawnHq({ ...t.env, QEYD_HQ_PORT: '0', QEYD_HQ_HOST: '' });

    const [, port, kind] = await waitForOutput(p, urlLine);
    expect(kind).toBe(dialect);
    const res = await httpGet(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(res.body)).toEqual({ status: 'ok', service: 'qeyd-hq', version: packageJson.version, database: dialect, schemaVersion: latestHqSchemaVersion });

    p.signal('SIGTERM');
    await waitForGroupExit(p);
    // Nothing but these lines: no request logs, no stray warnings from HQ itself. A fresh HQ says how
    // to set up its staff console.
    expect(p.stdout().trim().split('\n')).toEqual([expect.stringMatching(urlLine), expect.stringMatching(/^Qeyd HQ: the staff console is not set up yet: .*setup-console/), 'Qeyd HQ: stopped']);
    expect(p.stderr()).not.toMatch(/Qeyd HQ|Error/);
    await expect(httpGet(`http://127.0.0.1:${port}/health`)).rejects.toThrow(/ECONNREFUSED/);

    // It migrated the database it was pointed at, and left it in a state the next start accepts.
    const hq = await openHqDatabase(t.config, t.key);
    try {
      expect((await migrateHq(hq)).applied).toEqual([]);
    } finally {
      await hq.close();
    }
  });

  it('refuses to start on a database from a newer HQ, saying so, with exit code 1', async () => {
    t = await createTestDatabase(dialect);
    const hq = await t.open();
    await migrateHq(hq);
    await hq.db.insertInto('hq_schema_migrations').values({ version: 999, name: 'from_the_future', applied_at: new Date().toISOString() }).execute();
    await hq.close();

    p = spawnHq({ ...t.env, QEYD_HQ_PORT: '0' });
    const exit = await waitForExit(p);
    expect(p.stderr()).toContain(`Qeyd HQ: cannot start: the HQ database is at schema version 999, but this Qeyd HQ only knows versions up to ${latestHqSchemaVersion}`);
    expect(p.stdout()).not.toMatch(urlLine);
    // npm reports the code of the script it ran
    expect(exit.code).toBe(1);
  });
});

describe('npm run hq with a bad setting', () => {
  let p: HqProcess | undefined;
  afterEach(async () => {
    if (p && groupAlive(p)) {
      p.signal('SIGKILL');
      await p.exited;
    }
  });

  it('names the variable and what it must be, and exits with code 2 before touching anything', async () => {
    p = spawnHq({ QEYD_HQ_PORT: 'eighty', QEYD_HQ_DATA_DIR: '/nonexistent/never-created', QEYD_HQ_DATABASE_URL: '' });
    const exit = await waitForExit(p);
    expect(exit.code).toBe(2);
    expect(p.stderr()).toContain('Qeyd HQ: invalid Qeyd HQ configuration');
    expect(p.stderr()).toContain('QEYD_HQ_PORT must be a whole number from 0 to 65535 (got "eighty")');
  });
});
