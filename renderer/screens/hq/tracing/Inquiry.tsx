import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import type { inquiryView } from '../../../../core/contract/tracing';
import { countryLabel } from '../../../places';
import { api } from '../../../api';
import { ContractForm } from '../../../components/ContractForm';
import { Fact } from '../../../components/Fact';
import { FDateTime, FSelect, FText, FTextArea } from '../../../components/form-fields';
import { Instant } from '../../../components/Instant';
import { PageTitle } from '../../../components/PageTitle';
import { QueryError } from '../../../components/QueryError';
import { useFormClock } from '../../../components/clock';
import { formatDate } from '../../../datetime';
import { useListFormat, useLocale } from '../../../i18n';
import { sexLabel } from '../../../register-labels';
import { href } from '../../../routes';
import { CentrePanel } from './CentrePanel';
import { categoryLabel, channelLabel, consentLabel, decisionLabel, disclosureLabel, keysOf, outcomeLabel, protectionLabel, reasonLabel, recordKindLabel, stateLabel, statusLabel } from './labels';
import { BackToInquiries, OverdueBadge } from './bits';
import '../hq.css';
import './tracing.css';

type View = z.infer<typeof inquiryView>;
type Candidate = View['candidates'][number];

/**
 * One tracing inquiry (issue #14 §3): who asks and about whom, every candidate from every facility's
 * records and from the records of unidentified persons and deaths, with score and reasons, the
 * analyst's review of each, what an answer may disclose and why, and the answers given. Opening the
 * page is a read of the inquiry and of each candidate in the console's audit log.
 */
export function Inquiry({ inquiryId }: { inquiryId: string }) {
  const queryClient = useQueryClient();
  const inquiry = useQuery({ queryKey: ['tracing', 'inquiry', inquiryId], queryFn: () => api.tracing.view({ inquiryId }) });
  const reload = () => queryClient.invalidateQueries({ queryKey: ['tracing'] });
  return (
    <>
      <BackToInquiries />
      <PageTitle id="entity.tracing_inquiry" />
      {inquiry.isError ? <QueryError error={inquiry.error} onRetry={() => void inquiry.refetch()} /> : null}
      {inquiry.data ? <InquiryBody view={inquiry.data} reload={reload} /> : null}
    </>
  );
}

function InquiryBody({ view, reload }: { view: View; reload(): Promise<unknown> }) {
  const intl = useIntl();
  const list = useListFormat();
  const { locale } = useLocale();
  const closed = view.status === 'closed';
  const s = view.subject;
  const headId = useId();
  return (
    <>
      <section className="card tracing-head" aria-labelledby={headId}>
        <h2 id={headId} className="card__title">
          {list(s.names)}{' '}
          <span className="badge badge--muted">
            <FormattedMessage id={statusLabel[view.status]} />
          </span>
          <OverdueBadge overdue={view.overdue} />
        </h2>
        <p className="muted">
          <FormattedMessage id="tracing.page.dates" values={{ received: formatDate(view.receivedOn), due: formatDate(view.dueOn) }} />
          {view.createdByName ? (
            <>
              {' · '}
              <FormattedMessage id="tracing.page.recordedBy" values={{ name: view.createdByName }} />
            </>
          ) : null}
        </p>
        {view.closedReason ? (
          <p className="alert alert--info">
            <FormattedMessage id="tracing.page.closedReason" values={{ reason: view.closedReason }} />
          </p>
        ) : null}
        <dl className="facts">
          <Fact label="tracing.page.requester">
            <FormattedMessage id={categoryLabel[view.requester.category]} />: {view.requester.name}
            {view.requester.organisation ? ` (${view.requester.organisation})` : ''} — {view.requester.contact}
          </Fact>
          <Fact label="tracing.page.subject">
            {[
              s.sex ? intl.formatMessage({ id: sexLabel[s.sex] }) : null,
              s.birthDate ? formatDate(s.birthDate) : null,
              s.age !== null ? String(s.age) : null,
              s.nationality ? countryLabel(s.nationality, locale) : null,
              s.lastKnownPlace,
              s.distinguishing,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Fact>
          <Fact label="tracing.page.basis">{view.legalBasis}</Fact>
          <Fact label="tracing.page.consent">
            <FormattedMessage id={consentLabel[view.consent]} />
            {view.consentNote ? ` — ${view.consentNote}` : ''}
          </Fact>
        </dl>
      </section>
      <Candidates view={view} closed={closed} reload={reload} />
      <CentrePanel view={view} closed={closed} reload={reload} />
      <Answers view={view} closed={closed} reload={reload} />
    </>
  );
}

function candidateName(c: Candidate, list: (xs: string[]) => string, intl: ReturnType<typeof useIntl>): string {
  if (c.kind === 'person') return c.person.nameOriginal === c.person.nameLatin ? c.person.nameLatin : `${c.person.nameLatin} / ${c.person.nameOriginal}`;
  return c.record.names.length ? list(c.record.names) : intl.formatMessage({ id: recordKindLabel[c.record.kind] });
}

function Candidates({ view, closed, reload }: { view: View; closed: boolean; reload(): Promise<unknown> }) {
  const intl = useIntl();
  const list = useListFormat();
  const [reviewing, setReviewing] = useState<{ candidate: Candidate; decision: 'confirmed' | 'rejected' } | null>(null);
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">
        <FormattedMessage id="tracing.candidates" />
      </h2>
      <p className="muted small">
        <FormattedMessage id="tracing.candidates.intro" />
      </p>
      {view.candidates.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="tracing.candidates.none" />
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table--dense tracing-candidates" data-testid="tracing-candidates">
            <thead>
              <tr>
                {(['tracing.col.score', 'tracing.col.candidate', 'tracing.col.reasons', 'tracing.col.state', 'tracing.col.review', 'tracing.col.disclosure'] as const).map((k) => (
                  <th key={k} scope="col" className={k === 'tracing.col.score' ? 'num' : undefined}>
                    <FormattedMessage id={k} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.candidates.map((c) => (
                <tr key={c.candidateId} className={c.review ? `tracing-candidate--${c.review.decision}` : undefined}>
                  <td className="num">{c.score ? intl.formatNumber(c.score, { style: 'percent' }) : '—'}</td>
                  <th scope="row">
                    {c.kind === 'person' ? (
                      <>
                        <a href={href({ name: 'person', personId: c.person.personId })}>{candidateName(c, list, intl)}</a>
                        <div className="small muted">
                          <span className="mono">{c.person.registerNo}</span>
                          {c.person.birthDate ? ` · ${formatDate(c.person.birthDate)}` : ''}
                          {c.person.nationalities.length ? ` · ${c.person.nationalities.join(', ')}` : ''}
                        </div>
                      </>
                    ) : (
                      <>
                        {candidateName(c, list, intl)}
                        <div className="small muted">
                          <FormattedMessage id={recordKindLabel[c.record.kind]} />
                          {c.record.ageMin !== null || c.record.ageMax !== null ? (
                            <>
                              {' · '}
                              <FormattedMessage id="tracing.record.age" values={{ min: c.record.ageMin ?? '?', max: c.record.ageMax ?? '?' }} />
                            </>
                          ) : null}
                          <div>{c.record.description}</div>
                          {c.record.photoRef ? <FormattedMessage id="tracing.record.photo" values={{ ref: c.record.photoRef }} /> : null}
                        </div>
                      </>
                    )}
                  </th>
                  <td>{list(c.reasons.map((r) => intl.formatMessage({ id: reasonLabel[r] })))}</td>
                  <td>
                    {c.kind === 'person' ? (
                      <>
                        <FormattedMessage id={stateLabel[c.state]} values={{ facility: c.facilityName ?? '—' }} />
                        {c.since ? (
                          <span className="small muted">
                            {' '}
                            <FormattedMessage id="tracing.state.since" values={{ date: formatDate(c.since) }} />
                          </span>
                        ) : null}
                      </>
                    ) : (
                      <FormattedMessage id="tracing.record.found" values={{ place: c.record.foundPlace, date: formatDate(c.record.foundOn) }} />
                    )}
                  </td>
                  <td>
                    {c.review ? (
                      <>
                        <strong>
                          <FormattedMessage id={decisionLabel[c.review.decision]} />
                        </strong>
                        <div className="small muted">
                          <FormattedMessage id="tracing.review.by" values={{ name: c.review.byName ?? c.review.by, date: formatDate(c.review.at), note: c.review.note }} />
                        </div>
                      </>
                    ) : (
                      <span className="muted">
                        <FormattedMessage id="tracing.review.none" />
                      </span>
                    )}
                    {closed ? null : (
                      <div className="tracing-actions">
                        {c.review?.decision === 'confirmed' ? null : (
                          <button type="button" className="button button--small" onClick={() => setReviewing({ candidate: c, decision: 'confirmed' })}>
                            <FormattedMessage id="tracing.review.confirm" />
                          </button>
                        )}
                        {c.review?.decision === 'rejected' ? null : (
                          <button type="button" className="button button--small button--quiet" onClick={() => setReviewing({ candidate: c, decision: 'rejected' })}>
                            <FormattedMessage id="tracing.review.reject" />
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                  <td className={c.disclosure === 'may_disclose' || c.disclosure === 'consent_given' ? undefined : 'tracing-withheld'}>
                    <FormattedMessage
                      id={disclosureLabel[c.disclosure]}
                      values={{ reasons: c.kind === 'person' ? list(c.protection.map((p) => intl.formatMessage({ id: protectionLabel[p] }))) : '' }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {reviewing ? (
        <ContractForm
          key={`${reviewing.candidate.candidateId}-${reviewing.decision}`}
          method="tracing.review"
          title="tracing.review.form"
          intro={candidateName(reviewing.candidate, list, intl)}
          testId="tracing-review"
          defaults={{ decision: reviewing.decision, note: '' }}
          toInput={(v: { decision: string; note: string }) => ({
            inquiryId: view.inquiryId,
            kind: reviewing.candidate.kind,
            candidateId: reviewing.candidate.candidateId,
            decision: v.decision as 'confirmed' | 'rejected',
            note: v.note,
          })}
          onDone={async () => {
            setReviewing(null);
            await reload();
          }}
          onCancel={() => setReviewing(null)}
          submitLabel="tracing.review.submit"
        >
          <FSelect
            name="decision"
            label="tracing.review.decision"
            placeholder={false}
            keys={[
              { value: 'confirmed', label: 'tracing.review.confirmed' },
              { value: 'rejected', label: 'tracing.review.rejected' },
            ]}
          />
          <FTextArea name="note" label="tracing.review.note" rows={2} />
        </ContractForm>
      ) : null}
    </section>
  );
}

function Answers({ view, closed, reload }: { view: View; closed: boolean; reload(): Promise<unknown> }) {
  const intl = useIntl();
  const list = useListFormat();
  const [form, setForm] = useState<'answer' | 'close' | null>(null);
  const { now, iso } = useFormClock({ keepInstant: true });
  const confirmed = view.candidates.filter((c) => c.review?.decision === 'confirmed');
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">
        <FormattedMessage id="tracing.answers" />
      </h2>
      {view.answers.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="tracing.answers.none" />
        </p>
      ) : (
        <ul className="tracing-answer-list">
          {view.answers.map((a) => (
            <li key={a.answerId}>
              <strong>
                <FormattedMessage
                  id="tracing.answer.line"
                  values={{
                    outcome: intl.formatMessage({ id: outcomeLabel[a.outcome] }),
                    to: a.toldTo,
                    channel: intl.formatMessage({ id: channelLabel[a.channel] }),
                    date: <Instant value={a.toldAt} />,
                  }}
                />
              </strong>
              <div>{a.summary}</div>
              <div className="small muted">{a.recordedByName ?? a.recordedBy}</div>
            </li>
          ))}
        </ul>
      )}
      {closed ? null : (
        <div className="tracing-actions">
          <button type="button" className="button button--primary" onClick={() => setForm('answer')}>
            <FormattedMessage id="tracing.answer.form" />
          </button>
          <button type="button" className="button" onClick={() => setForm('close')}>
            <FormattedMessage id="tracing.close.form" />
          </button>
        </div>
      )}
      {form === 'answer' ? (
        <ContractForm
          method="tracing.answer"
          title="tracing.answer.form"
          testId="tracing-answer"
          defaults={{ outcome: '', candidateId: confirmed[0]?.candidateId ?? '', toldTo: view.requester.name, toldAt: now, channel: 'letter', summary: '' }}
          toInput={(v: { outcome: string; candidateId: string; toldTo: string; toldAt: string; channel: string; summary: string }) => ({
            inquiryId: view.inquiryId,
            outcome: v.outcome as never,
            candidateId: v.candidateId || undefined,
            toldTo: v.toldTo,
            toldAt: iso(v.toldAt) as string,
            channel: v.channel as never,
            summary: v.summary,
          })}
          onDone={async () => {
            setForm(null);
            await reload();
          }}
          onCancel={() => setForm(null)}
          submitLabel="tracing.answer.submit"
        >
          <div className="form-grid">
            <FSelect name="outcome" label="tracing.answer.field.outcome" keys={keysOf(outcomeLabel)} />
            <FSelect name="candidateId" label="tracing.answer.field.candidate" options={confirmed.map((c) => ({ value: c.candidateId, label: candidateName(c, list, intl) }))} />
            <FText name="toldTo" label="tracing.answer.field.toldTo" />
            <FDateTime name="toldAt" label="tracing.answer.field.toldAt" />
            <FSelect name="channel" label="tracing.answer.field.channel" keys={keysOf(channelLabel)} placeholder={false} />
          </div>
          <FTextArea name="summary" label="tracing.answer.field.summary" rows={3} />
        </ContractForm>
      ) : null}
      {form === 'close' ? (
        <ContractForm
          method="tracing.close"
          title="tracing.close.form"
          testId="tracing-close"
          defaults={{ reason: '' }}
          toInput={(v: { reason: string }) => ({ inquiryId: view.inquiryId, reason: v.reason })}
          onDone={async () => {
            setForm(null);
            await reload();
          }}
          onCancel={() => setForm(null)}
          submitLabel="tracing.close.submit"
        >
          <FTextArea name="reason" label="tracing.close.reason" rows={2} />
        </ContractForm>
      ) : null}
    </section>
  );
}
