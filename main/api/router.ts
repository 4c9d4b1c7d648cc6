import type { ResponseEnvelope } from '../../core/contract/client';
import { ApiError, validationError } from '../../core/contract/errors';
import { contract, lookupMethod } from '../../core/contract';
import type { AnyMethod, OutputOf, ParsedInputOf } from '../../core/contract/method';
import { can } from '../../core/permissions';
import { illFormedPath, isWellFormedDeep } from '../../core/well-formed';
import { maxPayloadBytes, type CallContext, type CallHandler } from './call-context';
import type { Session } from '../services/sessions';

type Contract = typeof contract;

export interface HandlerEnv {
  session: Session | null;
  call: CallContext;
  method: string;
}

/** The session a method declared as signed-in or permissioned is guaranteed to have. */
export type SignedInEnv = HandlerEnv & { session: Session };

export type Handlers = {
  [N in keyof Contract]: {
    [M in keyof Contract[N]]: (input: ParsedInputOf<Contract[N][M]>, env: SignedInEnv) => Promise<OutputOf<Contract[N][M]>> | OutputOf<Contract[N][M]>;
  };
};

export interface RouterDeps {
  handlers: Handlers;
  /** Resolves the caller's session; throws ApiError unauthenticated/session_locked when it cannot. */
  /** `method` lets the backend tell a screen's periodic refresh from a person's action (idle lock). */
  sessionFor(token: string | null, method: string): Session | null;
  /** Records an audit line (reads and refusals; changes are audited inside their own transaction). */
  audit(entry: { actor: string | null; action: string; method: string; entityType: string; entityId: string | null; outcome: 'ok' | 'denied' | 'failed' }): void;
  onInternalError?(method: string, error: unknown): void;
}

function byteLength(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * One router for every transport: method lookup, size limit, input validation, session and permission,
 * the handler, output validation, and the audit of reads. It never throws: every failure becomes a
 * structured, translatable error, and nothing is written by a refused call.
 */
export function createRouter(deps: RouterDeps): CallHandler {
  return {
    async handle(method: string, rawInput: unknown, call: CallContext): Promise<ResponseEnvelope> {
      const def = typeof method === 'string' && method.length <= 200 ? lookupMethod(method) : undefined;
      if (!def) return fail(new ApiError({ code: 'unknown_method', messageKey: 'error.unknownMethod' }));
      if (byteLength(rawInput) > maxPayloadBytes) {
        return fail(new ApiError({ code: 'payload_too_large', messageKey: 'error.payloadTooLarge', params: { max: maxPayloadBytes } }));
      }
      // Text with no faithful stored form (a lone surrogate, a NUL) is refused before a session, an
      // audit line or a handler sees it: stored, it would be altered and no longer match its hash (issue #10).
      const illFormed = illFormedPath(rawInput) ?? (isWellFormedDeep(rawInput) ? null : []);
      if (illFormed) {
        const field = illFormed.join('.').slice(0, 200) || '_';
        return fail(new ApiError({ code: 'validation', messageKey: 'error.validation', fields: { [field]: { key: 'error.field.illFormedText' } } }));
      }
      let session: Session | null = null;
      try {
        // Who may call comes before what was sent: a caller without the right learns nothing about
        // the method's input rules.
        const parsed = def.input.safeParse(rawInput ?? {});
        if (def.access.kind !== 'public') {
          session = deps.sessionFor(call.sessionToken, method);
          if (!session) throw new ApiError({ code: 'unauthenticated', messageKey: 'error.unauthenticated' });
          if (def.access.kind === 'permission' && !can(session.roles, def.access.permission)) {
            if (def.audit) {
              const entityId = parsed.success ? safeEntityId(def, parsed.data, undefined) : null;
              deps.audit({ actor: session.userId, action: `${def.audit.kind}.denied`, method, entityType: def.audit.entityType, entityId, outcome: 'denied' });
            }
            throw new ApiError({ code: 'forbidden', messageKey: 'error.forbidden' });
          }
        } else {
          // Public methods (auth.session, login) treat a locked or unknown session as no session.
          try {
            session = deps.sessionFor(call.sessionToken, method);
          } catch {
            session = null;
          }
        }
        if (!parsed.success) throw validationError(parsed.error.issues);
        const handler = findHandler(deps.handlers, method);
        const env = { session, call, method } as SignedInEnv;
        const output = await handler(parsed.data, env);
        const checked = def.output.safeParse(output);
        if (!checked.success) throw new Error(`output of ${method} does not match the contract: ${checked.error.message}`);
        if (def.audit?.kind === 'read' && session) {
          deps.audit({ actor: session.userId, action: 'read', method, entityType: def.audit.entityType, entityId: safeEntityId(def, parsed.data, checked.data), outcome: 'ok' });
        }
        return { ok: true, result: checked.data };
      } catch (e) {
        if (e instanceof ApiError) return fail(e);
        deps.onInternalError?.(method, e);
        return fail(new ApiError({ code: 'internal', messageKey: 'error.internal' }));
      }
    },
  };
}

function fail(e: ApiError): ResponseEnvelope {
  return { ok: false, error: e.toShape() };
}

function safeEntityId(def: AnyMethod, input: unknown, output: unknown): string | null {
  try {
    return def.audit?.entityId(input, output) ?? null;
  } catch {
    return null;
  }
}

type AnyHandler = (input: unknown, env: SignedInEnv) => unknown;

function findHandler(handlers: Handlers, method: string): AnyHandler {
  const [ns, m] = method.split('.') as [string, string];
  const group = (handlers as unknown as Record<string, Record<string, AnyHandler>>)[ns];
  const h = group?.[m];
  if (!h) throw new Error(`no handler for ${method}`);
  return h;
}
