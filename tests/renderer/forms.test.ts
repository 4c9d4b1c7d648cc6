import { describe, expect, it } from 'vitest';
import { ApiError } from '../../core/contract/errors';
import { catalogs } from '../../core/i18n';
import { applyServerErrors, contractErrorMap, refFromMessage } from '../../renderer/forms';
import { newUserFormSchema, setupFormSchema } from '../../renderer/schemas';
import { formatInstant } from '../../renderer/time';

/** What each field would show, as MessageRefs, for a form's values checked in the browser. */
function fieldRefs(schema: typeof setupFormSchema | typeof newUserFormSchema, values: unknown) {
  const result = schema.safeParse(values, { error: contractErrorMap });
  if (result.success) return {};
  const out: Record<string, unknown> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    out[path] ??= refFromMessage(issue.message);
  }
  return out;
}

const blankSetup = {
  facilityName: '',
  facilityKind: 'detention_centre',
  deviceName: '',
  timeZone: 'Asia/Baku',
  admin: { username: '', displayName: '', password: '' },
  repeatPassword: '',
};

describe('form checks in the browser use the contract and its message keys', () => {
  it('names every problem of an empty setup form with a catalog key', () => {
    const refs = fieldRefs(setupFormSchema, blankSetup);
    expect(refs).toEqual({
      facilityName: { key: 'error.field.required' },
      deviceName: { key: 'error.field.required' },
      'admin.username': { key: 'error.field.required' },
      'admin.displayName': { key: 'error.field.required' },
      'admin.password': { key: 'error.field.passwordTooShort' },
    });
    for (const ref of Object.values(refs)) expect(catalogs.az).toHaveProperty([(ref as { key: string }).key]);
  });

  it('carries parameters (a minimum length) and checks the repeated password at the same time', () => {
    const refs = fieldRefs(setupFormSchema, {
      ...blankSetup,
      facilityName: 'Mərkəz',
      deviceName: 'Masa 1',
      timeZone: 'Mars/Olympus',
      admin: { username: 'ab', displayName: 'Əli', password: 'long enough password' },
      repeatPassword: 'different',
    });
    expect(refs).toEqual({
      timeZone: { key: 'error.field.timeZone' },
      'admin.username': { key: 'error.field.tooShort', params: { min: 3 } },
      repeatPassword: { key: 'error.field.passwordMismatch' },
    });
  });

  it('asks for at least one role for a new user', () => {
    const refs = fieldRefs(newUserFormSchema, { username: 'leyla.h', displayName: 'Leyla', roles: [], password: 'çay və şəkər 77', repeatPassword: 'çay və şəkər 77' });
    expect(refs).toEqual({ roles: { key: 'error.field.tooFewItems', params: { min: 1 } } });
  });

  it('places server field errors beside known fields and keeps the sentence for the alert', () => {
    const placed: [string, string | undefined][] = [];
    const error = new ApiError({
      code: 'conflict',
      messageKey: 'error.users.usernameTaken',
      fields: { username: { key: 'error.users.usernameTaken' }, 'something.else': { key: 'error.field.invalid' } },
    });
    const message = applyServerErrors(error, (name: string, e: { message?: string }) => placed.push([name, e.message]), ['username', 'password']);
    expect(placed).toEqual([['username', 'error.users.usernameTaken']]);
    expect(message).toEqual({ key: 'error.users.usernameTaken' });
    expect(applyServerErrors(new Error('boom'), () => undefined, [])).toEqual({ key: 'app.unexpectedError' });
  });
});

describe('instants', () => {
  it('are shown in the facility zone as dd.MM.yyyy HH:mm whatever the computer zone', () => {
    expect(formatInstant('2025-03-01T22:30:05Z', 'Asia/Baku')).toBe('02.03.2025 02:30');
    expect(formatInstant('2025-03-01T22:30:05Z', 'Asia/Baku', true)).toBe('02.03.2025 02:30:05');
    expect(formatInstant('not a date', 'Asia/Baku')).toBe('not a date');
  });
});
