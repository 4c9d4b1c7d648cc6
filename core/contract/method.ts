import type { z } from 'zod';
import type { Access, Permission } from '../permissions';

/**
 * What the audit log records about a method, declared in the contract so that no handler can forget it.
 * `read`: the call shows a person's data; `change`: it changes it. `entityId` names the record touched.
 */
export interface AuditSpec<I, O> {
  kind: 'read' | 'change';
  entityType: string;
  entityId: (input: I, output: O | undefined) => string | null;
}

/**
 * Where a method is served: `device` is any installation that records (a centre, a field office, the
 * ombudsman's office); `hqConsole` is HQ staff's console, which reads what devices recorded and never
 * records about a person itself (docs/hq-console.md).
 */
export type ServedAt = 'device' | 'hqConsole';
export const everywhere: readonly ServedAt[] = ['device', 'hqConsole'];
export const devicesOnly: readonly ServedAt[] = ['device'];

export interface MethodDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
  audit?: AuditSpec<z.output<I>, z.output<O>>;
  /** Where the method is served; when absent, see `servedAt` (what records is served on devices only). */
  servedAt?: readonly ServedAt[];
  /** The answer shows records synced from devices: HQ's console reads its feed up to date before answering. */
  readsRecords?: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}

export type AnyMethod = MethodDef<z.ZodType, z.ZodType>;
export type Namespace = Record<string, AnyMethod>;
export type ContractShape = Record<string, Namespace>;

export type InputOf<M> = M extends MethodDef<infer I, z.ZodType> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodDef<infer I, z.ZodType> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodDef<z.ZodType, infer O> ? z.output<O> : never;

/** Permissions that let their holder record about a person or a visit. */
const recordingPermissions: ReadonlySet<Permission> = new Set<Permission>(['person.write', 'person.override', 'asylum.record', 'legalAid.write', 'npm.respond', 'visit.write', 'medical.write']);

/**
 * Where a method is served. Unless it says so itself, a method that records (it needs a recording
 * permission, or its audit entry is a change) is served on devices only, so a new recording method
 * can never reach HQ's console by omission; everything else is served everywhere.
 */
export function servedAt(def: AnyMethod): readonly ServedAt[] {
  if (def.servedAt) return def.servedAt;
  const records = (def.access.kind === 'permission' && recordingPermissions.has(def.access.permission)) || def.audit?.kind === 'change';
  return records ? devicesOnly : everywhere;
}
