import type { z } from 'zod';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, validationError, type MessageRef } from '../core/contract/errors';

/**
 * Form errors travel through react-hook-form as a string `message`. A message is either a catalog key
 * ('error.field.username', set by a schema) or a JSON-encoded MessageRef (a key with parameters, such
 * as the minimum length). `refFromMessage` turns either back into something the catalogs can translate.
 */
export function messageFromRef(ref: MessageRef): string {
  return ref.params ? JSON.stringify(ref) : ref.key;
}

export function refFromMessage(message: string | undefined): MessageRef | null {
  if (!message) return null;
  if (message.startsWith('{')) {
    try {
      const parsed = JSON.parse(message) as MessageRef;
      if (typeof parsed.key === 'string') return parsed;
    } catch {
      // Not ours: fall through and show the generic sentence.
    }
  }
  return { key: message };
}

/**
 * A per-parse error map for zodResolver: the browser names each problem with exactly the key the
 * server would send (the contract's own mapping), so a field reads the same before and after submit.
 * Schema-level messages such as 'error.field.username' take precedence over this map in zod 4.
 */
export const contractErrorMap = (issue: z.core.$ZodRawIssue): string => {
  // A field left empty is "required", not "too short: at least 3" (the contract maps by length alone).
  if (issue.code === 'too_small' && typeof issue.input === 'string' && issue.input.trim() === '') return 'error.field.required';
  // A choice not made yet (an empty select sends nothing) is "required", not "not an allowed choice".
  if (issue.code === 'invalid_value' && (issue.input === undefined || issue.input === '')) return 'error.field.required';
  const full = { ...issue, path: [], message: '' } as unknown as z.core.$ZodIssue;
  const ref = validationError([full]).fields?._ ?? { key: 'error.field.invalid' };
  return messageFromRef(ref);
};

export const contractResolverOptions = { error: contractErrorMap };

/**
 * Puts each server field error beside its input (focusing the first) and returns the sentence for the
 * form-level alert: for a validation error "some fields need attention", otherwise the reason itself.
 */
export function applyServerErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, knownFields: readonly string[]): MessageRef {
  if (!(error instanceof ApiError)) return { key: 'app.unexpectedError' };
  let firstPlaced = false;
  for (const [path, ref] of Object.entries(error.fields ?? {})) {
    if (knownFields.includes(path)) {
      setError(path as Path<T>, { type: 'server', message: messageFromRef(ref) }, { shouldFocus: !firstPlaced });
      firstPlaced = true;
    }
  }
  return error.params ? { key: error.messageKey, params: error.params } : { key: error.messageKey };
}
