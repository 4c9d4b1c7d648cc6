import type { z } from 'zod';
import type { Access } from '../permissions';

/**
 * What the audit log records about a method, declared in the contract so that no handler can forget it.
 * `read`: the call shows a person's data; `change`: it changes it. `entityId` names the record touched.
 */
export interface AuditSpec<I, O> {
  kind: 'read' | 'change';
  entityType: string;
  entityId: (input: I, output: O | undefined) => string | null;
}

export interface MethodDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
  audit?: AuditSpec<z.output<I>, z.output<O>>;
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
