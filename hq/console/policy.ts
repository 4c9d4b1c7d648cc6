import { lookupMethod } from '../../core/contract';
import { rolesForKind } from '../../core/permissions';
import type { BackendPolicy } from '../../main/backend-policy';

/** A centre's roles have no place in HQ's console (its screens would offer actions HQ refuses). */
function rolesFit(input: unknown, allowed: readonly string[]): boolean {
  const roles = (input as { roles?: unknown } | null)?.roles;
  return !Array.isArray(roles) || roles.every((r) => allowed.includes(String(r)));
}

/**
 * HQ staff's console: it serves what the contract serves at `hqConsole` (it reads what devices recorded,
 * never records about a person and never syncs) and refuses the rest as read-only (docs/hq-console.md).
 */
export const hqConsolePolicy: BackendPolicy = {
  place: 'hqConsole',
  refusal: { code: 'forbidden', messageKey: 'error.hq.readOnly' },
  inputChecks: {
    'users.create': (input) => (rolesFit(input, rolesForKind('headquarters')) ? null : { code: 'validation', messageKey: 'error.validation', fields: { roles: { key: 'error.users.roleNotHere' } } }),
  },
  syncsAutomatically: false,
};

/** Methods whose answer must include everything HQ has committed by the time they are called. */
export function catchesUp(method: string): boolean {
  return lookupMethod(method)?.readsRecords === true;
}
