import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import { z } from 'zod';
import { contract } from '../../../core/contract';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { FormAlert, TextField } from '../../components/fields';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { contractResolverOptions } from '../../forms';
import { Fingerprint, LockMark, PanelCard } from './bits';
import { Fact } from '../../components/Fact';
import { StatusNotice } from './common';
import { DownloadButton, ImportFileForm, saveFile, useProblem } from './files';
import { RotateKey } from './KeyRotation';
import { Instant } from '../../components/Instant';
import './npm.css';

export const orgKey = ['npmOrg'] as const;

/**
 * The office's organisation keys: made once on the first installation, carried to other team laptops
 * (and the office's HQ console) as a passphrase-protected key file, and introduced to centres by the
 * public identity file whose fingerprint both sides read aloud to each other.
 */
export function Organisation({ mayManage, mayRead }: { mayManage: boolean; mayRead: boolean }) {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: orgKey, queryFn: () => api.npmOrg.status(), enabled: mayRead });
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [passphraseMissing, setPassphraseMissing] = useState(false);
  // What this screen itself just did, for an administrator who cannot read the status.
  const [holdsKeys, setHoldsKeys] = useState(false);
  const [rotatedHere, setRotatedHere] = useState(false);
  const refresh = (said: MessageKey) => {
    setNotice(said);
    setHoldsKeys(true);
    void queryClient.invalidateQueries({ queryKey: orgKey });
  };
  const s = status.data;
  // Without visit.read the status is not ours to see: an administrator is shown every action and the
  // backend says which one applies.
  const configured = s?.configured ?? (holdsKeys ? true : null);
  const canOpen = s?.canOpenSealed ?? (holdsKeys ? true : null);

  return (
    <div className="npm-page">
      <PageTitle id="vis.org.title" />
      <p className="lead">
        <FormattedMessage id="vis.org.lead" />
      </p>
      <StatusNotice notice={notice} />
      {status.isError ? <QueryError error={status.error} onRetry={() => void status.refetch()} /> : null}
      {mayRead && !s && !status.isError ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {s ? <OrgStatus status={s} /> : null}
      {!mayRead ? (
        <p className="alert alert--info">
          <FormattedMessage id="vis.org.noStatus" />
        </p>
      ) : null}

      <div className="npm-columns">
        {mayManage && configured !== true ? <CreateOrgForm onDone={() => refresh('vis.org.created')} /> : null}
        {mayRead && configured ? <IdentityCard /> : null}
        {mayManage && configured !== false && canOpen !== false ? <ExportKeyForm /> : null}
        {mayManage && configured !== false && canOpen !== false ? (
          <RotateKey
            title="vis.org.rotate.title"
            intro="vis.org.rotate.intro"
            button="vis.org.rotate.button"
            confirm="vis.org.rotate.confirm"
            confirmButton="vis.org.rotate.confirmButton"
            done="vis.org.rotate.done"
            rotate={() => api.npmOrg.rotateKey({})}
            onDone={() => {
              setRotatedHere(true);
              void queryClient.invalidateQueries({ queryKey: orgKey });
            }}
          />
        ) : null}
        {s?.lastRotationAt || rotatedHere ? <RotationFileCard /> : null}
        {mayManage && canOpen !== true ? (
          <ImportFileForm
            title="vis.org.import.title"
            label="vis.org.import.file"
            hint="vis.org.import.hint"
            submitLabel="vis.org.import.submit"
            send={(content) => api.npmOrg.importKey({ content, passphrase })}
            onDone={() => {
              setPassphrase('');
              refresh('vis.org.imported');
            }}
            validateExtra={() => {
              setPassphraseMissing(passphrase === '');
              return passphrase !== '';
            }}
            extra={<PassphraseInput value={passphrase} missing={passphraseMissing && passphrase === ''} onChange={setPassphrase} />}
          />
        ) : null}
      </div>
    </div>
  );
}

function PassphraseInput({ value, missing, onChange }: { value: string; missing: boolean; onChange(v: string): void }) {
  const id = useId();
  return (
    <div className={`field${missing ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        <FormattedMessage id="vis.org.passphrase" />
      </label>
      <input
        id={id}
        className="input"
        type="password"
        autoComplete="off"
        value={value}
        aria-invalid={missing ? true : undefined}
        aria-describedby={missing ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      {missing ? (
        <p id={`${id}-error`} className="field__error">
          <FormattedMessage id="error.field.required" />
        </p>
      ) : null}
    </div>
  );
}

type Status = Awaited<ReturnType<typeof api.npmOrg.status>>;

function OrgStatus({ status }: { status: Status }) {
  const titleId = useId();
  return (
    <section className="card npm-status" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="vis.org.statusTitle" />
      </h2>
      {status.configured ? (
        <dl className="facts">
          <Fact label="vis.org.name">{status.name}</Fact>
          <Fact label="vis.fingerprint">
            <Fingerprint value={status.fingerprint} />
          </Fact>
          {status.retiredKeys.length ? (
            <Fact label="vis.org.retired">
              <ul className="plain-list">
                {status.retiredKeys.map((k) => (
                  <li key={k.fingerprint}>
                    <Fingerprint value={k.fingerprint} /> <FormattedMessage id="vis.org.retiredAt" values={{ at: <Instant value={k.retiredAt} /> }} />
                  </li>
                ))}
              </ul>
            </Fact>
          ) : null}
          <Fact label="vis.org.sealed">
            {status.canOpenSealed ? (
              <span className="badge badge--ok">
                <FormattedMessage id="vis.org.canOpen" />
              </span>
            ) : (
              <span className="badge badge--muted">
                <LockMark /> <FormattedMessage id="vis.org.cannotOpen" />
              </span>
            )}
          </Fact>
        </dl>
      ) : (
        <p className="alert alert--warning">
          <FormattedMessage id="vis.org.notConfigured" />
        </p>
      )}
    </section>
  );
}

const createSchema = contract.npmOrg.create.input;

function CreateOrgForm({ onDone }: { onDone(): void }) {
  const problems = useProblem();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof createSchema>, unknown, z.output<typeof createSchema>>({
    resolver: zodResolver(createSchema, contractResolverOptions),
    defaultValues: { name: '' },
  });
  const submit = handleSubmit(
    (input) =>
      problems.attempt(async () => {
        await api.npmOrg.create(input);
        onDone();
      }),
    problems.invalid,
  );
  return (
    <PanelCard title="vis.org.create.title" intro="vis.org.create.intro">
      <form className="form" noValidate onSubmit={submit}>
        <TextField label="vis.org.name" registration={register('name')} error={errors.name} autoComplete="organization" />
        <FormAlert message={problems.problem} />
        <div className="actions actions--start">
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            <FormattedMessage id={isSubmitting ? 'form.saving' : 'vis.org.create.submit'} />
          </button>
        </div>
      </form>
    </PanelCard>
  );
}

const exportSchema = contract.npmOrg.exportKey.input.extend({ repeat: z.string() }).refine((v) => typeof v?.passphrase !== 'string' || v.passphrase === v.repeat, {
  path: ['repeat'],
  message: 'error.field.passwordMismatch',
  when: () => true,
});

function ExportKeyForm() {
  const problems = useProblem();
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof exportSchema>, unknown, z.output<typeof exportSchema>>({
    resolver: zodResolver(exportSchema, contractResolverOptions),
    defaultValues: { currentPassword: '', passphrase: '', repeat: '' },
  });
  const submit = handleSubmit(async ({ currentPassword, passphrase }) => {
    setSaved(false);
    await problems.attempt(async () => {
      saveFile(await api.npmOrg.exportKey({ currentPassword, passphrase }));
      reset();
      setSaved(true);
    });
  }, problems.invalid);
  return (
    <PanelCard title="vis.org.export.title" intro="vis.org.export.intro">
      <form className="form" noValidate onSubmit={submit}>
        <TextField
          label="vis.org.export.currentPassword"
          type="password"
          autoComplete="current-password"
          hint={<FormattedMessage id="vis.org.export.currentPasswordHint" />}
          registration={register('currentPassword')}
          error={errors.currentPassword}
        />
        <div className="form-grid">
          <TextField label="vis.org.passphrase" type="password" autoComplete="new-password" registration={register('passphrase')} error={errors.passphrase} />
          <TextField label="vis.org.passphraseRepeat" type="password" autoComplete="new-password" registration={register('repeat')} error={errors.repeat} />
        </div>
        <FormAlert message={problems.problem} />
        {saved ? (
          <p className="alert alert--success" role="status">
            <FormattedMessage id="vis.org.export.saved" />
          </p>
        ) : null}
        <div className="actions actions--start">
          <button type="submit" className="button" disabled={isSubmitting}>
            <FormattedMessage id="vis.org.export.submit" />
          </button>
        </div>
      </form>
    </PanelCard>
  );
}

function IdentityCard() {
  const problems = useProblem();
  return (
    <PanelCard title="vis.org.identity.title" intro="vis.org.identity.intro">
      <FormAlert message={problems.problem} />
      <div className="actions actions--start">
        <DownloadButton label="vis.org.identity.download" problems={problems} fetch={() => api.npmOrg.identity()} />
      </div>
    </PanelCard>
  );
}

/** The last key change file again, for a centre that has not received it. */
function RotationFileCard() {
  const problems = useProblem();
  return (
    <PanelCard title="vis.org.rotate.again">
      <FormAlert message={problems.problem} />
      <div className="actions actions--start">
        <DownloadButton label="vis.org.rotate.again" problems={problems} fetch={() => api.npmOrg.rotationFile()} />
      </div>
    </PanelCard>
  );
}
