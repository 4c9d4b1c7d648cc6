import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { FormattedMessage } from 'react-intl';
import type { z } from 'zod';
import type { MessageRef } from '../../core/contract/errors';
import { api } from '../api';
import { FormAlert, TextField } from '../components/fields';
import { PublicFrame } from '../components/PublicFrame';
import { applyServerErrors, contractResolverOptions } from '../forms';
import { useTranslateRef } from '../i18n';
import { loginFormSchema } from '../schemas';

type Values = z.input<typeof loginFormSchema>;

export function Login({ facilityName, notice, noticeTone, onSignedIn }: { facilityName: string | null; notice: MessageRef | null; noticeTone: 'info' | 'error'; onSignedIn(): Promise<void> }) {
  const translate = useTranslateRef();
  const [formError, setFormError] = useState<MessageRef | null>(null);
  const [showNotice, setShowNotice] = useState(true);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, z.output<typeof loginFormSchema>>({
    resolver: zodResolver(loginFormSchema, contractResolverOptions),
    defaultValues: { username: '', password: '' },
  });

  const submit = handleSubmit(
    async (input) => {
      setFormError(null);
      setShowNotice(false);
      try {
        await api.auth.login(input);
        await onSignedIn();
      } catch (e) {
        setFormError(applyServerErrors(e, setError, ['username', 'password']));
        // A refused password is typed again from scratch; the user name usually was right.
        setValue('password', '');
        setFocus('password');
      }
    },
    () => setFormError({ key: 'error.validation' }),
  );

  return (
    <PublicFrame titleId="login.title" subtitle={facilityName ?? undefined}>
      {notice && showNotice ? (
        <div role={noticeTone === 'error' ? 'alert' : 'status'} className={`alert ${noticeTone === 'error' ? 'alert--warning' : 'alert--info'}`}>
          {translate(notice)}
        </div>
      ) : null}
      <form onSubmit={submit} noValidate className="form form--narrow">
        <TextField label="user.username" registration={register('username')} error={errors.username} autoComplete="username" autoCapitalize="none" autoFocus wide />
        <TextField label="user.password" type="password" registration={register('password')} error={errors.password} autoComplete="current-password" wide />
        <FormAlert message={formError} />
        <div className="actions">
          <button type="submit" className="button button--primary button--block" disabled={isSubmitting}>
            <FormattedMessage id={isSubmitting ? 'login.submitting' : 'login.submit'} />
          </button>
        </div>
      </form>
    </PublicFrame>
  );
}
