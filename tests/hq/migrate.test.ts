import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HqDatabase } from '../../hq/db';
import { HqSchemaTooNewError, migrateHq, readHqSchemaVersion } from '../../hq/migrate';
import { hqMigrations, latestHqSchemaVersion } from '../../hq/migrations';
import type { HqMigration } from '../../hq/migrations/types';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestDatabase, repoRoot, describeSchema, dialects, tableExists, type TestDatabase } from './harness';

function runMigrateOnce(t: TestDatabase, startAt: number): Promise<{ applied: number[]; to: number }> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'tests/hq/fixtures/migrate-once.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...t.env, MIGRATE_AT: String(startAt) },
  }).then(({ stdout }) => JSON.parse(stdout) as { applied: number[]; to: number });
}

describe('HQ migrations are numbered files', () => {
  it('numbers them 1..n with no gaps or repeats', () => {
    expect(hqMigrations.map((m) => m.version)).toEqual(hqMigrations.map((_, i) => i + 1));
    expect(latestHqSchemaVersion).toBe(hqMigrations.length);
  });

  it('refuses a list of migrations with a gap before touching any database', async () => {
    const gap: HqMigration[] = [{ ...hqMigrations[0]!, version: 2 }];
    await expect(migrateHq({} as HqDatabase, gap)).rejects.toThrow(/numbered 1\.\.n without gaps/);
  });
});

describe.each(dialects)('the HQ migration runner on %s', (dialect) => {
  let t: TestDatabase;
  let hq: HqDatabase;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    hq = await t.open();
  });
  afterEach(async () => {
    await t?.dispose();
  });

  it('applies every migration to an empty database and records each one', async () => {
    const result = await migrateHq(hq);
    expect(result).toEqual({ from: 0, to: latestHqSchemaVersion, applied: hqMigrations.map((m) => m.version) });
    const rows = await hq.db.selectFrom('hq_schema_migrations').selectAll().orderBy('version').execute();
    expect(rows.map((r) => [r.version, r.name])).toEqual(hqMigrations.map((m) => [m.version, m.name]));
    expect(rows.every((r) => !Number.isNaN(Date.parse(r.applied_at)))).toBe(true);
    for (const table of ['facilities', 'devices', 'enrollment_codes', 'events']) {
      expect(await tableExists(hq, t.schema, table), table).toBe(true);
    }
  });

  it('changes nothing when run again, in the same process or after reopening', async () => {
    await migrateHq(hq);
    const schemaBefore = await describeSchema(hq, t.schema);
    const rowsBefore = await hq.db.selectFrom('hq_schema_migrations').selectAll().orderBy('version').execute();

    expect(await migrateHq(hq)).toEqual({ from: latestHqSchemaVersion, to: latestHqSchemaVersion, applied: [] });
    await hq.close();
    const reopened = await t.open();
    expect(await migrateHq(reopened)).toEqual({ from: latestHqSchemaVersion, to: latestHqSchemaVersion, applied: [] });

    expect(await describeSchema(reopened, t.schema)).toEqual(schemaBefore);
    expect(await reopened.db.selectFrom('hq_schema_migrations').selectAll().orderBy('version').execute()).toEqual(rowsBefore);
  });

  it('lets two HQ processes start on one database together without applying any step twice', async () => {
    await hq.close();
    const startAt = Date.now() + 1500;
    const results = await Promise.all([runMigrateOnce(t, startAt), runMigrateOnce(t, startAt)]);
    // Numerically: sort() alone compares numbers as text, which puts 10 before 2.
    expect(results.flatMap((r) => r.applied).sort((a, b) => a - b)).toEqual(hqMigrations.map((m) => m.version));
    expect(results.map((r) => r.to)).toEqual([latestHqSchemaVersion, latestHqSchemaVersion]);
  });

  it('refuses a database migrated by a newer HQ, naming both versions and changing nothing', async () => {
    await migrateHq(hq);
    const future = latestHqSchemaVersion + 41;
    await hq.db.insertInto('hq_schema_migrations').values({ version: future, name: 'from_the_future', applied_at: new Date().toISOString() }).execute();
    const schemaBefore = await describeSchema(hq, t.schema);

    const refusal = await migrateHq(hq).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(HqSchemaTooNewError);
    expect(refusal).toMatchObject({ found: future, known: latestHqSchemaVersion });
    expect((refusal as Error).message).toContain(`schema version ${future}`);
    expect((refusal as Error).message).toContain(`versions up to ${latestHqSchemaVersion}`);

    expect(await describeSchema(hq, t.schema)).toEqual(schemaBefore);
    expect(await readHqSchemaVersion(hq.db)).toBe(future);
  });

  it('rolls a failing migration back whole, leaving the version where it was', async () => {
    const broken: HqMigration = {
      version: latestHqSchemaVersion + 1,
      name: 'broken',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('x', 'text').execute();
        throw new Error('migration failed halfway');
      },
    };
    await expect(migrateHq(hq, [...hqMigrations, broken])).rejects.toThrow('migration failed halfway');
    expect(await readHqSchemaVersion(hq.db)).toBe(latestHqSchemaVersion);
    expect(await tableExists(hq, t.schema, 'half_done')).toBe(false);
    // and the next start applies it once it is fixed
    const fixed: HqMigration = { ...broken, name: 'fixed', up: async (db) => db.schema.createTable('half_done').addColumn('x', 'text').execute() };
    expect((await migrateHq(hq, [...hqMigrations, fixed])).applied).toEqual([fixed.version]);
    expect(await tableExists(hq, t.schema, 'half_done')).toBe(true);
  });
});
