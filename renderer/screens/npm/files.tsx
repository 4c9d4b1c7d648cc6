import { useId, useRef, useState, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { ApiError, type MessageRef } from '../../../core/contract/errors';
import type { MessageKey } from '../../../core/i18n';
import { describedBy, ErrorText, FormAlert } from '../../components/fields';
import { identityPreview, keyFingerprint, type IdentityPreview } from './fingerprint';
import { Fingerprint } from './bits';

/**
 * Files that cross between the office and a centre (identity, extract, recommendations, responses) go
 * on a USB stick or by e-mail: the browser saves what the backend produced, and reads what the user
 * picked as text for the backend to check. Nothing here looks inside a file.
 */
export function saveFile(file: { fileName: string; content: string }): void {
  const blob = new Blob([file.content], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once the click is handled; the object URL may go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A labelled file input that hands its text to the form; the file's name stays visible beside it. */
export function FilePicker({
  label,
  hint,
  error,
  onPick,
  accept = '.json,application/json',
}: {
  label: MessageKey;
  hint?: MessageKey;
  error?: string | undefined;
  onPick(file: { name: string; content: string } | null): void;
  accept?: string;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        <FormattedMessage id={label} />
      </label>
      <input
        id={id}
        ref={input}
        type="file"
        className="input input--file"
        accept={accept}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && `${id}-error`, hint && `${id}-hint`)}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          if (!f) {
            onPick(null);
            return;
          }
          setReading(true);
          void f
            .text()
            .then((content) => onPick({ name: f.name, content }))
            .catch(() => onPick({ name: f.name, content: '' }))
            .finally(() => setReading(false));
        }}
      />
      {reading ? (
        <p className="field__hint" role="status">
          <FormattedMessage id="vis.file.reading" />
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          <ErrorText error={{ message: error }} />
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          <FormattedMessage id={hint} />
        </p>
      ) : null}
    </div>
  );
}

/** A refusal's sentence (a tampered or unknown file names itself), else the generic one. */
export function refOfError(e: unknown): MessageRef {
  return e instanceof ApiError ? { key: e.messageKey, ...(e.params ? { params: e.params } : {}) } : { key: 'app.unexpectedError' };
}

/**
 * A refusal to show beside the control that caused it: each attempt clears the last one, and a form
 * that fails its own checks says so in the same place.
 */
export function useProblem() {
  const [problem, setProblem] = useState<MessageRef | null>(null);
  return {
    problem,
    attempt: async (work: () => Promise<unknown>) => {
      setProblem(null);
      try {
        await work();
      } catch (e) {
        setProblem(refOfError(e));
      }
    },
    invalid: () => setProblem({ key: 'error.validation' }),
  };
}

export type Problems = ReturnType<typeof useProblem>;

export type PickedFile = { name: string; content: string };

/**
 * What every pick-a-file form keeps: the file, whether it was asked for, the refusal, whether a call is
 * running, and a key that renews the picker (the same file picked again must fire a change).
 */
export function useFileForm() {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<MessageRef | null>(null);
  const [busy, setBusy] = useState(false);
  const [pickerKey, setPickerKey] = useState(0);
  return {
    file,
    problem,
    busy,
    /** the picker's key: renewed when the file is forgotten */
    pickerKey,
    /** the picker's error: a file is required once the form was sent without one */
    pickerError: missing && !file ? 'vis.file.required' : undefined,
    pick(f: PickedFile | null) {
      setMissing(false);
      setProblem(null);
      setFile(f);
    },
    /** forgets the file and renews the picker */
    clear() {
      setFile(null);
      setPickerKey((k) => k + 1);
    },
    /** the picked file, or null once the picker is marked as required */
    required(): PickedFile | null {
      setProblem(null);
      if (!file) setMissing(true);
      return file;
    },
    /** runs a call: the last refusal cleared, the buttons disabled meanwhile, a new refusal shown */
    run(work: () => Promise<void>) {
      setProblem(null);
      setBusy(true);
      work()
        .catch((e: unknown) => setProblem(refOfError(e)))
        .finally(() => setBusy(false));
    },
  };
}

/** Asks the backend for a file and saves it; a refusal goes to the caller's problem line. */
export function DownloadButton<F extends { fileName: string; content: string }>({
  label,
  problems,
  fetch,
  onStart,
  onSaved,
  disabled,
}: {
  label: MessageKey;
  problems: Problems;
  fetch(): Promise<F>;
  onStart?(): void;
  onSaved?(file: F): unknown;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className="button"
      disabled={disabled}
      onClick={() => {
        onStart?.();
        void problems.attempt(async () => {
          const file = await fetch();
          saveFile(file);
          await onSaved?.(file);
        });
      }}
    >
      <FormattedMessage id={label} />
    </button>
  );
}

/**
 * Pick a file, send it, and say what happened: the backend checks signature, signer and shape, and a
 * refused file changes nothing, so the form stays as it was with the reason above the button.
 */
export function ImportFileForm<R>({
  title,
  label,
  hint,
  submitLabel,
  send,
  onDone,
  extra,
  validateExtra,
  showIdentity = false,
}: {
  title: MessageKey;
  label: MessageKey;
  hint?: MessageKey;
  submitLabel: MessageKey;
  send(content: string): Promise<R>;
  onDone(result: R): void;
  /** further inputs the import needs (a passphrase) */
  extra?: ReactNode;
  /** checks the further inputs on submit (and marks them); false stops the import */
  validateExtra?(): boolean;
  /** an identity file: show whose it is and its key's fingerprint before it is trusted */
  showIdentity?: boolean;
}) {
  const titleId = useId();
  const form = useFileForm();
  const [identity, setIdentity] = useState<(IdentityPreview & { fingerprint: string | null }) | null>(null);
  return (
    <section className="card panel npm-import" aria-labelledby={titleId}>
      <h3 className="card__title" id={titleId}>
        <FormattedMessage id={title} />
      </h3>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const extraOk = validateExtra ? validateExtra() : true;
          const file = form.required();
          if (!file || !extraOk) return;
          form.run(async () => {
            const r = await send(file.content);
            form.clear();
            setIdentity(null);
            onDone(r);
          });
        }}
      >
        <div className="form-grid">
          <FilePicker
            key={form.pickerKey}
            label={label}
            hint={hint}
            error={form.pickerError}
            onPick={(f) => {
              form.pick(f);
              setIdentity(null);
              const preview = showIdentity && f ? identityPreview(f.content) : null;
              if (preview) void keyFingerprint(preview.publicKey).then((fingerprint) => setIdentity({ ...preview, fingerprint }));
            }}
          />
          {extra}
        </div>
        {identity ? (
          <div className="alert alert--info npm-identity" data-testid="identity-preview">
            <p>
              <FormattedMessage id="vis.file.identityOf" values={{ name: identity.name, device: identity.deviceName ?? '', hasDevice: identity.deviceName ? 'yes' : 'no' }} />
            </p>
            <p>
              <FormattedMessage id="vis.fingerprint" />: <Fingerprint value={identity.fingerprint} />
            </p>
            <p className="small">
              <FormattedMessage id="vis.file.checkFingerprint" />
            </p>
          </div>
        ) : null}
        <FormAlert message={form.problem} />
        <div className="actions actions--start">
          <button type="submit" className="button button--primary" disabled={form.busy}>
            <FormattedMessage id={form.busy ? 'form.saving' : submitLabel} />
          </button>
        </div>
      </form>
    </section>
  );
}
