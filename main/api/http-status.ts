import type { ErrorCode } from '../../core/contract/errors';

/** The HTTP status each error code travels with, for every HTTP transport (preview, HQ console). */
export const httpStatusFor: Record<ErrorCode, number> = {
  validation: 400,
  malformed: 400,
  unknown_method: 404,
  payload_too_large: 413,
  unauthenticated: 401,
  session_locked: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  not_initialized: 409,
  already_initialized: 409,
  store_locked: 423,
  store_too_new: 409,
  internal: 500,
};
