import type { z } from 'zod';
import { lookupMethod, type Contract, type MethodName } from '../core/contract';
import type { InputOf, OutputOf, ParsedInputOf } from '../core/contract/method';
import { api } from './api';

/**
 * A contract method named the way transports name it ("episodes.admit"), with its schema and its types:
 * a form names its method once and gets the schema it is checked with, the input its `toInput` builds,
 * and the output its `onDone` receives. A name the contract does not have does not compile.
 */
export type MethodDefOf<K extends MethodName> = K extends `${infer N}.${infer M}` ? (N extends keyof Contract ? (M extends keyof Contract[N] ? Contract[N][M] : never) : never) : never;

/** What a caller writes (before the schema's defaults and trimming). */
export type MethodInput<K extends MethodName> = InputOf<MethodDefOf<K>>;
/** What the schema makes of it: what the form sends, and what the server parses again. */
export type MethodParsedInput<K extends MethodName> = ParsedInputOf<MethodDefOf<K>>;
export type MethodOutput<K extends MethodName> = OutputOf<MethodDefOf<K>>;

/** The method's definition from the contract (its input schema is what a form is checked with). */
export function methodDef<K extends MethodName>(name: K): MethodDefOf<K> {
  // lookupMethod reads the same object `Contract` is the type of, under the same name.
  return lookup(name) as MethodDefOf<K>;
}

function lookup(name: MethodName) {
  const def = lookupMethod(name);
  if (!def) throw new Error(`No contract method ${name}`);
  return def;
}

/** The schema a form of this method is checked with in the browser, as the server checks it. */
export function methodSchema<K extends MethodName>(name: K): z.ZodType<MethodParsedInput<K>> {
  // Generic over the name, the definition's `input` is not seen to parse to its own output type.
  return lookup(name).input as z.ZodType<MethodParsedInput<K>>;
}

type UntypedClient = Record<string, Record<string, (input: unknown) => Promise<unknown>>>;

/**
 * Calls the method through the app's client (so a lost session still returns to sign-in) with what its
 * schema made of the form, as every form of the app sends; the server parses it again.
 */
export function callMethod<K extends MethodName>(name: K, input: MethodParsedInput<K>): Promise<MethodOutput<K>> {
  const dot = name.indexOf('.');
  // The client is one proxy for every method; its per-method types cannot be indexed by a generic name.
  const client = api as unknown as UntypedClient;
  return client[name.slice(0, dot)]![name.slice(dot + 1)]!(input) as Promise<MethodOutput<K>>;
}
