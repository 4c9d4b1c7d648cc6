import { toNestErrors } from '@hookform/resolvers';
import type { FieldError, FieldValues, Path, Resolver, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError, type MessageRef } from '../core/contract/errors';
import { contractErrorMap, messageFromRef } from './forms';

/**
 * Register forms hold what inputs hold (wall-clock times, '' for an empty box) under the same paths as
 * the contract's input. A form's `toInput` turns its values into the method's input; the contract's own
 * schema then checks it, so an error lands on the same path in the browser as it would from the server.
 */
export interface ContractResolverOptions<TForm extends FieldValues = FieldValues> {
  /** Only these paths are checked now (a wizard step); the others wait for their turn. */
  only?: (path: string) => boolean;
  /** Contract path to form path where they differ (a list of strings kept as rows of objects). */
  toFormPath?: (path: string) => string;
  /** Further checks the contract makes on the server (impossible dates), run in the browser too. */
  extra?: (input: unknown) => { path: string; key: string }[];
  /** Checks on the form's own values that the contract cannot see (a question left unanswered), by field name. */
  check?: (values: TForm) => { field: string; key: string }[];
}

export function contractResolver<TForm extends FieldValues, TOut>(
  schema: z.ZodType<TOut>,
  toInput: (values: TForm) => unknown,
  options: ContractResolverOptions<TForm> = {},
): Resolver<TForm, unknown, TOut> {
  return async (values, _context, resolverOptions) => {
    const input = toInput(values);
    const result = schema.safeParse(input, { error: contractErrorMap });
    const flat: Record<string, FieldError> = {};
    const add = (rawPath: string, message: string, type: string) => {
      if (options.only && !options.only(rawPath)) return;
      const path = rawPath === '' ? 'root' : (options.toFormPath?.(rawPath) ?? rawPath);
      flat[path] ??= { type, message };
    };
    if (!result.success) for (const issue of result.error.issues) add(issue.path.map(String).join('.'), issue.message, issue.code);
    for (const i of options.extra?.(input) ?? []) add(i.path, i.key, 'custom');
    for (const c of options.check?.(values) ?? []) flat[c.field] ??= { type: 'custom', message: c.key };
    if (Object.keys(flat).length === 0 && result.success) return { values: result.data, errors: {} };
    if (Object.keys(flat).length === 0) {
      // Everything wrong is outside the checked part: this step passes; the full check comes at the end.
      return { values: result.success ? result.data : (input as TOut), errors: {} };
    }
    return { values: {}, errors: toNestErrors(flat, resolverOptions) };
  };
}

/**
 * Places each server field error on its input (the first one focused) and returns what the form-level
 * alert says: the error's own sentence, plus any field problem that has no input on this form.
 */
export function placeServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  toFormPath: (serverPath: string) => string | null,
): { alert: MessageRef; unplaced: MessageRef[]; placed: string[] } {
  if (!(error instanceof ApiError)) return { alert: { key: 'app.unexpectedError' }, unplaced: [], placed: [] };
  const unplaced: MessageRef[] = [];
  const placed: string[] = [];
  for (const [serverPath, ref] of Object.entries(error.fields ?? {})) {
    const path = toFormPath(serverPath);
    if (path === null) {
      if (!unplaced.some((u) => u.key === ref.key)) unplaced.push(ref);
      continue;
    }
    setError(path as Path<T>, { type: 'server', message: messageFromRef(ref) }, { shouldFocus: placed.length === 0 });
    placed.push(path);
  }
  const own = error.params ? { key: error.messageKey, params: error.params } : { key: error.messageKey };
  // A refusal that is about one field (an interpreter who may not be used) is said beside that field;
  // the banner then only names the fields, instead of saying the same sentence twice (issue #11 §5).
  const saidOnAField = Object.entries(error.fields ?? {}).some(([serverPath, ref]) => ref.key === own.key && toFormPath(serverPath) !== null);
  const alert: MessageRef = saidOnAField ? { key: 'error.validation' } : own;
  return { alert, unplaced: unplaced.filter((u) => u.key !== own.key && u.key !== alert.key), placed };
}

/** '' from an empty box means "not given" for optional fields. */
export function opt(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  return value.trim() === '' ? undefined : value;
}

/** A number box left empty is "not given", not zero. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

/**
 * What a form's `toInput` builds: the method's input under the contract's own names, with every value
 * still unchecked, since a select holds any string and an empty box is "not given"; the contract's
 * schema then says what is wrong with a value. A value of the wrong kind does not compile, nor (through
 * `UnknownKeys`, in ContractForm) a key the contract does not have.
 */
export type Draft<T> = T extends string
  ? string | undefined
  : T extends number
    ? number | undefined
    : T extends boolean
      ? boolean | undefined
      : T extends readonly (infer U)[]
        ? Draft<U>[] | undefined
        : T extends object
          ? DraftOf<T> | undefined
          : T;
export type DraftOf<T> = { [K in keyof T]?: Draft<T[K]> };

/** Every key of any member of a union (an input that takes one of several shapes). */
type AnyKey<T> = T extends unknown ? keyof T : never;
type Member<T, P extends PropertyKey> = T extends unknown ? (P extends keyof T ? T[P] : never) : never;

/**
 * The keys of R, at any depth, that T does not have (never when there are none). TypeScript does not
 * look for unknown keys in what an arrow function returns, so ContractForm asks this of `toInput`. A
 * record built from entries (an index signature) names no keys, and is left to the schema.
 */
export type UnknownKeys<R, T> = unknown extends T
  ? never
  : R extends readonly (infer E)[]
    ? NonNullable<T> extends readonly (infer F)[]
      ? UnknownKeys<E, F>
      : never
    : R extends object
      ? { [P in keyof R]-?: string extends P ? never : number extends P ? never : P extends AnyKey<NonNullable<T>> ? UnknownKeys<R[P], Member<NonNullable<T>, P>> : P }[keyof R]
      : never;
