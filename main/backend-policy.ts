import type { MethodName } from '../core/contract';
import type { ApiErrorShape } from '../core/contract/errors';
import type { ServedAt } from '../core/contract/method';

/**
 * What kind of installation a backend is: which of the contract's methods it serves, what it answers
 * for the others, and what it checks beyond a method's input schema. The device's policy is here; HQ's
 * console keeps its own in hq/console/policy.ts (main/ imports nothing from hq/).
 */
export interface BackendPolicy {
  /** The contract's methods served here are those whose `servedAt` (core/contract/method.ts) names this place. */
  readonly place: ServedAt;
  /** The answer to a contract method not served here. */
  readonly refusal: ApiErrorShape;
  /** Checks beyond the contract's schema, by method: the error to answer, or null to go on. */
  readonly inputChecks: Readonly<Partial<Record<MethodName, (input: unknown) => ApiErrorShape | null>>>;
  /** Whether the installation syncs with HQ by itself: the scheduler is reconciled after every call and lock. */
  readonly syncsAutomatically: boolean;
}

/** A centre's, a field office's or the ombudsman's office's installation: it records, and syncs as a device. */
export const devicePolicy: BackendPolicy = {
  place: 'device',
  refusal: { code: 'forbidden', messageKey: 'error.forbidden' },
  inputChecks: {},
  syncsAutomatically: true,
};
