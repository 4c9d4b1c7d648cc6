/** What the services share: who acts, the usual refusals, and the checks on a recorded time. */
import { ApiError, type MessageRef } from '../../core/contract/errors';
import { SKEW_MS } from '../../core/intake';
import type { Actor } from '../../db/store';
import type { SignedInEnv } from '../api/router';

/** The signed-in user a command is recorded under. */
export const actor = (env: SignedInEnv): Actor => ({ userId: env.session.userId });

export const notFound = () => new ApiError({ code: 'not_found', messageKey: 'error.notFound' });

/** A domain rule refused the step, named on a field when the form has one to mark. */
export const rule = (key: string, field?: string) => new ApiError(field ? { code: 'rule', messageKey: key, fields: { [field]: { key } } } : { code: 'rule', messageKey: key });

/** A validation error naming the first problem of each field. */
export function dateValidationError(issues: { path: string; key: string }[]): ApiError {
  const fields: Record<string, MessageRef> = {};
  for (const i of issues) fields[i.path] ??= { key: i.key };
  return new ApiError({ code: 'validation', messageKey: 'error.validation', fields });
}

/** Refuses a recorded time later than now (allowing the usual clock skew), on the named field. */
export function notFuture(at: string, now: number, path: string): void {
  if (Date.parse(at) > now + SKEW_MS) throw dateValidationError([{ path, key: 'error.time.inFuture' }]);
}
