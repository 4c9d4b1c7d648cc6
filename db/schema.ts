import type { Generated } from 'kysely';

/** Table types for Kysely. Booleans are 0/1 and JSON columns are text, as SQLite stores them. */

export interface MetaTable {
  key: string;
  value: string;
}

export interface EventsTable {
  local_seq: Generated<number>;
  event_id: string;
  device_id: string;
  device_seq: number;
  hlc: string;
  actor: string;
  type: string;
  entity_id: string;
  payload: string;
  schema_version: number;
  supersedes: string;
  prev_hash: string;
  hash: string;
  server_seq: number | null;
}

export interface ChainHeadsTable {
  device_id: string;
  seq: number;
  hash: string;
  signature: string;
  signed_at: string;
}

export interface DevicesTable {
  device_id: string;
  name: string;
  public_key: string;
  is_self: number;
}

export interface UsersTable {
  user_id: string;
  username: string;
  display_name: string;
  roles: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor: string | null;
  action: string;
  method: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface PersonsTable {
  person_id: string;
  register_no: number;
  name_original: string;
  name_latin: string;
  patronymic: string | null;
  aliases: string;
  sex: string;
  birth_date: string | null;
  birth_estimated: number;
  birth_basis: string | null;
  nationalities: string;
  stateless: number;
  languages: string;
  created_at: string;
  updated_at: string;
  created_by: string;
  last_event_id: string;
}

export interface Database {
  meta: MetaTable;
  events: EventsTable;
  chain_heads: ChainHeadsTable;
  devices: DevicesTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  persons: PersonsTable;
}
