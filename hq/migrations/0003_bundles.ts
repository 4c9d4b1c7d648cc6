import type { HqMigration } from './types';

/**
 * A secret per facility for removable-media bundles: given to the facility's devices at enrollment, so
 * HQ and any device of that facility can open a bundle, and nobody else can.
 */
export const migration0003: HqMigration = {
  version: 3,
  name: 'bundles',
  async up(db) {
    await db.schema.alterTable('facilities').addColumn('bundle_key', 'text').execute();
  },
};
