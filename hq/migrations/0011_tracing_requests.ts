import type { HqMigration } from './types';

/**
 * HQ's tracing requests to centres (issue #14 §3, docs/sync.md#tracing-requests-to-a-centre). Whom a
 * request is about, what it asks, who is looking (the category only) and which analyst asked are sealed
 * under HQ's data key like every payload (`content`); in clear stay only what a pull must filter and
 * order by: the request's id, its inquiry, the facility it goes to and when. `request_seq` is the
 * devices' tracing cursor, so it must only grow and commit in order (an advisory lock on PostgreSQL,
 * hq/sync/tracing-requests.ts), as `events.server_seq`.
 */
export const migration0011: HqMigration = {
  version: 11,
  name: 'tracing_requests',
  async up(db, dialect) {
    await db.schema
      .createTable('tracing_requests')
      .addColumn('request_seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) => (dialect === 'postgres' ? c.generatedAlwaysAsIdentity().primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('request_id', 'text', (c) => c.notNull().unique())
      .addColumn('inquiry_id', 'text', (c) => c.notNull())
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.facility_id'))
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('asked_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tracing_requests_facility').on('tracing_requests').columns(['facility_id', 'request_seq']).execute();
    await db.schema.createIndex('tracing_requests_inquiry').on('tracing_requests').column('inquiry_id').execute();
  },
};
