import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import { ApiError } from '../../../../core/contract/errors';
import type { inquiryView } from '../../../../core/contract/tracing';
import type { TracingRequestKind } from '../../../../core/contract/tracing-shared';
import type { MessageKey } from '../../../../core/i18n';
import { api } from '../../../api';
import { Instant } from '../../../components/Instant';
import { useListFormat } from '../../../i18n';
import { couldNotAskKey } from '../../tracing/CentreRequests';
import { consentAnswerLabel, contactAnswerLabel, requestKindLabel } from './labels';

type View = z.infer<typeof inquiryView>;

/**
 * Asking the person through the centre that holds (or last held) them (the HQ -> centre channel,
 * `tracingCentre.*`): their consent to disclose their whereabouts to this requester, and/or telling
 * them who is looking for them. Offered for each confirmed person, and for any candidate whose answer is
 * withheld; the centre's answers, once back, decide what the answer may disclose (core/tracing.ts).
 */
export function CentrePanel({ view, closed, reload }: { view: View; closed: boolean; reload(): Promise<unknown> }) {
  const intl = useIntl();
  const list = useListFormat();
  const queryClient = useQueryClient();
  const answers = useQuery({ queryKey: ['tracing', 'centre', view.inquiryId], queryFn: () => api.tracingCentre.centreAnswers({ inquiryId: view.inquiryId }) });
  const [error, setError] = useState<MessageKey | null>(null);
  const titleId = useId();
  const ask = useMutation({
    mutationFn: (v: { personId: string; kinds: TracingRequestKind[] }) =>
      api.tracingCentre.askCentre({ inquiryId: view.inquiryId, personId: v.personId, kinds: v.kinds, requesterCategory: view.requester.category }),
    onSuccess: async () => {
      setError(null);
      await queryClient.invalidateQueries({ queryKey: ['tracing', 'centre', view.inquiryId] });
      await reload();
    },
    onError: (e) => setError(e instanceof ApiError ? (e.messageKey as MessageKey) : 'error.internal'),
  });
  const people = view.candidates.flatMap((c) =>
    c.kind === 'person' && (c.review?.decision === 'confirmed' || (c.disclosure !== 'may_disclose' && c.disclosure !== 'consent_given' && c.review?.decision !== 'rejected')) ? [c] : [],
  );
  const requests = answers.data?.requests ?? [];
  if (people.length === 0 && requests.length === 0) return null;
  const nameOf = (personId: string) => {
    const c = view.candidates.find((x) => x.kind === 'person' && x.candidateId === personId);
    return c && c.kind === 'person' ? c.person.nameLatin : personId;
  };
  return (
    <section className="card" aria-labelledby={titleId} data-testid="tracing-centre">
      <h2 id={titleId} className="card__title">
        <FormattedMessage id="tracing.askCentre" />
      </h2>
      {error ? (
        <p className="alert alert--danger" role="alert">
          <FormattedMessage id={error} />
        </p>
      ) : null}
      {closed
        ? null
        : people.map((c) => (
            <div key={c.candidateId} className="tracing-ask">
              <strong>{c.person.nameLatin}</strong>{' '}
              <button type="button" className="button button--small" disabled={ask.isPending} onClick={() => ask.mutate({ personId: c.candidateId, kinds: ['consent_to_disclose'] })}>
                <FormattedMessage id="tracing.askCentre.consent" />
              </button>{' '}
              <button type="button" className="button button--small button--quiet" disabled={ask.isPending} onClick={() => ask.mutate({ personId: c.candidateId, kinds: ['contact_notice'] })}>
                <FormattedMessage id="tracing.askCentre.notice" />
              </button>
            </div>
          ))}
      {answers.isError ? (
        <p className="muted">
          <FormattedMessage id="tracing.centre.unavailable" />
        </p>
      ) : null}
      {requests.length ? (
        <>
          <h3 className="tracing-subtitle">
            <FormattedMessage id="tracing.centre.title" />
          </h3>
          <ul className="tracing-answer-list" data-testid="tracing-centre-answers">
            {requests.map((r) => {
              const said = [
                r.answers.consentToDisclose ? intl.formatMessage({ id: consentAnswerLabel[r.answers.consentToDisclose] }) : null,
                r.answers.contact ? intl.formatMessage({ id: contactAnswerLabel[r.answers.contact] }) : null,
              ].filter((x): x is string => x !== null);
              return (
                <li key={r.requestId}>
                  <strong>{nameOf(r.personId)}</strong>: {list(r.kinds.map((k) => intl.formatMessage({ id: requestKindLabel[k] })))}
                  <div className="small muted">
                    {r.status === 'pending' ? (
                      <FormattedMessage id="tracing.centre.pending" values={{ date: <Instant value={r.askedAt} /> }} />
                    ) : r.status === 'could_not_ask' ? (
                      // Closed without the person's word: the reason and the centre's note, which is no consent (core/tracing.ts).
                      <span data-testid="tracing-centre-not-asked">
                        <FormattedMessage
                          id="tracingCentre.hq.couldNotAsk"
                          values={{ date: r.answeredAt ? <Instant value={r.answeredAt} /> : '', reason: r.couldNotAskReason ? intl.formatMessage({ id: couldNotAskKey[r.couldNotAskReason] }) : '' }}
                        />
                        {r.note ? ` (${r.note})` : ''}
                      </span>
                    ) : (
                      <>
                        <FormattedMessage id="tracing.centre.answered" values={{ date: r.answeredAt ? <Instant value={r.answeredAt} /> : '' }} />
                        {said.length ? ` — ${list(said)}` : ''}
                        {r.note ? ` (${r.note})` : ''}
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
