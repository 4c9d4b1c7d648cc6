import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_sync';
import { migration0003 } from './0003_bundles';
import { migration0004 } from './0004_device_reports';
import { migration0005 } from './0005_quarantine_log';
import { migration0006 } from './0006_request_nonces';
import { migration0007 } from './0007_revocation';
import { migration0008 } from './0008_device_restores';
import { migration0009 } from './0009_superseded_copies';
import { migration0010 } from './0010_national_index';
import { migration0011 } from './0011_tracing_requests';
import { migration0012 } from './0012_transfers';
import { migration0013 } from './0013_device_users';
import type { HqMigration } from './types';

/** In order. A new migration is a new file appended here; released ones are never edited. */
export const hqMigrations: readonly HqMigration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
];
export const latestHqSchemaVersion = hqMigrations[hqMigrations.length - 1]!.version;
