import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import type { TracingRequestKind } from '../../../core/contract/tracing-shared';
import type { CouldNotAskReason } from '../../../core/tracing-answers';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { ContractForm } from '../../components/ContractForm';
import { FRadios, FSelect, FTextArea } from '../../components/form-fields';
import { Instant } from '../../components/Instant';
import { PersonNames } from '../../components/person-bits';
import { QueryError } from '../../components/QueryError';
import { href } from '../../routes';
import './tracing.css';

/**
 * HQ's tracing requests at the centre (issue #14 §3, docs/sync.md#tracing-requests-to-a-centre): on the
 * due-now board every request still waiting, on the person's page the person's own with the form that
 * records their answer. Only the requester's category is known here, never their name or contact.
 */
type Request = Awaited<ReturnType<typeof api.tracingCentre.list>>['requests'][number];

const queryKey = ['tracingCentre'] as const;

const questionKey: Record<TracingRequestKind, MessageKey> = {
  contact_notice: 'tracingCentre.task.contact_notice',
  consent_to_disclose: 'tracingCentre.task.consent_to_disclose',
};
const consentKey: Record<'given' | 'refused', MessageKey> = { given: 'tracingCentre.answer.consentGiven', refused: 'tracingCentre.answer.consentRefused' };
const contactKey: Record<'accepted' | 'refused', MessageKey> = { accepted: 'tracingCentre.contact.accepted', refused: 'tracingCentre.contact.refused' };
export const couldNotAskKey: Record<CouldNotAskReason, MessageKey> = {
  left_the_centre: 'tracingCentre.reason.left_the_centre',
  deceased: 'tracingCentre.reason.deceased',
  unable_to_understand: 'tracingCentre.reason.unable_to_understand',
  other: 'tracingCentre.reason.other',
};

/** "HQ asks: a family member is looking for this person — tell them …", one line per question asked. */
function Questions({ request }: { request: Request }) {
  return (
    <ul className="tracing-request__questions">
      {request.kinds.map((k) => (
        <li key={k}>
          <FormattedMessage id={questionKey[k]} values={{ category: request.requesterCategory }} />
        </li>
      ))}
    </ul>
  );
}

interface AnswerValues {
  consentToDisclose: '' | 'given' | 'refused';
  contact: '' | 'accepted' | 'refused';
  note: string;
}

function AnswerForm({ request, onDone, onCancel }: { request: Request; onDone(): void; onCancel(): void }) {
  const asks = (k: TracingRequestKind) => request.kinds.includes(k);
  return (
    <ContractForm<AnswerValues, 'tracingCentre.answer'>
      method="tracingCentre.answer"
      title="tracingCentre.formTitle"
      intro={<FormattedMessage id="tracingCentre.privacy" />}
      look="inset"
      defaults={{ consentToDisclose: '', contact: '', note: '' }}
      toInput={(v) => ({
        requestId: request.requestId,
        personId: request.personId,
        answers: {
          ...(asks('consent_to_disclose') && v.consentToDisclose ? { consentToDisclose: v.consentToDisclose } : {}),
          ...(asks('contact_notice') && v.contact ? { contact: v.contact } : {}),
        },
        note: v.note,
      })}
      check={(v) => [
        ...(asks('consent_to_disclose') && !v.consentToDisclose ? [{ field: 'consentToDisclose', key: 'error.tracingCentre.answerMissing' }] : []),
        ...(asks('contact_notice') && !v.contact ? [{ field: 'contact', key: 'error.tracingCentre.answerMissing' }] : []),
      ]}
      toFormPath={(p) => (p.startsWith('answers.') ? p.slice('answers.'.length) : p === 'note' ? 'note' : null)}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="tracingCentre.save"
      testId="tracing-answer-form"
    >
      {asks('consent_to_disclose') ? (
        <FRadios
          name="consentToDisclose"
          legend="tracingCentre.consent"
          options={[
            { value: 'given', label: 'tracingCentre.consent.given' },
            { value: 'refused', label: 'tracingCentre.consent.refused' },
          ]}
        />
      ) : null}
      {asks('contact_notice') ? (
        <FRadios
          name="contact"
          legend="tracingCentre.contact"
          options={[
            { value: 'accepted', label: 'tracingCentre.contact.accepted' },
            { value: 'refused', label: 'tracingCentre.contact.refused' },
          ]}
        />
      ) : null}
      <FTextArea name="note" label="tracingCentre.note" rows={2} />
    </ContractForm>
  );
}

interface NotAskedValues {
  reason: '' | CouldNotAskReason;
  note: string;
}

/**
 * The person could not be asked (they left, died, cannot understand the question): the reason and a
 * required note close the request here, and HQ reads it as no consent (docs/sync.md#tracing-requests-to-a-centre).
 */
function NotAskedForm({ request, onDone, onCancel }: { request: Request; onDone(): void; onCancel(): void }) {
  return (
    <ContractForm<NotAskedValues, 'tracingCentre.notAsked'>
      method="tracingCentre.notAsked"
      title="tracingCentre.notAsked.formTitle"
      intro={<FormattedMessage id="tracingCentre.notAsked.intro" />}
      look="inset"
      defaults={{ reason: '', note: '' }}
      toInput={(v) => ({ requestId: request.requestId, personId: request.personId, reason: v.reason, note: v.note })}
      check={(v) => [...(!v.reason ? [{ field: 'reason', key: 'error.field.required' as const }] : []), ...(!v.note.trim() ? [{ field: 'note', key: 'error.field.required' as const }] : [])]}
      toFormPath={(p) => (p === 'reason' || p === 'note' ? p : null)}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="tracingCentre.notAsked.save"
      testId="tracing-not-asked-form"
    >
      <FSelect name="reason" label="tracingCentre.notAsked.reason" keys={(Object.keys(couldNotAskKey) as CouldNotAskReason[]).map((r) => ({ value: r, label: couldNotAskKey[r] }))} />
      <FTextArea name="note" label="tracingCentre.notAsked.note" rows={3} />
    </ContractForm>
  );
}

function NotAsked({ request }: { request: Request }) {
  return (
    <p className="tracing-request__answer">
      <span className="status-badge status-badge--upcoming">
        <FormattedMessage id="tracingCentre.status.could_not_ask" />
      </span>{' '}
      {request.couldNotAskReason ? <FormattedMessage id={couldNotAskKey[request.couldNotAskReason]} /> : null}
      {request.answeredAt ? (
        <span className="muted">
          {' · '}
          <FormattedMessage id="tracingCentre.notAskedAt" values={{ at: <Instant value={request.answeredAt} key="at" /> }} />
        </span>
      ) : null}
      {request.note ? <span className="tracing-request__note">{request.note}</span> : null}
    </p>
  );
}

function Answered({ request }: { request: Request }) {
  const a = request.answers;
  return (
    <p className="tracing-request__answer">
      <span className="status-badge status-badge--ok">
        <FormattedMessage id="tracingCentre.status.answered" />
      </span>{' '}
      {a.consentToDisclose ? <FormattedMessage id={consentKey[a.consentToDisclose]} /> : null}
      {a.consentToDisclose && a.contact ? ' · ' : null}
      {a.contact ? <FormattedMessage id={contactKey[a.contact]} /> : null}
      {request.answeredAt ? (
        <span className="muted">
          {' · '}
          <FormattedMessage id="tracingCentre.answeredAt" values={{ at: <Instant value={request.answeredAt} key="at" /> }} />
        </span>
      ) : null}
      {request.note ? <span className="tracing-request__note">{request.note}</span> : null}
    </p>
  );
}

/** The person's requests from HQ, a card on their page; nothing when HQ never asked about them. */
export function PersonTracingRequests({ personId, mayAnswer, onAnswered }: { personId: string; mayAnswer: boolean; onAnswered(event: MessageKey): void }) {
  const queryClient = useQueryClient();
  const titleId = useId();
  const [answering, setAnswering] = useState<{ requestId: string; form: 'answer' | 'notAsked' } | null>(null);
  const finished = (event: MessageKey) => {
    setAnswering(null);
    void queryClient.invalidateQueries({ queryKey });
    onAnswered(event);
  };
  const list = useQuery({ queryKey: [...queryKey, personId], queryFn: () => api.tracingCentre.list({ personId, includeAnswered: true }) });
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const requests = list.data?.requests ?? [];
  if (!requests.length) return null;
  return (
    <section className="card tracing-requests" aria-labelledby={titleId} data-testid="tracing-requests">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="tracingCentre.title" />
      </h2>
      <ul className="tracing-request-list">
        {requests.map((r) => (
          <li key={r.requestId} className={`tracing-request tracing-request--${r.status}`}>
            <Questions request={r} />
            <p className="muted">
              <FormattedMessage id="tracingCentre.askedAt" values={{ at: <Instant value={r.askedAt} key="at" /> }} />
            </p>
            {r.status === 'answered' ? <Answered request={r} /> : null}
            {r.status === 'could_not_ask' ? <NotAsked request={r} /> : null}
            {r.status === 'pending' && mayAnswer && answering?.requestId !== r.requestId ? (
              <div className="tracing-request__actions">
                <button type="button" className="button button--small button--primary" onClick={() => setAnswering({ requestId: r.requestId, form: 'answer' })}>
                  <FormattedMessage id="tracingCentre.record" />
                </button>
                <button type="button" className="button button--small" onClick={() => setAnswering({ requestId: r.requestId, form: 'notAsked' })}>
                  <FormattedMessage id="tracingCentre.notAsked" />
                </button>
              </div>
            ) : null}
            {answering?.requestId === r.requestId && answering.form === 'answer' ? (
              <AnswerForm request={r} onCancel={() => setAnswering(null)} onDone={() => finished('event.person.tracingAnswered')} />
            ) : null}
            {answering?.requestId === r.requestId && answering.form === 'notAsked' ? (
              <NotAskedForm request={r} onCancel={() => setAnswering(null)} onDone={() => finished('event.person.tracingNotAsked')} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The due-now board's list of HQ's requests still waiting for the person's answer. */
export function TracingRequestsBoard() {
  const titleId = useId();
  const list = useQuery({ queryKey: [...queryKey, 'pending'], queryFn: () => api.tracingCentre.list({}), refetchInterval: 60_000 });
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const requests = list.data?.requests ?? [];
  if (!requests.length) return null;
  return (
    <section className="card tracing-board" aria-labelledby={titleId} data-testid="tracing-board">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="tracingCentre.boardTitle" />
        <span className="due-group__count">{requests.length}</span>
      </h2>
      <ul className="due-list">
        {requests.map((r) => (
          <li key={r.requestId} className="due-item due-item--due tracing-board__item">
            <span className="status-badge status-badge--due">
              <FormattedMessage id="tracingCentre.status.pending" />
            </span>
            <a className="due-item__person" href={href({ name: 'person', personId: r.personId })}>
              <PersonNames latin={r.nameLatin} original={r.nameOriginal} />
            </a>
            <span className="due-item__when">
              <FormattedMessage id="tracingCentre.askedAt" values={{ at: <Instant value={r.askedAt} key="at" /> }} />
            </span>
            <Questions request={r} />
          </li>
        ))}
      </ul>
    </section>
  );
}
