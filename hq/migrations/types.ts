import type { Kysely } from 'kysely';
import type { HqDialect } from '../db';

/**
 * One numbered schema step. `up` runs inside a transaction together with its row in
 * hq_schema_migrations, all or nothing (both SQLite and PostgreSQL have transactional DDL).
 * It takes Kysely<any> on purpose: a migration describes the schema as it was at that version, so it
 * must not type-check against today's table types.
 */
export interface HqMigration {
  version: number;
  name: string;
  // A migration runs against the schema of its own day, not today's `HqSchema`: Kysely's advice.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: HqDialect): Promise<void>;
}
