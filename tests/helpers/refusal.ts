import { ApiError } from '../../core/contract/errors';

/** The ApiError a synchronous call throws (anything else thrown is rethrown; no throw fails the test). */
export function refusalOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}
