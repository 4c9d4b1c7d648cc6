import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import { ApiError, type MessageRef } from '../../core/contract/errors';
import { facilityKinds, password } from '../../core/fields';
import { api } from '../api';
import { FormAlert, SelectField, TextField } from '../components/fields';
import { LanguageChoice } from '../components/LanguageChoice';
import { PublicFrame } from '../components/PublicFrame';
import { applyServerErrors, contractResolverOptions } from '../forms';
import { fallbackTimeZone } from '../i18n';
import { facilityKindLabel } from '../labels';
import { setupFormSchema } from '../schemas';
import { RestoreForm } from './Restore';

type Values = z.input<typeof setupFormSchema>;
const serverFields = ['facilityName', 'facilityKind', 'deviceName', 'timeZone', 'admin.username', 'admin.displayName', 'admin.password'];

export function Setup({ onDone, onAlreadyInitialized }: { onDone(recoveryKey: string, facilityName: string): void; onAlreadyInitialized(): void }) {
  const intl = useIntl();
  const [formError, setFormError] = useState<MessageRef | null>(null);
  // A laptop replacing one that died starts from its backup instead (docs/backup.md).
  const [restoring, setRestoring] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, z.output<typeof setupFormSchema>>({
    resolver: zodResolver(setupFormSchema, contractResolverOptions),
    defaultValues: {
      facilityName: '',
      facilityKind: 'detention_centre',
      deviceName: '',
      timeZone: fallbackTimeZone,
      admin: { username: '', displayName: '', password: '' },
      repeatPassword: '',
    },
  });

  const submit = handleSubmit(
    async ({ repeatPassword: _repeat, ...input }) => {
      setFormError(null);
      try {
        const { recoveryKey } = await api.setup.initialize(input);
        onDone(recoveryKey, input.facilityName);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'already_initialized') {
          onAlreadyInitialized();
          return;
        }
        setFormError(applyServerErrors(e, setError, serverFields));
      }
    },
    () => setFormError({ key: 'error.validation' }),
  );

  if (restoring) {
    return (
      <PublicFrame titleId="restore.frameTitle" wide subtitle={<FormattedMessage id="restore.intro" />}>
        <LanguageChoice />
        <RestoreForm onRestored={onAlreadyInitialized} />
        <div className="actions actions--start">
          <button type="button" className="button button--quiet" onClick={() => setRestoring(false)}>
            <FormattedMessage id="restore.back" />
          </button>
        </div>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame titleId="setup.title" wide subtitle={<FormattedMessage id="setup.intro" />}>
      <LanguageChoice />
      <div className="actions actions--start">
        <button type="button" className="button" onClick={() => setRestoring(true)}>
          <FormattedMessage id="restore.choose" />
        </button>
      </div>
      <form onSubmit={submit} noValidate className="form">
        <div className="form-columns">
          <fieldset className="form-section">
            <legend className="form-section__title">
              <FormattedMessage id="setup.section.facility" />
            </legend>
            <TextField label="setup.facilityName" registration={register('facilityName')} error={errors.facilityName} autoFocus autoComplete="organization" spellCheck />
            <SelectField label="setup.facilityKind" registration={register('facilityKind')} error={errors.facilityKind}>
              {facilityKinds.map((k) => (
                <option key={k} value={k}>
                  {intl.formatMessage({ id: facilityKindLabel[k] })}
                </option>
              ))}
            </SelectField>
            <TextField label="setup.deviceName" hint={<FormattedMessage id="setup.deviceNameHint" />} registration={register('deviceName')} error={errors.deviceName} autoComplete="off" />
            <TextField label="setup.timeZone" hint={<FormattedMessage id="setup.timeZoneHint" />} registration={register('timeZone')} error={errors.timeZone} autoComplete="off" />
          </fieldset>
          <fieldset className="form-section">
            <legend className="form-section__title">
              <FormattedMessage id="setup.section.admin" />
            </legend>
            <TextField
              label="user.username"
              hint={<FormattedMessage id="user.usernameHint" />}
              registration={register('admin.username')}
              error={errors.admin?.username}
              autoComplete="username"
              autoCapitalize="none"
            />
            <TextField label="user.displayName" registration={register('admin.displayName')} error={errors.admin?.displayName} autoComplete="name" spellCheck />
            <TextField
              label="user.password"
              type="password"
              hint={<FormattedMessage id="user.passwordHint" values={{ min: password.minLength ?? 10 }} />}
              registration={register('admin.password')}
              error={errors.admin?.password}
              autoComplete="new-password"
            />
            <TextField label="user.repeatPassword" type="password" registration={register('repeatPassword')} error={errors.repeatPassword} autoComplete="new-password" />
          </fieldset>
        </div>
        <FormAlert message={formError} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={isSubmitting} aria-disabled={isSubmitting || undefined}>
            <FormattedMessage id={isSubmitting ? 'setup.submitting' : 'setup.submit'} />
          </button>
        </div>
      </form>
    </PublicFrame>
  );
}
