import { useEffect, useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormProvider, useForm } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import { contract } from '../../core/contract';
import type { MessageRef } from '../../core/contract/errors';
import { api } from '../api';
import { FormProblems, FText } from '../components/form-fields';
import { Instant } from '../components/Instant';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { Fact } from '../components/Fact';
import { contractResolver, placeServerErrors } from '../contract-form';
import { pathPicker } from '../path-picker';

export const backupStatusKey = ['backupStatus'] as const;

type Values = { folder: string };
type Created = z.output<typeof contract.backup.create.output>;

/**
 * Backup of this laptop for the installation's administrator (issue #13 §4, docs/backup.md): one
 * encrypted file in a chosen folder, ideally on removable media kept apart from the laptop. The path is
 * typed in (the browser preview has no folder picker); the status polls while a backup runs.
 */
export function Backup() {
  const id = useId();
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<{ alert: MessageRef; extra: MessageRef[] } | null>(null);
  const [done, setDone] = useState<Created | null>(null);
  const status = useQuery({ queryKey: backupStatusKey, queryFn: () => api.backup.status(), refetchInterval: (q) => (q.state.data?.running ? 500 : 30_000) });
  const form = useForm<Values, unknown, z.output<typeof contract.backup.create.input>>({
    resolver: contractResolver(contract.backup.create.input, (v: Values) => ({ folder: v.folder.trim() })),
    defaultValues: { folder: '' },
  });
  const lastFolder = status.data?.lastFolder ?? null;
  const pick = pathPicker();
  useEffect(() => {
    if (lastFolder && !form.getValues('folder')) form.setValue('folder', lastFolder);
  }, [lastFolder, form]);

  const submit = form.handleSubmit(
    async (input) => {
      setProblem(null);
      setDone(null);
      const watching = setInterval(() => void queryClient.invalidateQueries({ queryKey: backupStatusKey }), 500);
      try {
        setDone(await api.backup.create(input));
      } catch (e) {
        const placed = placeServerErrors(e, form.setError, (p) => (p === 'folder' ? p : null));
        setProblem({ alert: placed.alert, extra: placed.unplaced });
      } finally {
        clearInterval(watching);
        await queryClient.invalidateQueries({ queryKey: backupStatusKey });
      }
    },
    () => setProblem({ alert: { key: 'error.validation' }, extra: [] }),
  );

  const s = status.data;
  const busy = form.formState.isSubmitting;
  const progress = s?.running ? s.progress : null;
  const writing = progress?.phase === 'writing';
  const percent = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : null;
  return (
    <>
      <PageTitle id="backup.title" />
      <p className="lead">
        <FormattedMessage id="backup.lead" />
      </p>
      {status.isError ? <QueryError error={status.error} onRetry={() => void status.refetch()} /> : null}
      {s ? (
        <section className="card" aria-labelledby={`${id}-status`}>
          <h2 id={`${id}-status`} className="card__title">
            <FormattedMessage id="backup.status.title" />
          </h2>
          {s.due ? (
            <p className="alert alert--warning">
              <FormattedMessage id={s.lastBackupAt ? 'backup.due' : 'backup.dueNever'} />
            </p>
          ) : null}
          <dl className="facts">
            <Fact label="backup.status.last">{s.lastBackupAt ? <Instant value={s.lastBackupAt} /> : <FormattedMessage id="backup.status.never" />}</Fact>
            {s.lastFile ? <Fact label="backup.status.file">{s.lastFile}</Fact> : null}
            {s.lastFolder ? <Fact label="backup.status.folder">{s.lastFolder}</Fact> : null}
            {s.nextReminderAt ? (
              <Fact label="backup.status.nextReminder">
                <Instant value={s.nextReminderAt} />
              </Fact>
            ) : null}
          </dl>
        </section>
      ) : null}
      <FormProvider {...form}>
        <form className="card form form--narrow" onSubmit={submit} noValidate aria-labelledby={`${id}-form`}>
          <h2 id={`${id}-form`} className="card__title">
            <FormattedMessage id="backup.create.title" />
          </h2>
          <FText name="folder" label="backup.folder" hint={<FormattedMessage id="backup.folder.hint" />} />
          {pick ? (
            <div className="actions actions--start">
              <button
                type="button"
                className="button"
                onClick={() =>
                  void pick('backupFolder').then((p) => {
                    if (p) form.setValue('folder', p, { shouldValidate: true });
                  })
                }
              >
                <FormattedMessage id="backup.folder.choose" />
              </button>
            </div>
          ) : null}
          <p className="muted">
            <FormattedMessage id="backup.create.what" />
          </p>
          {problem ? <FormProblems alert={problem.alert} extra={problem.extra} /> : null}
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              <FormattedMessage id={busy ? 'backup.create.running' : 'backup.create.submit'} />
            </button>
          </div>
          <div role="status" className="status-line">
            {busy ? (
              <>
                <p>
                  <FormattedMessage id={writing ? 'backup.progress.writing' : 'backup.progress.copying'} values={{ percent: percent ?? 0 }} />
                </p>
                <progress max={100} value={percent ?? undefined} aria-label={intl.formatMessage({ id: 'backup.progress.label' })} />
              </>
            ) : done ? (
              <p className="alert alert--success">
                <FormattedMessage id="backup.create.done" values={{ file: done.file, size: (done.bytes / 1024 / 1024).toFixed(1) }} />
              </p>
            ) : null}
          </div>
        </form>
      </FormProvider>
    </>
  );
}
