import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { FormattedMessage } from 'react-intl';
import { z } from 'zod';
import { contract } from '../../core/contract';
import type { MessageRef } from '../../core/contract/errors';
import { password } from '../../core/fields';
import { api } from '../api';
import { FormAlert, TextField } from '../components/fields';
import { PublicFrame } from '../components/PublicFrame';
import { applyServerErrors, contractResolverOptions } from '../forms';

const firstPasswordSchema = contract.auth.changePassword.input.extend({ repeatPassword: z.string() }).refine((v) => typeof v?.newPassword !== 'string' || v.newPassword === v.repeatPassword, {
  path: ['repeatPassword'],
  message: 'error.field.passwordMismatch',
  when: () => true,
});
type Values = z.input<typeof firstPasswordSchema>;

/**
 * After an administrator's reset (issue #10 §4) the first sign-in lands here and nowhere else: the
 * one-time password the administrator saw is replaced by one only the user knows.
 */
export function FirstPassword({ onDone, onSignedOut }: { onDone(): Promise<void>; onSignedOut(): void }) {
  const [formError, setFormError] = useState<MessageRef | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, z.output<typeof firstPasswordSchema>>({
    resolver: zodResolver(firstPasswordSchema, contractResolverOptions),
    defaultValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
  });
  useEffect(() => setFocus('currentPassword'), [setFocus]);

  const submit = handleSubmit(
    async ({ repeatPassword: _repeat, ...input }) => {
      setFormError(null);
      try {
        await api.auth.changePassword(input);
        await onDone();
      } catch (e) {
        setFormError(applyServerErrors(e, setError, ['currentPassword', 'newPassword']));
      }
    },
    () => setFormError({ key: 'error.validation' }),
  );

  return (
    <PublicFrame titleId="firstPassword.title" focusTitle>
      <p>
        <FormattedMessage id="firstPassword.intro" />
      </p>
      <form onSubmit={submit} noValidate className="form">
        <TextField label="firstPassword.current" type="password" registration={register('currentPassword')} error={errors.currentPassword} autoComplete="current-password" />
        <TextField
          label="firstPassword.new"
          type="password"
          hint={<FormattedMessage id="user.passwordHint" values={{ min: password.minLength ?? 10 }} />}
          registration={register('newPassword')}
          error={errors.newPassword}
          autoComplete="new-password"
        />
        <TextField label="firstPassword.repeat" type="password" registration={register('repeatPassword')} error={errors.repeatPassword} autoComplete="new-password" />
        <FormAlert message={formError} />
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              void api.auth.logout().finally(onSignedOut);
            }}
          >
            <FormattedMessage id="shell.logout" />
          </button>
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            <FormattedMessage id={isSubmitting ? 'firstPassword.saving' : 'firstPassword.submit'} />
          </button>
        </div>
      </form>
    </PublicFrame>
  );
}
