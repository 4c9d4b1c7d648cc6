import { useId, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageRef } from '../../../core/contract/errors';
import type { MessageKey } from '../../../core/i18n';
import { FormAlert } from '../../components/fields';
import { Fact } from '../../components/Fact';
import { Instant } from '../../components/Instant';
import { Fingerprint } from './bits';
import { FilePicker, refOfError, saveFile, useFileForm } from './files';

/**
 * Key rotation on both sides (docs/npm.md#key-rotation): the side that changes its key makes it after a
 * confirmation and saves the key change file; the side that receives the file first sees who it is
 * from and the old and new fingerprints (the backend has checked it against the key trusted now and
 * changed nothing), and only then accepts.
 */

export interface RotationView {
  oldFingerprint: string;
  newFingerprint: string;
  rotatedAt: string;
  alreadyAccepted: boolean;
}

export function KeyChangeImport<V extends RotationView>({
  title,
  hint,
  senderOf,
  read,
  accept,
  onAccepted,
}: {
  title: MessageKey;
  hint: MessageKey;
  /** who the key change is from, as the receiver knows them */
  senderOf(view: NoInfer<V>): string;
  read(content: string): Promise<V>;
  accept(content: string): Promise<V>;
  onAccepted(view: NoInfer<V>): void;
}) {
  const titleId = useId();
  const form = useFileForm();
  const [view, setView] = useState<V | null>(null);
  const reset = () => {
    form.clear();
    setView(null);
  };
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
          const file = form.required();
          if (file) form.run(async () => setView(await read(file.content)));
        }}
      >
        <FilePicker
          key={form.pickerKey}
          label="rot.file"
          hint={hint}
          error={form.pickerError}
          onPick={(f) => {
            form.pick(f);
            setView(null);
          }}
        />
        {view ? (
          <div className="alert alert--info npm-identity" data-testid="key-change-preview">
            <p>
              <strong>
                <FormattedMessage id="rot.from" values={{ name: senderOf(view) }} />
              </strong>
            </p>
            <dl className="facts">
              <Fact label="rot.old">
                <Fingerprint value={view.oldFingerprint} />
              </Fact>
              <Fact label="rot.new">
                <Fingerprint value={view.newFingerprint} />
              </Fact>
              <Fact label="rot.at">
                <Instant value={view.rotatedAt} />
              </Fact>
            </dl>
            <p className="small">
              <FormattedMessage id={view.alreadyAccepted ? 'rot.already' : 'rot.compare'} />
            </p>
          </div>
        ) : null}
        <FormAlert message={form.problem} />
        <div className="actions actions--start">
          {view && !view.alreadyAccepted ? (
            <>
              <button
                type="button"
                className="button button--primary"
                disabled={form.busy}
                onClick={() =>
                  form.run(async () => {
                    const done = await accept(form.file!.content);
                    reset();
                    onAccepted(done);
                  })
                }
              >
                <FormattedMessage id={form.busy ? 'form.saving' : 'rot.accept'} />
              </button>
              <button type="button" className="button" disabled={form.busy} onClick={reset}>
                <FormattedMessage id="rot.cancel" />
              </button>
            </>
          ) : (
            <button type="submit" className="button" disabled={form.busy}>
              <FormattedMessage id="rot.check" />
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** A key change made only after a second, explicit confirmation; the key change file is saved at once. */
export function RotateKey({
  title,
  intro,
  button,
  confirm,
  confirmButton,
  done,
  rotate,
  onDone,
}: {
  title: MessageKey;
  intro: MessageKey;
  button: MessageKey;
  confirm: MessageKey;
  confirmButton: MessageKey;
  done: MessageKey;
  rotate(): Promise<{ fileName: string; content: string; oldFingerprint: string; newFingerprint: string }>;
  onDone?(): void;
}) {
  const titleId = useId();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageRef | null>(null);
  const [made, setMade] = useState<{ old: string; new: string } | null>(null);
  return (
    <section className="card panel" aria-labelledby={titleId}>
      <h3 className="card__title" id={titleId}>
        <FormattedMessage id={title} />
      </h3>
      <p className="muted">
        <FormattedMessage id={intro} />
      </p>
      {made ? (
        <p className="alert alert--success" role="status">
          <FormattedMessage id={done} values={{ old: made.old, new: made.new }} />
        </p>
      ) : null}
      <FormAlert message={problem} />
      {asking ? (
        <div className="alert alert--warning" role="alertdialog" aria-labelledby={`${titleId}-confirm`}>
          <p id={`${titleId}-confirm`}>
            <FormattedMessage id={confirm} />
          </p>
          <div className="actions actions--start">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() => {
                setProblem(null);
                setBusy(true);
                rotate()
                  .then((r) => {
                    saveFile(r);
                    setMade({ old: r.oldFingerprint, new: r.newFingerprint });
                    setAsking(false);
                    onDone?.();
                  })
                  .catch((e: unknown) => setProblem(refOfError(e)))
                  .finally(() => setBusy(false));
              }}
            >
              <FormattedMessage id={busy ? 'form.saving' : confirmButton} />
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setAsking(false)}>
              <FormattedMessage id="rot.cancel" />
            </button>
          </div>
        </div>
      ) : (
        <div className="actions actions--start">
          <button
            type="button"
            className="button"
            onClick={() => {
              setMade(null);
              setAsking(true);
            }}
          >
            <FormattedMessage id={button} />
          </button>
        </div>
      )}
    </section>
  );
}
