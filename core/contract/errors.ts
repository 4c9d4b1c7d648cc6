import { z } from 'zod';

/**
 * Every failure that crosses a boundary (IPC, loopback HTTP, HQ API) has this shape.
 * The UI never shows `code`; it translates `messageKey` (and each field's key) from the catalogs,
 * so a registrar sees the reason in their own language.
 */
export const errorCodes = [
  'validation',
  'unknown_method',
  'payload_too_large',
  'malformed',
  'unauthenticated',
  'session_locked',
  'forbidden',
  'not_found',
  'conflict',
  'rule',
  'not_initialized',
  'already_initialized',
  'store_locked',
  'store_too_new',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const messageRefSchema = z.object({
  key: z.string().min(1).max(200),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type MessageRef = z.infer<typeof messageRefSchema>;

export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** field path (dot-joined, e.g. "admin.password") -> what is wrong with it */
  fields: z.record(z.string(), messageRefSchema).optional(),
});
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly params: Record<string, string | number> | undefined;
  readonly fields: Record<string, MessageRef> | undefined;

  constructor(shape: ApiErrorShape) {
    super(`${shape.code}: ${shape.messageKey}`);
    this.name = 'ApiError';
    this.code = shape.code;
    this.messageKey = shape.messageKey;
    this.params = shape.params;
    this.fields = shape.fields;
  }

  toShape(): ApiErrorShape {
    const shape: ApiErrorShape = { code: this.code, messageKey: this.messageKey };
    if (this.params) shape.params = this.params;
    if (this.fields) shape.fields = this.fields;
    return shape;
  }
}

/** A domain rule refused the command (e.g. "no admission without a decision record"). */
export function ruleError(messageKey: string, fields?: Record<string, MessageRef>): ApiError {
  return new ApiError(fields ? { code: 'rule', messageKey, fields } : { code: 'rule', messageKey });
}

/** Maps zod issues to translatable field errors; the key tells the UI which sentence to show. */
export function validationError(issues: readonly z.core.$ZodIssue[]): ApiError {
  const fields: Record<string, MessageRef> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (fields[path]) continue;
    fields[path] = issueToMessage(issue);
  }
  return new ApiError({ code: 'validation', messageKey: 'error.validation', fields });
}

function issueToMessage(issue: z.core.$ZodIssue): MessageRef {
  // Schemas may carry their own key as the message (a refine whose message is an error key).
  if (issue.message.startsWith('error.')) return { key: issue.message };
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? { key: 'error.field.required' } : { key: 'error.field.invalidType' };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { key: 'error.field.required' };
      if (issue.origin === 'string') return { key: 'error.field.tooShort', params: { min: Number(issue.minimum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'error.field.tooFewItems', params: { min: Number(issue.minimum) } };
      return { key: 'error.field.tooSmall', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'error.field.tooLong', params: { max: Number(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'error.field.tooManyItems', params: { max: Number(issue.maximum) } };
      return { key: 'error.field.tooBig', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return { key: 'error.field.invalidFormat' };
    case 'invalid_value':
      return { key: 'error.field.invalidOption' };
    case 'unrecognized_keys':
      return { key: 'error.field.unknownField' };
    default:
      return { key: 'error.field.invalid' };
  }
}
