import { useMutation, useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import type { auditEntryView } from '../../core/contract';
import { api } from '../api';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { useTimeZone } from '../i18n';
import { actorWithoutAccountKey, auditActionKey, entityTypeKey, outcomeLabel } from '../labels';
import { Instant } from '../components/Instant';
import { SignInBursts } from './audit/SignInBursts';
import { ColumnHeads } from '../components/ColumnHeads';

type Entry = z.infer<typeof auditEntryView>;

export function AuditLog() {
  const entries = useQuery({ queryKey: ['audit', 100], queryFn: () => api.audit.list({ limit: 100 }) });
  const verify = useMutation({ mutationFn: () => api.audit.verify() });
  const zone = useTimeZone();

  return (
    <>
      <PageTitle id="audit.title">
        <button type="button" className="button button--primary" onClick={() => verify.mutate()} disabled={verify.isPending}>
          <FormattedMessage id={verify.isPending ? 'audit.verifying' : 'audit.verify'} />
        </button>
      </PageTitle>
      <p className="lead">
        <FormattedMessage id="audit.intro" values={{ zone }} />
      </p>
      <div role="status" className="status-line">
        {verify.data ? <VerifyResult result={verify.data} /> : null}
      </div>
      {verify.isError ? <QueryError error={verify.error} onRetry={() => verify.mutate()} /> : null}
      {entries.isError ? <QueryError error={entries.error} onRetry={() => void entries.refetch()} /> : null}
      {entries.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      <SignInBursts />
      {entries.data ? <AuditTable entries={entries.data.entries} /> : null}
    </>
  );
}

function VerifyResult({ result }: { result: Awaited<ReturnType<typeof api.audit.verify>> }) {
  const allGood = result.auditIntact && result.eventChainIntact;
  return (
    <div className={`alert ${allGood ? 'alert--success' : 'alert--danger'}`}>
      <p className="alert__title">
        <FormattedMessage id={allGood ? 'audit.verify.allIntact' : 'audit.verify.broken'} />
      </p>
      <ul className="plain-list">
        <li>
          {result.auditIntact ? (
            <FormattedMessage id="audit.verify.auditIntact" values={{ count: result.auditEntries }} />
          ) : (
            <FormattedMessage id="audit.verify.auditBroken" values={{ seq: result.firstBrokenSeq ?? '?' }} />
          )}
        </li>
        <li>
          <FormattedMessage id={result.eventChainIntact ? 'audit.verify.eventsIntact' : 'audit.verify.eventsBroken'} values={{ count: result.events }} />
        </li>
      </ul>
    </div>
  );
}

function AuditTable({ entries }: { entries: Entry[] }) {
  const intl = useIntl();
  if (entries.length === 0) {
    return (
      <p className="muted">
        <FormattedMessage id="audit.empty" />
      </p>
    );
  }
  return (
    <div className="table-wrap table-wrap--scroll">
      <table className="table table--dense">
        <caption className="visually-hidden">
          <FormattedMessage id="audit.caption" values={{ count: entries.length }} />
        </caption>
        <ColumnHeads
          columns={[
            { label: 'audit.col.seq', className: 'num' },
            { label: 'audit.col.time' },
            { label: 'audit.col.actor' },
            { label: 'audit.col.action' },
            { label: 'audit.col.method' },
            { label: 'audit.col.entity' },
            { label: 'audit.col.outcome' },
          ]}
        />
        <tbody>
          {entries.map((e) => {
            const actionKey = auditActionKey(e.action);
            const entityKey = e.entityType ? entityTypeKey(e.entityType) : null;
            return (
              <tr key={e.seq} className={e.outcome === 'ok' ? undefined : 'row--attention'}>
                <td className="num mono">{e.seq}</td>
                <td className="nowrap">
                  <Instant value={e.at} seconds />
                </td>
                <td>{e.actorName ?? <span className="muted">{intl.formatMessage({ id: actorWithoutAccountKey(e.actor) })}</span>}</td>
                <td>{actionKey ? intl.formatMessage({ id: actionKey }) : <span className="mono">{e.action}</span>}</td>
                <td className="mono small">{e.method}</td>
                <td>
                  {e.entityType ? (
                    <>
                      {entityKey ? intl.formatMessage({ id: entityKey }) : <span className="mono">{e.entityType}</span>}
                      {e.entityId ? (
                        <span className="mono small muted" title={e.entityId}>
                          {' '}
                          {e.entityId.slice(0, 8)}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  <span className={`badge badge--${e.outcome}`}>{intl.formatMessage({ id: outcomeLabel[e.outcome] })}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
