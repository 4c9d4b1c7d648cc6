import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { AppealView, ComplaintView } from '../../../core/contract/complaints';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { Instant } from '../../components/Instant';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../datetime';
import { AnswerForm, EscalateForm, FileAppealForm, ForwardForm, HearingForm, LodgeForm, OutcomeForm } from './forms';
import { addresseeLabel, categoryLabel, kindLabel, lodgerLabel, outcomeLabel, statusLabel } from './labels';
import './complaints.css';

/**
 * The person's requests and complaints, and their appeals against the placement decision (issue #15 §2,
 * docs/complaints.md). A complaint about staff that this reader may not read shows as a restricted row:
 * when it came in, to whom, and whether its answer is owed, never what it says.
 */

type Open = { form: 'lodge' } | { form: 'forward' | 'answer' | 'escalate'; complaintId: string } | { form: 'appeal' } | { form: 'hearing' | 'outcome'; appealId: string } | null;

const badge: Record<ComplaintView['status'], string> = { open: 'status-badge--upcoming', answered: 'status-badge--ok', overdue: 'status-badge--overdue', escalated: 'status-badge--due' };

export function PersonComplaints({
  personId,
  episode,
  mayWrite,
  onDone,
}: {
  personId: string;
  /** The episode still open, if any: requests are recorded against it. */
  episode: { episodeId: string; extensions: readonly unknown[]; decision: unknown } | null;
  mayWrite: boolean;
  onDone(event: MessageKey): void;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const list = useQuery({ queryKey: ['complaints', personId], queryFn: () => api.complaints.forPerson({ personId }) });
  const finished = (event: MessageKey) => {
    setOpen(null);
    void queryClient.invalidateQueries({ queryKey: ['complaints', personId] });
    onDone(event);
  };
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const complaints = list.data?.complaints ?? [];
  const appeals = list.data?.appeals ?? [];
  const canRecord = mayWrite && episode !== null;
  const cancel = () => setOpen(null);
  return (
    <>
      <ComplaintsCard complaints={complaints} canRecord={canRecord} open={open} setOpen={setOpen}>
        {open?.form === 'lodge' && episode ? <LodgeForm episodeId={episode.episodeId} onCancel={cancel} onDone={() => finished('event.complaint.lodged')} /> : null}
        {open && 'complaintId' in open && open.form === 'forward' ? <ForwardForm complaintId={open.complaintId} onCancel={cancel} onDone={() => finished('event.complaint.forwarded')} /> : null}
        {open && 'complaintId' in open && open.form === 'answer' ? <AnswerForm complaintId={open.complaintId} onCancel={cancel} onDone={() => finished('event.complaint.answered')} /> : null}
        {open && 'complaintId' in open && open.form === 'escalate' ? <EscalateForm complaintId={open.complaintId} onCancel={cancel} onDone={() => finished('event.complaint.lodged')} /> : null}
      </ComplaintsCard>
      <AppealsCard appeals={appeals} canRecord={canRecord && episode?.decision !== null} open={open} setOpen={setOpen}>
        {open?.form === 'appeal' && episode ? (
          <FileAppealForm episodeId={episode.episodeId} extensions={episode.extensions.length} onCancel={cancel} onDone={() => finished('event.appeal.filed')} />
        ) : null}
        {open && 'appealId' in open && open.form === 'hearing' ? <HearingForm appealId={open.appealId} onCancel={cancel} onDone={() => finished('event.appeal.hearing')} /> : null}
        {open && 'appealId' in open && open.form === 'outcome' ? <OutcomeForm appealId={open.appealId} onCancel={cancel} onDone={() => finished('event.appeal.decided')} /> : null}
      </AppealsCard>
    </>
  );
}

interface CardProps {
  canRecord: boolean;
  open: Open;
  setOpen(o: Open): void;
  children: React.ReactNode;
}

function ComplaintsCard({ complaints, canRecord, open, setOpen, children }: CardProps & { complaints: ComplaintView[] }) {
  const titleId = useId();
  const intl = useIntl();
  const busy = open !== null;
  return (
    <section className="card complaints" aria-labelledby={titleId} data-testid="complaints-card">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="complaints.title" />
      </h2>
      {complaints.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="complaints.none" />
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table--dense complaints__table">
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="complaints.col.received" />
                </th>
                <th scope="col">
                  <FormattedMessage id="complaints.col.addressee" />
                </th>
                <th scope="col">
                  <FormattedMessage id="complaints.col.subject" />
                </th>
                <th scope="col">
                  <FormattedMessage id="complaints.col.status" />
                </th>
              </tr>
            </thead>
            <tbody>
              {complaints.map((c) => (
                <tr key={c.complaintId} data-testid="complaint-row" className={c.restricted ? 'complaints__row--restricted' : undefined}>
                  <td>
                    <Instant value={c.receivedAt} />
                  </td>
                  <td>
                    <FormattedMessage id={addresseeLabel[c.addressee]} />
                    {c.forwardDueAt ? (
                      <span className="complaints__sub">
                        {c.forwardedAt ? (
                          <FormattedMessage id="complaints.forwardedOn" values={{ at: <Instant value={c.forwardedAt} key="a" /> }} />
                        ) : (
                          <FormattedMessage id="complaints.forwardBy" values={{ at: <Instant value={c.forwardDueAt} key="a" /> }} />
                        )}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {c.detail ? (
                      <>
                        <span className="complaints__kind">
                          <FormattedMessage id={kindLabel[c.detail.kind]} /> · <FormattedMessage id={categoryLabel[c.detail.category]} />
                          {c.aboutStaff ? (
                            <>
                              {' · '}
                              <strong>
                                <FormattedMessage id="complaints.aboutStaff" values={{ named: c.detail.staffNamed ?? '' }} />
                              </strong>
                            </>
                          ) : null}
                        </span>
                        <span className="complaints__subject" dir="auto">
                          {c.detail.subject}
                        </span>
                        <span className="complaints__sub">
                          <FormattedMessage id="complaints.lodgedByLine" values={{ by: intl.formatMessage({ id: lodgerLabel[c.detail.lodgedBy] }), name: c.detail.lodgedByName ?? '' }} />
                        </span>
                        {c.answeredAt && c.detail.answerText ? (
                          <span className="complaints__answer">
                            <FormattedMessage id="complaints.answerLine" values={{ from: c.detail.answerFrom ?? '', at: <Instant value={c.answeredAt} key="a" /> }} />{' '}
                            <span dir="auto">{c.detail.answerText}</span>
                          </span>
                        ) : null}
                      </>
                    ) : (
                      <span className="complaints__restricted">
                        <FormattedMessage id="complaints.restricted" />
                      </span>
                    )}
                    {c.escalatedFrom ? (
                      <span className="complaints__sub">
                        <FormattedMessage id="complaints.escalatedFrom" />
                      </span>
                    ) : null}
                    {canRecord && !busy && !c.restricted ? (
                      <div className="complaints__actions">
                        {c.forwardDueAt && !c.forwardedAt && !c.answeredAt ? (
                          <button type="button" className="button button--small" onClick={() => setOpen({ form: 'forward', complaintId: c.complaintId })}>
                            <FormattedMessage id="complaints.action.forward" />
                          </button>
                        ) : null}
                        {!c.answeredAt ? (
                          <button type="button" className="button button--small" onClick={() => setOpen({ form: 'answer', complaintId: c.complaintId })}>
                            <FormattedMessage id="complaints.action.answer" />
                          </button>
                        ) : null}
                        {!c.escalatedTo ? (
                          <button type="button" className="button button--small" onClick={() => setOpen({ form: 'escalate', complaintId: c.complaintId })}>
                            <FormattedMessage id="complaints.action.escalate" />
                          </button>
                        ) : null}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <span className={`status-badge ${badge[c.status]}`}>
                      <FormattedMessage id={statusLabel[c.status]} />
                    </span>
                    <span className="complaints__sub">
                      {c.answeredAt ? (
                        <FormattedMessage id="complaints.answeredOn" values={{ at: <Instant value={c.answeredAt} key="a" /> }} />
                      ) : (
                        <FormattedMessage id="complaints.dueOn" values={{ at: <Instant value={c.dueAt} key="a" /> }} />
                      )}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canRecord && !busy ? (
        <div className="complaints__bar">
          <button type="button" className="button button--small button--primary" onClick={() => setOpen({ form: 'lodge' })}>
            <FormattedMessage id="complaints.action.lodge" />
          </button>
        </div>
      ) : null}
      {open && (open.form === 'lodge' || 'complaintId' in open) ? children : null}
    </section>
  );
}

function AppealsCard({ appeals, canRecord, open, setOpen, children }: CardProps & { appeals: AppealView[] }) {
  const titleId = useId();
  const busy = open !== null;
  return (
    <section className="card appeals" aria-labelledby={titleId} data-testid="appeals-card">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="appeals.title" />
      </h2>
      {appeals.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="appeals.none" />
        </p>
      ) : (
        <ul className="appeals__list">
          {appeals.map((a) => (
            <li key={a.appealId} className="appeals__item" data-testid="appeal-item">
              <p className="appeals__main">
                {a.decision === 'placement' ? <FormattedMessage id="appeals.against.placement" /> : <FormattedMessage id="appeals.against.extension" values={{ n: a.extensionNo ?? 0 }} />} ·{' '}
                <FormattedMessage id="appeals.filedLine" values={{ court: a.court, at: <Instant value={a.filedAt} key="a" /> }} />
              </p>
              {a.note ? (
                <p className="complaints__sub" dir="auto">
                  {a.note}
                </p>
              ) : null}
              {a.hearings.length > 0 ? (
                <table className="table table--dense">
                  <thead>
                    <tr>
                      <th scope="col">
                        <FormattedMessage id="appeals.col.hearing" />
                      </th>
                      <th scope="col">
                        <FormattedMessage id="appeals.col.result" />
                      </th>
                      <th scope="col">
                        <FormattedMessage id="appeals.col.next" />
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.hearings.map((h, i) => (
                      <tr key={`${h.on}-${i}`}>
                        <td>{formatDate(h.on)}</td>
                        <td dir="auto">{h.result}</td>
                        <td>{h.nextOn ? formatDate(h.nextOn) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <p className="appeals__outcome">
                {a.outcome ? (
                  <>
                    <span className={`status-badge ${a.outcome === 'release_ordered' || a.outcome === 'term_shortened' ? 'status-badge--due' : 'status-badge--ok'}`}>
                      <FormattedMessage id={outcomeLabel[a.outcome]} />
                    </span>{' '}
                    {a.outcomeAt ? <Instant value={a.outcomeAt} /> : null}
                    {a.outcome === 'release_ordered' ? (
                      <span className="complaints__sub">
                        <FormattedMessage id="appeals.releaseOwed" />
                      </span>
                    ) : null}
                    {a.outcome === 'term_shortened' && a.newTermEnd ? (
                      <span className="complaints__sub">
                        {a.termApplied && a.termEndBefore ? (
                          <FormattedMessage id="appeals.termChanged" values={{ from: <Instant value={a.termEndBefore} key="f" />, to: <Instant value={a.newTermEnd} key="t" /> }} />
                        ) : (
                          <FormattedMessage id="appeals.termNotApplied" values={{ to: <Instant value={a.newTermEnd} key="t" /> }} />
                        )}
                      </span>
                    ) : null}
                    {a.outcomeNote ? (
                      <span className="complaints__sub" dir="auto">
                        {a.outcomeNote}
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span className="status-badge status-badge--upcoming">
                    <FormattedMessage id="appeals.pending" />
                  </span>
                )}
              </p>
              {canRecord && !busy && !a.outcome ? (
                <div className="complaints__actions">
                  <button type="button" className="button button--small" onClick={() => setOpen({ form: 'hearing', appealId: a.appealId })}>
                    <FormattedMessage id="appeals.action.hearing" />
                  </button>
                  <button type="button" className="button button--small" onClick={() => setOpen({ form: 'outcome', appealId: a.appealId })}>
                    <FormattedMessage id="appeals.action.outcome" />
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canRecord && !busy ? (
        <div className="complaints__bar">
          <button type="button" className="button button--small button--primary" onClick={() => setOpen({ form: 'appeal' })}>
            <FormattedMessage id="appeals.action.file" />
          </button>
        </div>
      ) : null}
      {open && (open.form === 'appeal' || 'appealId' in open) ? children : null}
    </section>
  );
}
