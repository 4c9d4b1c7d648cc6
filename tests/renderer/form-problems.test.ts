import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../core/contract/errors';
import { placeServerErrors } from '../../renderer/contract-form';

/** The server's refusal of an interpreter linked to the country of origin, in a protection case. */
const interpreterRefused = new ApiError({
  code: 'rule',
  messageKey: 'error.interpreter.affiliatedInProtectionCase',
  fields: { 'notification.interpreterUseId': { key: 'error.interpreter.affiliatedInProtectionCase' } },
});

describe('a refusal about one field is said once', () => {
  it('the interpreter refusal stands beside the interpreter field; the banner only says fields need attention', () => {
    const setError = vi.fn();
    const placed = placeServerErrors(interpreterRefused, setError, (p) => (p === 'notification.interpreterUseId' ? 'interpreterUseId' : null));
    expect(setError).toHaveBeenCalledWith('interpreterUseId', { type: 'server', message: 'error.interpreter.affiliatedInProtectionCase' }, { shouldFocus: true });
    expect(placed.alert).toEqual({ key: 'error.validation' });
    expect(placed.unplaced).toEqual([]);
  });

  it('when the form has no field for it, the banner says the refusal itself, once', () => {
    const setError = vi.fn();
    const placed = placeServerErrors(interpreterRefused, setError, () => null);
    expect(setError).not.toHaveBeenCalled();
    expect(placed.alert).toEqual({ key: 'error.interpreter.affiliatedInProtectionCase' });
    expect(placed.unplaced).toEqual([]);
  });

  it('a refusal about the whole record keeps its own sentence in the banner', () => {
    const error = new ApiError({ code: 'rule', messageKey: 'error.consular.consentNeeded', fields: { 'notice.sentAt': { key: 'error.time.beforeApprehension' } } });
    const placed = placeServerErrors(error, vi.fn(), (p) => p);
    expect(placed.alert).toEqual({ key: 'error.consular.consentNeeded' });
  });
});
