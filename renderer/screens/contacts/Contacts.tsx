import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ContactKind } from '../../../core/contacts';
import type { ContactView } from '../../../core/contract/contacts';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { Instant } from '../../components/Instant';
import { QueryError } from '../../components/QueryError';
import { RecordContactForm, ReviewRefusalForm } from './forms';
import { basisLabel, categoryLabel, directionLabel, kindKeys, kindLabel, outcomeLabel, sourceLabel, supervisionLabel } from './labels';
import './contacts.css';

/**
 * The person's contacts with the outside world (issue #15 §1, docs/contacts.md): a table newest first, a
 * filter by kind, the form to record one, and the head's review of a refused lawyer or ombudsman, which
 * stands out in red until it is reviewed.
 */

type Open = { form: 'record' } | { form: 'review'; contact: ContactView } | null;

export function PersonContacts({
  personId,
  episodeId,
  mayWrite,
  mayReview,
  onDone,
}: {
  personId: string;
  /** The episode still open, if any: contacts are recorded against it. */
  episodeId: string | null;
  mayWrite: boolean;
  /** The centre head (person.override) reviews a refused lawyer or ombudsman. */
  mayReview: boolean;
  onDone(event: MessageKey): void;
}) {
  const queryClient = useQueryClient();
  const intl = useIntl();
  const titleId = useId();
  const filterId = useId();
  const [open, setOpen] = useState<Open>(null);
  const [kind, setKind] = useState<ContactKind | ''>('');
  const list = useQuery({ queryKey: ['contacts', personId], queryFn: () => api.contacts.list({ personId }) });
  const finished = (event: MessageKey) => {
    setOpen(null);
    void queryClient.invalidateQueries({ queryKey: ['contacts', personId] });
    // A lawyer's visit meets the defender safeguard and a consul's answers the notice: the cards read the log.
    void queryClient.invalidateQueries({ queryKey: ['safeguards', personId] });
    onDone(event);
  };
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const all = list.data?.contacts ?? [];
  const shown = kind ? all.filter((c) => c.kind === kind) : all;
  return (
    <section className="card contacts" aria-labelledby={titleId} data-testid="contacts-card">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="contacts.title" />
      </h2>
      <p className="muted small">
        <FormattedMessage id="contacts.intro" />
      </p>
      {all.length > 0 ? (
        <div className="contacts__filter">
          <label htmlFor={filterId}>
            <FormattedMessage id="contacts.filter" />
          </label>
          <select id={filterId} className="input select" value={kind} onChange={(e) => setKind(e.target.value as ContactKind | '')}>
            <option value="">{intl.formatMessage({ id: 'contacts.filter.all' })}</option>
            {kindKeys.map((k) => (
              <option key={k.value} value={k.value}>
                {intl.formatMessage({ id: k.label })}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {shown.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="contacts.empty" />
        </p>
      ) : (
        <div className="contacts__scroll">
          <table className="table table--dense contacts__table">
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="contacts.col.at" />
                </th>
                <th scope="col">
                  <FormattedMessage id="contacts.col.kind" />
                </th>
                <th scope="col">
                  <FormattedMessage id="contacts.col.who" />
                </th>
                <th scope="col">
                  <FormattedMessage id="contacts.col.duration" />
                </th>
                <th scope="col">
                  <FormattedMessage id="contacts.col.supervision" />
                </th>
                <th scope="col">
                  <FormattedMessage id="contacts.col.outcome" />
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <ContactRow key={c.contactId} c={c} mayReview={mayReview && open === null} onReview={() => setOpen({ form: 'review', contact: c })} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayWrite && episodeId && open === null ? (
        <div className="contacts__actions">
          <button type="button" className="button button--small" onClick={() => setOpen({ form: 'record' })} data-testid="record-contact">
            <FormattedMessage id="contacts.record" />
          </button>
        </div>
      ) : null}
      {open?.form === 'record' && episodeId ? <RecordContactForm episodeId={episodeId} onCancel={() => setOpen(null)} onDone={() => finished('event.contact.recorded')} /> : null}
      {open?.form === 'review' && open.contact.category ? (
        <ReviewRefusalForm contactId={open.contact.contactId} category={open.contact.category} onCancel={() => setOpen(null)} onDone={() => finished('event.contact.refusalReviewed')} />
      ) : null}
    </section>
  );
}

function ContactRow({ c, mayReview, onReview }: { c: ContactView; mayReview: boolean; onReview(): void }) {
  const intl = useIntl();
  const failing = c.safeguardFailure && !c.review;
  const rowClass = c.outcome === 'refused' ? (failing ? 'contacts__row--failure' : 'contacts__row--refused') : undefined;
  // What does not fit a cell (the refusal's reason, the review, a note) reads on a full-width line below.
  const hasDetail = c.refusal !== null || c.review !== null || c.note !== null || c.corrections > 0;
  return (
    <>
      <tr className={rowClass} data-testid="contact-row" data-outcome={c.outcome}>
        <td>
          <Instant value={c.at} />
        </td>
        <td>
          <FormattedMessage id={kindLabel[c.kind]} />
          {c.direction ? (
            <span className="contacts__sub">
              <FormattedMessage id={directionLabel[c.direction]} />
            </span>
          ) : null}
        </td>
        <td>
          {c.category ? (
            <span className="contacts__category">
              <FormattedMessage id={categoryLabel[c.category]} />
            </span>
          ) : null}
          <span dir="auto">{c.who.name}</span>
          {c.who.relation ? (
            <span className="contacts__sub" dir="auto">
              {c.who.relation}
            </span>
          ) : null}
          {c.source !== 'log' ? (
            <span className="contacts__sub">
              <FormattedMessage id={sourceLabel[c.source]} />
            </span>
          ) : null}
        </td>
        <td>{c.durationMinutes !== null ? <FormattedMessage id="contacts.minutes" values={{ count: c.durationMinutes }} /> : '—'}</td>
        <td>
          {c.supervision ? <FormattedMessage id={supervisionLabel[c.supervision]} /> : '—'}
          {c.supervisedBy ? (
            <span className="contacts__sub">
              <FormattedMessage id="contacts.supervisedBy" values={{ name: c.supervisedBy }} />
            </span>
          ) : null}
        </td>
        <td>
          <span className={`status-badge ${c.outcome === 'refused' ? (failing ? 'status-badge--overdue' : 'status-badge--due') : 'status-badge--upcoming'}`}>
            <FormattedMessage id={outcomeLabel[c.outcome]} />
          </span>
        </td>
      </tr>
      {hasDetail ? (
        <tr className={`contacts__detail${rowClass ? ` ${rowClass}` : ''}`} data-testid="contact-detail">
          <td colSpan={6}>
            {c.refusal ? (
              <span className="contacts__sub" dir="auto">
                <FormattedMessage id="contacts.refusal" values={{ by: c.refusal.by, basis: intl.formatMessage({ id: basisLabel[c.refusal.basis] }), reason: c.refusal.reason }} />
              </span>
            ) : null}
            {failing && c.category ? (
              <strong className="contacts__failure" role="note">
                <FormattedMessage id="contacts.safeguardFailure" values={{ category: intl.formatMessage({ id: categoryLabel[c.category] }).toLowerCase() }} />
              </strong>
            ) : null}
            {c.review ? (
              <span className="contacts__sub">
                <FormattedMessage id="contacts.reviewed" values={{ by: c.review.by, at: <Instant value={c.review.at} key="a" />, finding: c.review.finding }} />
                {c.review.visitArranged ? (
                  <>
                    {' '}
                    <FormattedMessage id="contacts.reviewedArranged" />
                  </>
                ) : null}
              </span>
            ) : null}
            {c.note ? (
              <span className="contacts__sub" dir="auto">
                {c.note}
              </span>
            ) : null}
            {c.corrections > 0 ? (
              <span className="contacts__sub">
                <FormattedMessage id="contacts.corrected" values={{ count: c.corrections }} />
              </span>
            ) : null}
            {failing && mayReview ? (
              <button type="button" className="button button--small button--danger-outline contacts__review" onClick={onReview} data-testid="review-refusal">
                <FormattedMessage id="contacts.review" />
              </button>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
