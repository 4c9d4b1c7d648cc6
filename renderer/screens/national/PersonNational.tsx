import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { ApiError } from '../../../core/contract/errors';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { Instant } from '../../components/Instant';
import { NationalCardRow } from './NationalPanel';

type Pending = { kind: 'link'; facilityId: string; otherPersonId: string } | { kind: 'unlink'; otherPersonId: string } | { kind: 'dismiss' };

/**
 * The person's records at other centres (issue #14 §2): HQ's candidates from the national check, with
 * "Same person: link" and "Not the same person", and the links made, each undoable with a reason.
 * At HQ's console it shows the links only (nothing is recorded there).
 */
export function PersonNational({ personId, mayWrite }: { personId: string; mayWrite: boolean }) {
  const titleId = useId();
  const reasonId = useId();
  const queryClient = useQueryClient();
  const data = useQuery({ queryKey: ['national', 'person', personId], queryFn: () => api.national.forPerson({ personId }) });
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  // The person's timeline shows the link too.
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['national'] }), queryClient.invalidateQueries({ queryKey: ['person', personId] })]);
  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await f();
      setPending(null);
      setReason('');
      await refresh();
    } catch (e) {
      setProblem((e instanceof ApiError ? e.messageKey : 'error.internal') as MessageKey);
    } finally {
      setBusy(false);
    }
  };
  const confirm = () => {
    if (!pending) return;
    if (pending.kind === 'link') return run(() => api.national.link({ personId, facilityId: pending.facilityId, otherPersonId: pending.otherPersonId, reason }));
    if (pending.kind === 'unlink') return run(() => api.national.unlink({ personId, otherPersonId: pending.otherPersonId, reason }));
    return run(() => api.national.dismiss({ personId, reason }));
  };
  if (!data.data) return null;
  const { check, links } = data.data;
  const linked = new Set(links.map((l) => l.personId));
  const reasonForm = pending ? (
    <div className="field-stack national__confirm">
      <label className="field__label" htmlFor={reasonId}>
        <FormattedMessage id="national.reason" />
      </label>
      <textarea id={reasonId} className="input" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={`${reasonId}-hint`} />
      <p className="field__hint" id={`${reasonId}-hint`}>
        <FormattedMessage id="national.reasonHint" />
      </p>
      {problem ? (
        <p className="alert alert--error" role="alert">
          <FormattedMessage id={problem} />
        </p>
      ) : null}
      <p className="actions actions--start">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void confirm()}>
          <FormattedMessage id="national.confirm" />
        </button>
        <button type="button" className="button" onClick={() => setPending(null)}>
          <FormattedMessage id="national.cancel" />
        </button>
      </p>
    </div>
  ) : null;
  return (
    <section className="card national" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="national.person.title" />
      </h2>
      {links.length ? (
        <ul className="plain-list">
          {links.map((l) => (
            <li key={l.personId}>
              <strong>
                <FormattedMessage id="national.person.linkedTo" values={{ facility: l.facilityName, no: l.registerNo }} />
              </strong>{' '}
              <span className="muted">
                <FormattedMessage id="national.person.linkedBy" values={{ date: <Instant value={l.linkedAt} />, reason: l.reason }} />
              </span>{' '}
              {mayWrite ? (
                <button type="button" className="button button--small" onClick={() => setPending({ kind: 'unlink', otherPersonId: l.personId })}>
                  <FormattedMessage id="national.unlink" />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          <FormattedMessage id="national.person.noLinks" />
        </p>
      )}
      {check?.status === 'pending' ? (
        <p className="field__hint">
          <FormattedMessage id="national.person.pending" />
        </p>
      ) : null}
      {check?.checkedAt ? (
        <p className="field__hint">
          <FormattedMessage id="national.person.checkedAt" values={{ date: <Instant value={check.checkedAt} /> }} />
        </p>
      ) : null}
      {check?.status === 'dismissed' ? (
        <p className="field__hint">
          <FormattedMessage id="national.person.dismissed" />
        </p>
      ) : null}
      {check && check.candidates.length ? (
        <ol className="dupes__list">
          {check.candidates.map((c) => (
            <NationalCardRow
              key={c.personId}
              card={c}
              action={
                mayWrite && !linked.has(c.personId) ? (
                  <button type="button" className="button button--small" onClick={() => setPending({ kind: 'link', facilityId: c.facilityId, otherPersonId: c.personId })}>
                    <FormattedMessage id="national.link" />
                  </button>
                ) : undefined
              }
            />
          ))}
        </ol>
      ) : null}
      {reasonForm}
      {mayWrite ? (
        <p className="actions actions--start">
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => api.national.recheck({ personId }))}>
            <FormattedMessage id="national.check" />
          </button>
          {check?.status === 'match' ? (
            <button type="button" className="button" onClick={() => setPending({ kind: 'dismiss' })}>
              <FormattedMessage id="national.dismiss" />
            </button>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
