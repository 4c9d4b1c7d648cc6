import type { Generated, Insertable, Selectable } from 'kysely';

/*
 * Row types of the HQ database, shared by both dialects. Instants are ISO-8601 UTC text, as on the
 * devices: the same value compares, sorts and hashes identically in SQLite and PostgreSQL and is never
 * shifted by a session time zone. Both drivers are set up to return 64-bit integers as JS numbers
 * (see db.ts), so these types hold for either.
 */

export interface FacilitiesTable {
  facility_id: string;
  name: string;
  /** detention centre, HQ, ... — free text until the domain fixes the list */
  kind: string;
  created_at: string;
  /** Before migration 0007: the facility's bundle key. Now always null; the keys are in facility_bundle_keys. */
  bundle_key: string | null;
}

export interface DevicesTable {
  device_id: string;
  facility_id: string;
  name: string;
  /** the key that verifies the device's signed chain heads and authenticates its requests */
  public_key: string;
  enrolled_at: string;
  revoked_at: string | null;
  /** why and by whom (a console user's name, or "hq:admin" for the command line), migration 0007 */
  revoked_reason: string | null;
  revoked_by: string | null;
  last_seen_at: string | null;
  /** The verified head of the device's chain at HQ: where the next push must continue. */
  head_seq: Generated<number>;
  head_hash: Generated<string>;
  head_signature: string | null;
  last_push_at: string | null;
  /** events the device said were still waiting after its last push or pull (its own count, unverified) */
  reported_pending: number | null;
  reported_at: string | null;
  /** which copy of the identity HQ accepts: raised by a restore from backup (migration 0008) */
  incarnation: Generated<number>;
  /** the last request HQ refused from an older copy of this identity (migration 0009) */
  superseded_seen_at: string | null;
}

/** One-time enrollment codes. Only a hash is stored, so a leaked database enrolls nobody. */
export interface EnrollmentCodesTable {
  code_hash: string;
  facility_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Every event pushed by any device, in the order HQ received it (`server_seq`, the pull cursor). */
export interface EventsTable {
  server_seq: Generated<number>;
  event_id: string;
  device_id: string;
  device_seq: number;
  hlc: string;
  actor: string;
  type: string;
  entity_id: string;
  /** canonical JSON exactly as the device hashed it; re-serialising would break the chain */
  payload: string;
  schema_version: number;
  /** JSON array of the versions the author saw */
  supersedes: string;
  prev_hash: string;
  hash: string;
  received_at: string;
  /** Set when the event arrived intact but cannot be applied; kept, reported, never pulled. */
  quarantine_reason: string | null;
}

/** Altered copies of held events a device sent (migration 0005): recorded, never stored as events. */
export interface QuarantineLogTable {
  entry_id: Generated<number>;
  device_id: string;
  event_id: string;
  device_seq: number;
  reason: string;
  detail: string;
  recorded_at: string;
}

/** A device restored from a backup, and what its old copy lost (migration 0008, docs/backup.md). */
export interface DeviceRestoresTable {
  restore_id: string;
  device_id: string;
  incarnation: number;
  backup_seq: number;
  backup_created_at: string;
  /** how far HQ held the device's chain when the restored copy reported */
  hq_head_seq: number;
  reported_pending: number | null;
  reported_at: string | null;
  lost_from: number | null;
  lost_to: number | null;
  restored_at: string;
}

/** Nonces of accepted signed requests, until no request carrying them could still be accepted (migration 0006). */
export interface RequestNoncesTable {
  device_id: string;
  nonce: string;
  expires_at: string;
}

/**
 * The facility's removable-media bundle keys by version (migration 0007): the highest is the one new
 * bundles are sealed under; revoking a device adds a version. Read and written only by hq/sync/bundle-keys.ts.
 */
export interface FacilityBundleKeysTable {
  facility_id: string;
  key_id: number;
  bundle_key: string;
  created_at: string;
}

/** The facility whose device first recorded a record (migration 0007): a push naming it from another facility is quarantined. */
export interface EntityOwnersTable {
  entity_id: string;
  facility_id: string;
  device_id: string;
}

/** The national name index (migration 0010, hq/sync/national.ts): one row per person across every facility. */
export interface NationalPersonsTable {
  person_id: string;
  facility_id: string;
  device_id: string;
  /** the card (names, birth date, register number, nationalities), sealed under the data key */
  card: string;
  /** which nameKeys made this row's keys: rows of an older version are re-keyed at start */
  key_version: string;
  merged_into: string | null;
  updated_at: string;
}

/** Keyed hashes of the person's name keys (HMAC under a key derived from the data key): no name in clear. */
export interface NationalNameKeysTable {
  key: string;
  person_id: string;
}

export interface NationalEpisodesTable {
  episode_id: string;
  person_id: string;
  state: string;
  opened_at: string;
  state_since: string | null;
}

export interface NationalLinksTable {
  person_id: string;
  other_person_id: string;
  other_facility_id: string;
  linked_at: string;
}

export interface NationalRegisterCountersTable {
  device_id: string;
  last_no: number;
}

/** Every national lookup a device made: never the names asked about (migration 0010). */
export interface NationalLookupsTable {
  lookup_id: string;
  device_id: string;
  facility_id: string;
  asked_by: string;
  person_id: string | null;
  at: string;
  /** ok, or rate_limited */
  outcome: string;
  results: number;
}

/**
 * HQ's tracing requests to centres (migration 0011, hq/sync/tracing-requests.ts). `content` is sealed under
 * the data key: the person, what is asked, the requester's category and the analyst who asked.
 */
export interface TracingRequestsTable {
  /** the devices' tracing cursor: only grows, committed in order */
  request_seq: Generated<number>;
  request_id: string;
  inquiry_id: string;
  facility_id: string;
  content: string;
  asked_at: string;
}

/** Transfers between centres (migration 0012, hq/sync/transfers.ts): the signed package and the outcome sealed. */
export interface TransferPackagesTable {
  package_seq: Generated<number>;
  transfer_id: string;
  from_facility_id: string;
  to_facility_id: string;
  /** JSON: the records handed over, whose ownership moves to the receiving facility when it admits */
  entity_ids: string;
  content: string;
  /** pending | received | refused */
  status: string;
  outcome: string | null;
  dispatched_at: string;
  outcome_at: string | null;
}

/** A device's request for its transfers (rate limit and audit). */
export interface TransferFetchesTable {
  fetch_id: string;
  device_id: string;
  facility_id: string;
  at: string;
  outcome: string;
  packages: number;
}

/** Each device's users as it last reported them (migration 0013, hq/sync/device-users.ts): for the console's names. */
export interface DeviceUsersTable {
  device_id: string;
  user_id: string;
  display_name: string;
  reported_at: string;
}

export interface HqMetaTable {
  key: string;
  value: string;
}

export type HqEvent = Selectable<EventsTable>;
export type NewHqEvent = Insertable<EventsTable>;

export interface HqSchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface HqSchema {
  facilities: FacilitiesTable;
  devices: DevicesTable;
  device_users: DeviceUsersTable;
  enrollment_codes: EnrollmentCodesTable;
  events: EventsTable;
  hq_schema_migrations: HqSchemaMigrationsTable;
  hq_meta: HqMetaTable;
  quarantine_log: QuarantineLogTable;
  request_nonces: RequestNoncesTable;
  device_restores: DeviceRestoresTable;
  facility_bundle_keys: FacilityBundleKeysTable;
  entity_owners: EntityOwnersTable;
  tracing_requests: TracingRequestsTable;
  national_persons: NationalPersonsTable;
  national_name_keys: NationalNameKeysTable;
  national_episodes: NationalEpisodesTable;
  national_links: NationalLinksTable;
  national_register_counters: NationalRegisterCountersTable;
  national_lookups: NationalLookupsTable;
  transfer_packages: TransferPackagesTable;
  transfer_fetches: TransferFetchesTable;
}
