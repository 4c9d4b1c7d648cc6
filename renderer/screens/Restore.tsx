import { useId, useState } from 'react';
import { FormProvider, useForm, type Resolver } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import type { z } from 'zod';
import { contract } from '../../core/contract';
import type { MessageRef } from '../../core/contract/errors';
import { api } from '../api';
import { FormProblems, FRadios, FText } from '../components/form-fields';
import { TextField } from '../components/fields';
import { Instant } from '../components/Instant';
import { Fact } from '../components/Fact';
import { contractResolver, placeServerErrors } from '../contract-form';
import { pathPicker } from '../path-picker';

type Values = { path: string; mode: 'password' | 'recoveryKey'; username: string; password: string; recoveryKey: string };
type Summary = z.output<typeof contract.restore.inspect.output>;
type Input = z.output<typeof contract.restore.apply.input>;

const [byPassword, byRecoveryKey] = contract.restore.apply.input.options;

/** Each way of opening the backup checked by its own branch of the contract's input, so errors land on its fields. */
const resolver: Resolver<Values, unknown, Input> = (values, context, options) =>
  values.mode === 'password'
    ? contractResolver(byPassword, (v: Values) => ({ path: v.path.trim(), username: v.username.trim(), password: v.password }))(values, context, options)
    : contractResolver(byRecoveryKey, (v: Values) => ({ path: v.path.trim(), recoveryKey: v.recoveryKey.trim() }))(values, context, options);

/**
 * "Restore from backup" at first start (issue #13 §4, docs/backup.md): the backup file's path, then a
 * user's password or the recovery key. The file is checked first and what it holds is shown (device,
 * when it was taken) before anything is restored.
 */
export function RestoreForm({ onRestored }: { onRestored(): void }) {
  const id = useId();
  const [problem, setProblem] = useState<{ alert: MessageRef; extra: MessageRef[] } | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [restored, setRestored] = useState<{ mustSyncFirst: boolean } | null>(null);
  const form = useForm<Values, unknown, Input>({ resolver, defaultValues: { path: '', mode: 'password', username: '', password: '', recoveryKey: '' } });
  const mode = form.watch('mode');
  const pick = pathPicker();
  const toFormPath = (p: string) => (p === 'path' || p === 'username' || p === 'password' || p === 'recoveryKey' ? p : null);

  const check = async () => {
    setProblem(null);
    setSummary(null);
    const path = form.getValues('path').trim();
    if (!path) {
      form.setError('path', { type: 'custom', message: 'error.field.required' }, { shouldFocus: true });
      return;
    }
    try {
      setSummary(await api.restore.inspect({ path }));
    } catch (e) {
      const placed = placeServerErrors(e, form.setError, toFormPath);
      setProblem({ alert: placed.alert, extra: placed.unplaced });
    }
  };

  const submit = form.handleSubmit(
    async (input) => {
      setProblem(null);
      try {
        const done = await api.restore.apply(input);
        setRestored({ mustSyncFirst: done.mustSyncFirst });
      } catch (e) {
        const placed = placeServerErrors(e, form.setError, toFormPath);
        setProblem({ alert: placed.alert, extra: placed.unplaced });
      }
    },
    () => setProblem({ alert: { key: 'error.validation' }, extra: [] }),
  );

  if (restored) {
    return (
      <section className="form" aria-labelledby={`${id}-done`}>
        <h2 id={`${id}-done`} className="form-section__title">
          <FormattedMessage id="restore.done.title" />
        </h2>
        <p className="alert alert--success" role="status">
          <FormattedMessage id="restore.done" />
        </p>
        {restored.mustSyncFirst ? (
          <p className="alert alert--warning">
            <FormattedMessage id="restore.done.syncFirst" />
          </p>
        ) : null}
        <div className="actions">
          <button type="button" className="button button--primary" onClick={onRestored}>
            <FormattedMessage id="restore.done.continue" />
          </button>
        </div>
      </section>
    );
  }

  return (
    <FormProvider {...form}>
      <form className="form form--narrow" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="form-section__title">
          <FormattedMessage id="restore.title" />
        </h2>
        <p className="muted">
          <FormattedMessage id="restore.lead" />
        </p>
        <FText name="path" label="restore.path" hint={<FormattedMessage id="restore.path.hint" />} />
        <div className="actions actions--start">
          {pick ? (
            <button
              type="button"
              className="button"
              onClick={() =>
                void pick('backupFile').then((p) => {
                  if (p) form.setValue('path', p);
                })
              }
            >
              <FormattedMessage id="restore.path.choose" />
            </button>
          ) : null}
          <button type="button" className="button" onClick={() => void check()}>
            <FormattedMessage id="restore.check" />
          </button>
        </div>
        <div role="status" className="status-line">
          {summary ? (
            <dl className="facts">
              <Fact label="restore.summary.device">{summary.deviceName}</Fact>
              <Fact label="restore.summary.createdAt">
                <Instant value={summary.createdAt} />
              </Fact>
              <Fact label="restore.summary.records">{summary.headSeq}</Fact>
            </dl>
          ) : null}
        </div>
        <FRadios
          name="mode"
          legend="restore.openWith"
          options={[
            { value: 'password', label: 'restore.openWith.password' },
            { value: 'recoveryKey', label: 'restore.openWith.recoveryKey' },
          ]}
        />
        {mode === 'password' ? (
          <>
            <FText name="username" label="user.username" autoComplete="username" />
            <TextField label="user.password" type="password" registration={form.register('password')} error={form.formState.errors.password} autoComplete="current-password" />
          </>
        ) : (
          <FText name="recoveryKey" label="restore.recoveryKey" autoComplete="off" />
        )}
        {problem ? <FormProblems alert={problem.alert} extra={problem.extra} /> : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            <FormattedMessage id={form.formState.isSubmitting ? 'restore.submitting' : 'restore.submit'} />
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
