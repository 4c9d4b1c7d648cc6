import { useEffect, useId, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { FormProvider, useForm } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import { contract } from '../../core/contract';
import { ApiError, type MessageRef } from '../../core/contract/errors';
import type { syncAttempt, syncStatus } from '../../core/contract/sync';
import type { MessageKey } from '../../core/i18n';
import { can, type Role } from '../../core/permissions';
import { api } from '../api';
import { FormAlert } from '../components/fields';
import { FormProblems, FText } from '../components/form-fields';
import { Instant } from '../components/Instant';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { contractResolver, placeServerErrors } from '../contract-form';
import { useTranslateRef } from '../i18n';
import '../styles/sync.css';
import { ColumnHeads } from '../components/ColumnHeads';
import { Fact } from '../components/Fact';
import { clockSkewNotice } from '../clock-skew';
import { RevokedNotice } from '../components/RevokedNotice';

type SyncStatus = z.infer<typeof syncStatus>;
type Attempt = z.infer<typeof syncAttempt>;

export const syncStatusKey = ['syncStatus'] as const;
const historyKey = ['syncHistory'] as const;

/** A clock more than this far from HQ's is pointed out (records keep their order regardless). */

const unreachable = 'error.sync.unreachable';
const isOffline = (e: unknown) => e instanceof ApiError && e.messageKey === unreachable;
const refOf = (e: unknown): MessageRef => (e instanceof ApiError ? { key: e.messageKey, ...(e.params ? { params: e.params } : {}) } : { key: 'app.unexpectedError' });

/**
 * The device's link to headquarters: enrollment, what is waiting, the automatic schedule, "Sync now"
 * with its progress, the recent attempts with their reasons, the day-end check and removable media.
 * Offline is the normal state of a field office: it is said calmly, never as an error wall.
 */
export function Sync({ roles, deviceName }: { roles: readonly Role[]; deviceName?: string }) {
  const queryClient = useQueryClient();
  // Every 2 s while this screen is open: a running sync's progress moves, a retry's outcome appears.
  const status = useQuery({ queryKey: syncStatusKey, queryFn: () => api.sync.status(), refetchInterval: 2_000 });
  const history = useQuery({ queryKey: historyKey, queryFn: () => api.sync.history(), enabled: status.data?.enrolled === true });
  const lastAttemptAt = status.data?.lastAttemptAt;
  const running = status.data?.running;
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: historyKey });
  }, [queryClient, lastAttemptAt, running]);

  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: syncStatusKey }), queryClient.invalidateQueries({ queryKey: historyKey })]);
  const run = useMutation({ mutationFn: () => api.sync.run(), onSettled: refresh });

  return (
    <>
      <PageTitle id="sync.title" />
      <p className="lead">
        <FormattedMessage id="sync.lead" />
      </p>
      {status.isError ? <QueryError error={status.error} onRetry={() => void status.refetch()} /> : null}
      {status.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {status.data && !status.data.enrolled ? (
        can(roles, 'settings.manage') ? (
          <EnrollForm onEnrolled={refresh} />
        ) : (
          <p className="alert alert--info">
            <FormattedMessage id="sync.enroll.askAdmin" />
          </p>
        )
      ) : null}
      {status.data?.enrolled ? (
        <div className="sync">
          <StatusCard status={status.data} run={run} deviceName={deviceName} />
          <Attempts attempts={history.data?.attempts ?? null} busy={status.data.running || run.isPending} onRetry={() => run.mutate()} />
          <div className="sync__tools">
            <DayEnd />
            <RemovableMedia onImported={refresh} />
          </div>
        </div>
      ) : null}
    </>
  );
}

type RunMutation = UseMutationResult<Awaited<ReturnType<typeof api.sync.run>>, Error, void>;

function StatusCard({ status, run, deviceName }: { status: SyncStatus; run: RunMutation; deviceName?: string }) {
  const id = useId();
  const translate = useTranslateRef();
  const busy = status.running || run.isPending;
  const skew = clockSkewNotice(status);
  // A refusal of the sync itself is already shown from the status, with its reason; others are shown here.
  const runProblem = run.isError && !(run.error instanceof ApiError && run.error.messageKey.startsWith('error.sync.')) ? refOf(run.error) : null;
  return (
    <section className="card sync__status" aria-labelledby={`${id}-title`}>
      <div className="sync__head">
        <h2 id={`${id}-title`} className="card__title">
          <FormattedMessage id="sync.status.title" />
        </h2>
        <button type="button" className="button button--primary" onClick={() => run.mutate()} disabled={busy} aria-describedby={`${id}-progress`}>
          <FormattedMessage id={busy ? 'sync.running' : 'sync.now'} />
        </button>
      </div>

      <div id={`${id}-progress`} role="status" className="sync__live">
        {status.running && status.progress ? (
          <div className="sync__progress">
            <progress max={Math.max(1, status.progress.toPush)} value={Math.min(status.progress.pushed, Math.max(1, status.progress.toPush))} aria-label={translate({ key: 'sync.progress.label' })} />
            <span>
              <FormattedMessage id="sync.progress" values={status.progress} />
            </span>
          </div>
        ) : null}
        {!busy && run.isSuccess && status.lastOutcome === 'ok' ? (
          <p className="alert alert--success">
            <FormattedMessage id="sync.done" values={{ pushed: run.data.pushed, pulled: run.data.pulled }} />
          </p>
        ) : null}
        {!busy && status.lastOutcome === 'offline' ? (
          <div className="alert alert--info sync__offline">
            <p className="alert__title">
              <FormattedMessage id="sync.offline" />
            </p>
            <p>
              <FormattedMessage id="sync.offline.detail" values={{ count: status.pending }} />
            </p>
          </div>
        ) : null}
        {!busy && status.revoked ? <RevokedNotice revoked={status.revoked} /> : null}
        {!busy && status.lastOutcome === 'failed' && status.lastError && !status.revoked ? (
          <div className="alert alert--warning">
            <p className="alert__title">
              <FormattedMessage id="sync.problem" />
            </p>
            <p>{translate({ key: status.lastError })}</p>
            {status.lastError === 'error.sync.superseded_copy' && deviceName ? (
              <p>
                <FormattedMessage id="sync.superseded.which" values={{ device: deviceName }} />
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      {runProblem ? <FormAlert message={runProblem} /> : null}
      {skew ? (
        <p className="alert alert--warning">
          <FormattedMessage id="sync.skew" values={skew} />
        </p>
      ) : null}

      <dl className="facts sync__facts">
        <Fact label="sync.status.facility">{status.facilityName}</Fact>
        <Fact label="sync.status.hq">
          <span className="mono">{status.hqUrl}</span>
        </Fact>
        <Fact label="sync.status.lastSuccess">{status.lastSuccessAt ? <Instant value={status.lastSuccessAt} /> : <FormattedMessage id="sync.status.never" />}</Fact>
        <Fact label="sync.status.lastAttempt">{status.lastAttemptAt ? <Instant value={status.lastAttemptAt} /> : <FormattedMessage id="sync.status.never" />}</Fact>
        <Fact label="sync.status.pending">
          <FormattedMessage id="sync.status.pendingValue" values={{ count: status.pending }} />
        </Fact>
        <Fact label="sync.status.quarantined">
          <FormattedMessage id="sync.status.quarantinedValue" values={{ count: status.quarantined }} />
        </Fact>
        <Fact label="sync.status.next">
          {!status.autoSync ? (
            <FormattedMessage id="sync.status.autoOff" />
          ) : status.running ? (
            <FormattedMessage id="sync.status.running" />
          ) : status.nextAutoSyncAt ? (
            <Instant value={status.nextAutoSyncAt} />
          ) : (
            <FormattedMessage id="sync.status.notPlanned" />
          )}
        </Fact>
      </dl>
    </section>
  );
}

const outcomeLabel: Record<Attempt['outcome'], MessageKey> = { ok: 'sync.outcome.ok', offline: 'sync.outcome.offline', failed: 'sync.outcome.failed' };
const outcomeBadge: Record<Attempt['outcome'], string> = { ok: 'badge--ok', offline: 'badge--muted', failed: 'badge--failed' };
const triggerLabel: Record<Attempt['trigger'], MessageKey> = { manual: 'sync.trigger.manual', auto: 'sync.trigger.auto' };

function Attempts({ attempts, busy, onRetry }: { attempts: Attempt[] | null; busy: boolean; onRetry(): void }) {
  const id = useId();
  const translate = useTranslateRef();
  if (!attempts) return null;
  return (
    <section className="sync__attempts" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="sync__section-title">
        <FormattedMessage id="sync.history.title" />
      </h2>
      {attempts.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="sync.history.empty" />
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table--dense">
            <caption>
              <FormattedMessage id="sync.history.caption" values={{ count: attempts.length }} />
            </caption>
            <ColumnHeads
              columns={[
                { label: 'sync.history.at' },
                { label: 'sync.history.trigger' },
                { label: 'sync.history.outcome' },
                { label: 'sync.history.counts', className: 'num' },
                { label: 'sync.history.reason' },
                { label: 'sync.history.action', hidden: true },
              ]}
            />
            <tbody>
              {attempts.map((a, i) => (
                <tr key={`${a.at}-${i}`}>
                  <td className="nowrap">
                    <Instant value={a.at} seconds />
                  </td>
                  <td className="nowrap">
                    <FormattedMessage id={triggerLabel[a.trigger]} />
                  </td>
                  <td>
                    <span className={`badge ${outcomeBadge[a.outcome]}`}>
                      <FormattedMessage id={outcomeLabel[a.outcome]} />
                    </span>
                  </td>
                  <td className="num nowrap">
                    <FormattedMessage id="sync.history.countsValue" values={{ pushed: a.pushed, pulled: a.pulled }} />
                  </td>
                  <td>{a.reason ? translate({ key: a.reason }) : null}</td>
                  <td>
                    {a.outcome !== 'ok' ? (
                      <button type="button" className="button button--small" onClick={onRetry} disabled={busy}>
                        <FormattedMessage id="sync.retry" />
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type EnrollValues = { hqUrl: string; code: string };

function EnrollForm({ onEnrolled }: { onEnrolled(): Promise<unknown> }) {
  const id = useId();
  const [problem, setProblem] = useState<{ alert: MessageRef; extra: MessageRef[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<EnrollValues, unknown, z.output<typeof contract.sync.enroll.input>>({
    resolver: contractResolver(contract.sync.enroll.input, (v: EnrollValues) => ({ hqUrl: v.hqUrl.trim(), code: v.code.trim() })),
    defaultValues: { hqUrl: '', code: '' },
  });
  const submit = form.handleSubmit(
    async (input) => {
      setProblem(null);
      try {
        const status = await api.sync.enroll(input);
        setDone(status.facilityName ?? '');
        await onEnrolled();
      } catch (e) {
        // A refused code belongs beside the code box; HQ not answering concerns the address.
        const field = e instanceof ApiError ? ({ 'error.sync.bad_code': 'code', [unreachable]: 'hqUrl' } as Record<string, 'code' | 'hqUrl'>)[e.messageKey] : undefined;
        if (field && e instanceof ApiError) {
          form.setError(field, { type: 'server', message: e.messageKey }, { shouldFocus: true });
          return;
        }
        const placed = placeServerErrors(e, form.setError, (p) => (p === 'hqUrl' || p === 'code' ? p : null));
        setProblem({ alert: placed.alert, extra: placed.unplaced });
      }
    },
    () => setProblem({ alert: { key: 'error.validation' }, extra: [] }),
  );
  return (
    <FormProvider {...form}>
      <form className="card form form--narrow sync__enroll" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="card__title">
          <FormattedMessage id="sync.enroll.title" />
        </h2>
        <p className="muted">
          <FormattedMessage id="sync.enroll.lead" />
        </p>
        <div role="status" className="status-line">
          {done !== null ? (
            <p className="alert alert--success">
              <FormattedMessage id="sync.enroll.done" values={{ facility: done }} />
            </p>
          ) : null}
        </div>
        <FText name="hqUrl" label="sync.enroll.hqUrl" hint={<FormattedMessage id="sync.enroll.hqUrl.hint" />} inputMode="text" />
        <FText name="code" label="sync.enroll.code" />
        {problem ? <FormProblems alert={problem.alert} extra={problem.extra} /> : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            <FormattedMessage id={form.formState.isSubmitting ? 'sync.enroll.submitting' : 'sync.enroll.submit'} />
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

function DayEnd() {
  const id = useId();
  const check = useMutation({ mutationFn: () => api.sync.dayEnd() });
  const translate = useTranslateRef();
  const r = check.data;
  return (
    <section className="card sync__tool" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        <FormattedMessage id="sync.dayEnd.title" />
      </h2>
      <p className="muted">
        <FormattedMessage id="sync.dayEnd.lead" />
      </p>
      <div className="actions actions--start">
        <button type="button" className="button" onClick={() => check.mutate()} disabled={check.isPending}>
          <FormattedMessage id={check.isPending ? 'sync.dayEnd.checking' : 'sync.dayEnd.check'} />
        </button>
      </div>
      <div role="status" className="status-line">
        {r && !check.isPending ? (
          r.complete ? (
            <p className="alert alert--success">
              <FormattedMessage id="sync.dayEnd.complete" values={{ deviceSeq: r.deviceSeq, today: r.recordedThatDay }} />
            </p>
          ) : r.missing ? (
            <p className="alert alert--warning">
              <FormattedMessage id="sync.dayEnd.incomplete" values={{ from: r.missing.from, to: r.missing.to }} />
            </p>
          ) : (
            <p className="alert alert--warning">
              <FormattedMessage id="sync.dayEnd.incompleteNoRange" values={{ hqSeq: r.hqSeq, deviceSeq: r.deviceSeq }} />
            </p>
          )
        ) : null}
        {r && !check.isPending ? <RestoreLosses restores={r.restores} /> : null}
        {check.isError && isOffline(check.error) ? <p className="alert alert--info">{translate({ key: 'sync.offline' })}</p> : null}
      </div>
      {check.isError && !isOffline(check.error) ? <FormAlert message={refOf(check.error)} /> : null}
    </section>
  );
}

interface SavedFile {
  fileName: string;
  url: string;
  events: number;
}

function RemovableMedia({ onImported }: { onImported(): Promise<unknown> }) {
  const id = useId();
  const [files, setFiles] = useState<SavedFile[] | null>(null);
  const exported = useMutation({
    mutationFn: () => api.sync.exportBundles(),
    onSuccess: (res) => setFiles(res.files.map((f) => ({ fileName: f.fileName, events: f.events, url: URL.createObjectURL(new Blob([f.content], { type: 'application/octet-stream' })) }))),
  });
  // Object URLs hold the bundle in memory until revoked: each new export, and leaving, lets them go.
  useEffect(() => () => files?.forEach((f) => URL.revokeObjectURL(f.url)), [files]);

  return (
    <section className="card sync__tool" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        <FormattedMessage id="sync.media.title" />
      </h2>
      <p className="muted">
        <FormattedMessage id="sync.media.lead" />
      </p>
      <div className="actions actions--start">
        <button type="button" className="button" onClick={() => exported.mutate()} disabled={exported.isPending}>
          <FormattedMessage id={exported.isPending ? 'sync.media.exporting' : 'sync.media.export'} />
        </button>
      </div>
      <div role="status" className="status-line">
        {files && !exported.isPending ? (
          <p>
            <FormattedMessage id="sync.media.exported" values={{ files: files.length }} />
          </p>
        ) : null}
      </div>
      {files && files.length > 0 ? (
        <ul className="sync__files">
          {files.map((f) => (
            <li key={f.url}>
              <a href={f.url} download={f.fileName} className="button button--small">
                <FormattedMessage id="sync.media.download" values={{ name: f.fileName }} />
              </a>
              <span className="muted">
                <FormattedMessage id="sync.media.fileEvents" values={{ count: f.events }} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {exported.isError ? <FormAlert message={refOf(exported.error)} /> : null}
      <ImportBundle onImported={onImported} />
    </section>
  );
}

function ImportBundle({ onImported }: { onImported(): Promise<unknown> }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const intl = useIntl();
  const [picked, setPicked] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const imported = useMutation({
    mutationFn: async (file: File) => api.sync.importBundle({ content: await file.text() }),
    onSuccess: () => {
      setPicked(null);
      if (input.current) input.current.value = '';
      void onImported();
    },
  });
  return (
    <form
      className="sync__import"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!picked) {
          setMissing(true);
          input.current?.focus();
          return;
        }
        imported.mutate(picked);
      }}
    >
      <h3 id={`${id}-title`} className="sync__subtitle">
        <FormattedMessage id="sync.media.importTitle" />
      </h3>
      <div className={`field${missing ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-file`} className="field__label">
          <FormattedMessage id="sync.media.file" />
        </label>
        <input
          id={`${id}-file`}
          ref={input}
          type="file"
          className="input"
          accept=".qeyd-bundle,application/json,application/octet-stream"
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${id}-error` : undefined}
          onChange={(e) => {
            setMissing(false);
            setPicked(e.target.files?.[0] ?? null);
          }}
        />
        {missing ? (
          <p id={`${id}-error`} className="field__error">
            {intl.formatMessage({ id: 'sync.media.chooseFirst' })}
          </p>
        ) : null}
      </div>
      <div className="actions actions--start">
        <button type="submit" className="button" disabled={imported.isPending}>
          <FormattedMessage id={imported.isPending ? 'sync.media.importing' : 'sync.media.import'} />
        </button>
      </div>
      <div role="status" className="status-line">
        {imported.isSuccess ? (
          <p className="alert alert--success">
            <FormattedMessage id="sync.media.imported" values={imported.data} />
          </p>
        ) : null}
      </div>
      {imported.isError ? <FormAlert message={refOf(imported.error)} /> : null}
    </form>
  );
}

/** What HQ recorded as lost when this device was restored from a backup (docs/backup.md). */
function RestoreLosses({ restores }: { restores: z.infer<typeof contract.sync.dayEnd.output>['restores'] }) {
  const lost = restores.filter((r) => r.count > 0 && r.from !== null && r.to !== null);
  if (lost.length === 0) return null;
  return (
    <>
      {lost.map((r) => (
        <p key={r.restoredAt} className="alert alert--warning">
          <FormattedMessage id="sync.dayEnd.lost" values={{ count: r.count, from: r.from, to: r.to, date: <Instant value={r.restoredAt} /> }} />
        </p>
      ))}
    </>
  );
}
