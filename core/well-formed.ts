/**
 * Well-formed text, checked wherever text enters: the RPC contract, events made or received, HQ's push
 * and bundles, imported files. A lone UTF-16 surrogate has no UTF-8 form, so SQLite and PostgreSQL store
 * it altered (U+FFFD) or refuse it, and the stored text then no longer matches what was hashed or signed;
 * a NUL byte is refused by PostgreSQL outright. Refusing both at the boundary means that what is stored
 * can never differ from what was hashed.
 */

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one, or NUL.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const illFormed = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/;

export function isWellFormedText(s: string): boolean {
  return !illFormed.test(s);
}

/** Where the first ill-formed string (value or object key) sits in a JSON-like value, or null if none. */
export function illFormedPath(value: unknown, depth = 0): (string | number)[] | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : [];
  // Deeper than any schema goes: the schemas refuse it on their own terms.
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = illFormedPath(value[i], depth + 1);
      if (inner) return [i, ...inner];
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (!isWellFormedText(key)) return [toWellFormed(key)];
    const path = illFormedPath(inner, depth + 1);
    if (path) return [key, ...path];
  }
  return null;
}

/** Replaces every lone surrogate and NUL with U+FFFD: for text that must be recorded, never for data. */
export function toWellFormed(s: string): string {
  return s.replace(new RegExp(illFormed.source, 'g'), '\uFFFD');
}

/**
 * Whether every string (value or object key) in a JSON-like value is well formed, at any depth: for
 * values a schema does not look inside (`z.unknown()` in a correction), walked without recursion so
 * hostile nesting cannot overflow the stack.
 */
export function isWellFormedDeep(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) return false;
    } else if (Array.isArray(v)) {
      for (const inner of v) pending.push(inner);
    } else if (v !== null && typeof v === 'object') {
      for (const [key, inner] of Object.entries(v as Record<string, unknown>)) {
        if (!isWellFormedText(key)) return false;
        pending.push(inner);
      }
    }
  }
  return true;
}
