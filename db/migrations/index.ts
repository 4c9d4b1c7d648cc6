import { migration0001 } from './0001_core';
import { migration0002 } from './0002_persons';
import { migration0003 } from './0003_register';
import { migration0004 } from './0004_safeguards';
import { migration0005 } from './0005_sync';
import { migration0006 } from './0006_conflicts';
import { migration0007 } from './0007_register_numbers';
import { migration0008 } from './0008_oversight';
import { migration0009 } from './0009_npm';
import { migration0010 } from './0010_consular_disclosure';
import { migration0011 } from './0011_rights_delay';
import { migration0012 } from './0012_letter_status';
import { migration0013 } from './0013_tracing_requests';
import { migration0014 } from './0014_national';
import { migration0015 } from './0015_tracing_inquiries';
import { migration0016 } from './0016_tracing_not_asked';
import { migration0017 } from './0017_exits';
import { migration0018 } from './0018_complaints';
import { migration0019 } from './0019_contacts';
import { migration0020 } from './0020_health';
import { migration0021 } from './0021_discipline_property';
import { migration0022 } from './0022_transfers';
import { migration0023 } from './0023_report_facts';
import type { Migration } from './types';

/** In order. A new migration is a new file appended here; released ones are never edited. */
export const migrations: readonly Migration[] = [
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
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
  migration0021,
  migration0022,
  migration0023,
];
export const latestVersion = migrations[migrations.length - 1]!.version;
