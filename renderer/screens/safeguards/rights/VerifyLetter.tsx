import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import { contract } from '../../../../core/contract';
import type { MessageRef } from '../../../../core/contract/errors';
import { api } from '../../../api';
import { FormAlert, TextField } from '../../../components/fields';
import { Instant } from '../../../components/Instant';
import { PageTitle } from '../../../components/PageTitle';
import { contractResolver, placeServerErrors } from '../../../contract-form';
import { useLocale } from '../../../i18n';
import '../../../styles/safeguards.css';
import { languageNamer, useLetterTemplates } from './letters';

type Result = Awaited<ReturnType<typeof api.safeguards.verifyLetter>>;

/**
 * Checks a printed letter of rights by its short code (or the QR code's text): who it was given to,
 * when, in which language and wording, and whether that wording is still the one the app holds.
 */
export function VerifyLetter() {
  const { locale } = useLocale();
  const templates = useLetterTemplates();
  const [result, setResult] = useState<Result | null>(null);
  const [alert, setAlert] = useState<MessageRef | null>(null);
  const form = useForm<{ code: string }, unknown, { code: string }>({
    // The QR code carries "qeyd:rights:CODE:…": a scanner typing it in gives the code too.
    resolver: contractResolver(contract.safeguards.verifyLetter.input, (v: { code: string }) => ({ code: codeFrom(v.code) })),
    defaultValues: { code: '' },
  });
  const languageName = languageNamer(templates.data?.templates ?? [], locale);
  const submit = form.handleSubmit(async (input) => {
    setAlert(null);
    try {
      setResult(await api.safeguards.verifyLetter(input));
    } catch (e) {
      setResult(null);
      setAlert(placeServerErrors(e, form.setError, (p) => (p === 'code' ? 'code' : null)).alert);
    }
  });
  const n = result?.notification;
  return (
    <div className="sg-verify">
      <PageTitle id="sg.verify.title" />
      <p className="lead">
        <FormattedMessage id="sg.verify.lead" />
      </p>
      <form className="form card" onSubmit={submit} noValidate>
        <div className="sg-verify__row">
          <TextField label="sg.verify.code" registration={form.register('code')} error={form.formState.errors.code} className="input sg-verify__code" autoComplete="off" autoFocus />
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            <FormattedMessage id="sg.verify.submit" />
          </button>
        </div>
        <FormAlert message={alert} />
      </form>
      {result ? (
        <section className="card sg-verify__card" aria-live="polite" data-testid="verify-result">
          {!n ? (
            <p className="alert alert--error">
              <FormattedMessage id="sg.verify.notFound" />
            </p>
          ) : (
            <>
              <p className={`alert ${n.templateMatches ? 'alert--success' : 'alert--error'}`}>
                <FormattedMessage id={n.templateMatches ? 'sg.verify.matches' : 'sg.verify.differs'} />
              </p>
              <dl className="sg-verify__result">
                <dt>
                  <FormattedMessage id="sg.verify.person" />
                </dt>
                <dd>
                  <a href={`#/person/${encodeURIComponent(n.personId)}`}>{n.nameLatin}</a>
                </dd>
                <dt>
                  <FormattedMessage id="sg.verify.at" />
                </dt>
                <dd>
                  <Instant value={n.at} />
                </dd>
                <dt>
                  <FormattedMessage id="sg.verify.language" />
                </dt>
                <dd dir="auto">{languageName(n.language)}</dd>
                <dt>
                  <FormattedMessage id="sg.verify.template" />
                </dt>
                <dd>
                  <span className="mono">{n.templateVersion ?? '—'}</span> <span className="muted mono">{n.templateHash ?? ''}</span>
                </dd>
              </dl>
              <p>
                <a href={`#/print/rights/${encodeURIComponent(n.notificationId)}`}>
                  <FormattedMessage id="sg.verify.open" />
                </a>
              </p>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** The code from what was typed: a bare code, or the QR text "qeyd:rights:CODE:…". */
export function codeFrom(typed: string): string {
  const m = /^qeyd:rights:([^:]+):/i.exec(typed.trim());
  return m ? m[1]! : typed;
}
