import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { visitStates, type VisitState } from '../../../core/npm/visit';
import { api } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../datetime';
import { href, navigate } from '../../routes';
import { visitStateLabel, visitTypeLabel } from './labels';
import { PlanVisitForm } from './PlanVisitForm';
import './npm.css';
import { ColumnHeads } from '../../components/ColumnHeads';

export const visitsKey = ['npmVisits'] as const;

/** Every visit of this office, newest plan first, with what is still owed from each. */
export function Visits({ mayWrite }: { mayWrite: boolean }) {
  const intl = useIntl();
  const filterId = useId();
  const [state, setState] = useState<VisitState | ''>('');
  const [planning, setPlanning] = useState(false);
  const list = useQuery({ queryKey: [...visitsKey, state], queryFn: () => api.npmVisits.list(state ? { state } : {}) });
  const visits = list.data ? [...list.data.visits].sort((a, b) => b.plannedFor.localeCompare(a.plannedFor)) : [];

  return (
    <div className="npm-page">
      <PageTitle id="vis.list.title">
        {mayWrite ? (
          <button type="button" className="button button--primary" aria-expanded={planning} onClick={() => setPlanning((p) => !p)}>
            <FormattedMessage id="vis.plan.open" />
          </button>
        ) : null}
      </PageTitle>
      {planning ? <PlanVisitForm onDone={(visitId) => navigate({ name: 'visit', visitId })} onCancel={() => setPlanning(false)} /> : null}
      <div className="filters npm-filters">
        <div className="field">
          <label className="field__label" htmlFor={filterId}>
            <FormattedMessage id="vis.list.filter" />
          </label>
          <select id={filterId} className="input select" value={state} onChange={(e) => setState(e.currentTarget.value as VisitState | '')}>
            <option value="">{intl.formatMessage({ id: 'vis.list.allStates' })}</option>
            {visitStates.map((s) => (
              <option key={s} value={s}>
                {intl.formatMessage({ id: visitStateLabel[s] })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {list.data && visits.length === 0 ? (
        <p className="empty-state">
          <FormattedMessage id={state ? 'vis.list.emptyFiltered' : 'vis.list.empty'} />
        </p>
      ) : null}
      {visits.length ? (
        <div className="table-wrap">
          <table className="table npm-visits">
            <caption>
              <FormattedMessage id="vis.list.caption" values={{ count: visits.length }} />
            </caption>
            <ColumnHeads
              columns={[
                { label: 'vis.col.facility' },
                { label: 'vis.col.type' },
                { label: 'vis.col.announced' },
                { label: 'vis.col.planned' },
                { label: 'vis.col.state' },
                { label: 'vis.col.interviews', className: 'num' },
                { label: 'vis.col.findings', className: 'num' },
                { label: 'vis.col.reprisalDue', className: 'num' },
              ]}
            />
            <tbody>
              {visits.map((v) => (
                <tr key={v.visitId} className={v.reprisalChecksDue > 0 ? 'row--attention' : undefined}>
                  <td>
                    <a href={href({ name: 'visit', visitId: v.visitId })}>{v.facilityName}</a>
                  </td>
                  <td>
                    <FormattedMessage id={visitTypeLabel[v.type]} />
                  </td>
                  <td>
                    <FormattedMessage id={v.announced ? 'vis.announced' : 'vis.unannounced'} />
                  </td>
                  <td className="nowrap">{formatDate(v.plannedFor)}</td>
                  <td>
                    <StateBadge state={v.state} />
                  </td>
                  <td className="num">{v.interviews}</td>
                  <td className="num">{v.findings}</td>
                  <td className="num">
                    {v.reprisalChecksDue > 0 ? (
                      <span className="badge npm-badge--due" title={intl.formatMessage({ id: 'vis.list.reprisalDueTitle' })}>
                        {v.reprisalChecksDue}
                      </span>
                    ) : (
                      <span className="muted">0</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

export function StateBadge({ state }: { state: VisitState }) {
  return (
    <span className={`badge npm-state npm-state--${state}`}>
      <FormattedMessage id={visitStateLabel[state]} />
    </span>
  );
}
