import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../api';
import { Instant } from '../components/Instant';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { href } from '../routes';
import { ColumnHeads } from '../components/ColumnHeads';

export { IntakeWizard } from './intake/Wizard';

/**
 * Where an intake starts: a new one, or a draft someone left (a colleague's included: at shift change
 * the next registrar finishes it).
 */
export function IntakeStart() {
  const drafts = useQuery({ queryKey: ['drafts'], queryFn: () => api.drafts.list(), staleTime: 0 });
  return (
    <>
      <PageTitle id="intake.title">
        <a className="button button--primary" href={href({ name: 'intakeNew' })}>
          <FormattedMessage id="intake.start" />
        </a>
      </PageTitle>
      <p className="lead">
        <FormattedMessage id="intake.lead" />
      </p>
      {drafts.isError ? <QueryError error={drafts.error} onRetry={() => void drafts.refetch()} /> : null}
      {drafts.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {drafts.data ? <Drafts drafts={drafts.data.drafts.filter((d) => d.kind === 'intake')} /> : null}
    </>
  );
}

type Draft = Awaited<ReturnType<typeof api.drafts.list>>['drafts'][number];

function Drafts({ drafts }: { drafts: Draft[] }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [discarded, setDiscarded] = useState(false);
  const titleId = useId();
  const discard = useMutation({
    mutationFn: (draftId: string) => api.drafts.discard({ draftId }),
    onSuccess: async () => {
      setConfirming(null);
      setDiscarded(true);
      await queryClient.invalidateQueries({ queryKey: ['drafts'] });
    },
  });
  return (
    <section className="card drafts" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="intake.drafts.title" />
      </h2>
      <div role="status" className="status-line">
        {discarded ? (
          <p className="alert alert--success">
            <FormattedMessage id="intake.drafts.discarded" />
          </p>
        ) : null}
      </div>
      {discard.isError ? <QueryError error={discard.error} onRetry={() => confirming && discard.mutate(confirming)} /> : null}
      {drafts.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="intake.drafts.none" />
        </p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">
            <FormattedMessage id="intake.drafts.title" />
          </caption>
          <ColumnHeads columns={[{ label: 'intake.drafts.col.name' }, { label: 'intake.drafts.col.saved' }, { label: 'intake.drafts.col.actions', hidden: true }]} />
          <tbody>
            {drafts.map((d) => {
              const name = d.title || intl.formatMessage({ id: 'intake.untitled' });
              return (
                <tr key={d.draftId}>
                  <td dir="auto">{name}</td>
                  <td className="nowrap">
                    <Instant value={d.updatedAt} />
                  </td>
                  <td className="drafts__actions">
                    {confirming === d.draftId ? (
                      <span className="confirm">
                        <span className="confirm__q">
                          <FormattedMessage id="intake.drafts.confirm" values={{ name }} />
                        </span>
                        <button type="button" className="button button--small button--danger" onClick={() => discard.mutate(d.draftId)} disabled={discard.isPending} autoFocus>
                          <FormattedMessage id="intake.drafts.confirmYes" />
                        </button>
                        <button type="button" className="button button--small" onClick={() => setConfirming(null)}>
                          <FormattedMessage id="intake.drafts.confirmNo" />
                        </button>
                      </span>
                    ) : (
                      <>
                        <a
                          className="button button--small button--primary"
                          href={href({ name: 'intakeDraft', draftId: d.draftId })}
                          aria-label={intl.formatMessage({ id: 'intake.drafts.resumeNamed' }, { name })}
                        >
                          <FormattedMessage id="intake.drafts.resume" />
                        </a>
                        <button type="button" className="button button--small" onClick={() => setConfirming(d.draftId)} aria-label={intl.formatMessage({ id: 'intake.drafts.discardNamed' }, { name })}>
                          <FormattedMessage id="intake.drafts.discard" />
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
