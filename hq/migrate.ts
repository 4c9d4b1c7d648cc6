import { sql, type Kysely, type Transaction } from 'kysely';
import type { HqDatabase, HqDialect } from './db';
import { hqMigrations } from './migrations';
import type { HqMigration } from './migrations/types';
import type { HqSchema } from './schema';

export class HqSchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `the HQ database is at schema version ${found}, but this Qeyd HQ only knows versions up to ${known}; ` +
        'refusing to use it. Run the Qeyd HQ release that last upgraded this database, or a newer one.',
    );
    this.name = 'HqSchemaTooNewError';
  }
}

export interface MigrationResult {
  /** the version found before migrating (0 for an empty database) */
  from: number;
  /** the version the database is at now */
  to: number;
  applied: number[];
}

// Any constant works; it only has to be the same in every HQ process sharing one PostgreSQL database.
const pgMigrationLockKey = 7_270_011_001;

/**
 * Serialises migrators: two HQ processes starting together against one database must not both apply
 * the same step. PostgreSQL: a transaction-scoped advisory lock. SQLite: a write statement first, so the
 * transaction holds the write lock before it reads the version (a read-then-write upgrade could fail
 * with SQLITE_BUSY instead of waiting for busy_timeout).
 */
async function lockForMigration(trx: Transaction<HqSchema>, dialect: HqDialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(pgMigrationLockKey)})`.execute(trx);
  else await sql`update hq_schema_migrations set version = version where 0 = 1`.execute(trx);
}

/** The highest applied migration, 0 when none. Assumes hq_schema_migrations exists (migrateHq creates it). */
export async function readHqSchemaVersion(db: Kysely<HqSchema>): Promise<number> {
  const row = await db
    .selectFrom('hq_schema_migrations')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

function checkNumbering(migrations: readonly HqMigration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`HQ migrations must be numbered 1..n without gaps; found ${m.version} at position ${i + 1}`);
  });
}

/**
 * Brings the HQ schema to the latest version. Each migration commits together with its row in
 * hq_schema_migrations, so a crash leaves the database at a whole version. A database written by a newer
 * release is refused untouched: an old binary must never "repair" a newer schema.
 */
export async function migrateHq(hq: HqDatabase, migrations: readonly HqMigration[] = hqMigrations): Promise<MigrationResult> {
  checkNumbering(migrations);
  const known = migrations.length;
  const { db, dialect } = hq;

  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await lockForMigration(trx, dialect);
    await trx.schema
      .createTable('hq_schema_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
  });

  const from = await readHqSchemaVersion(db);
  if (from > known) throw new HqSchemaTooNewError(from, known);

  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= from) continue;
    await db.transaction().execute(async (trx) => {
      await lockForMigration(trx, dialect);
      // Re-read under the lock: another process may have migrated while we waited.
      const current = await readHqSchemaVersion(trx);
      if (current > known) throw new HqSchemaTooNewError(current, known);
      if (current >= m.version) return;
      await m.up(trx, dialect);
      await trx.insertInto('hq_schema_migrations').values({ version: m.version, name: m.name, applied_at: new Date().toISOString() }).execute();
      applied.push(m.version);
    });
  }
  return { from, to: await readHqSchemaVersion(db), applied };
}
