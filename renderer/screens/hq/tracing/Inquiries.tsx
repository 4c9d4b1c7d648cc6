import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../../api';
import { ColumnHeads } from '../../../components/ColumnHeads';
import { PageTitle } from '../../../components/PageTitle';
import { formatDate } from '../../../datetime';
import { useListFormat } from '../../../i18n';
import { href, navigate } from '../../../routes';
import { tracingFilters, type TracingFilter } from '../address';
import { categoryLabel, statusLabel } from './labels';
import { OverdueBadge, QueryList } from './bits';
import '../hq.css';
import './tracing.css';

const filterLabel = { open: 'tracing.filter.open', answered: 'tracing.filter.answered', closed: 'tracing.filter.closed', all: 'tracing.filter.all' } as const;

/** Open tracing inquiries with their due dates, overdue first (issue #14 §3). Opening the list is audited. */
export function Inquiries({ status = 'open' }: { status?: TracingFilter }) {
  const intl = useIntl();
  const list = useListFormat();
  const filterId = useId();
  const inquiries = useQuery({ queryKey: ['tracing', 'list', status], queryFn: () => api.tracing.list({ status }) });
  return (
    <>
      <PageTitle id="tracing.title">
        <a className="button button--primary" href={href({ name: 'hqTracingNew' })}>
          <FormattedMessage id="tracing.new" />
        </a>
        <a className="button" href={href({ name: 'hqTracingRecords' })}>
          <FormattedMessage id="tracing.records" />
        </a>
      </PageTitle>
      <p className="lead hq-lead">
        <FormattedMessage id="tracing.intro" />
      </p>
      <div className="field tracing-filter">
        <label htmlFor={filterId} className="field__label">
          <FormattedMessage id="tracing.filter" />
        </label>
        <select id={filterId} className="input select" value={status} onChange={(e) => navigate({ name: 'hqTracing', status: e.target.value as TracingFilter })}>
          {tracingFilters.map((f) => (
            <option key={f} value={f}>
              {intl.formatMessage({ id: filterLabel[f] })}
            </option>
          ))}
        </select>
      </div>
      <QueryList query={inquiries} empty="tracing.empty">
        {(items) => (
          <table className="table tracing-list" data-testid="tracing-list">
            <ColumnHeads
              columns={[{ label: 'tracing.col.due' }, { label: 'tracing.col.sought' }, { label: 'tracing.col.requester' }, { label: 'tracing.col.received' }, { label: 'tracing.col.status' }]}
            />
            <tbody>
              {items.map((i) => (
                <tr key={i.inquiryId} className={i.overdue ? 'tracing-row--overdue' : undefined}>
                  <td>
                    {formatDate(i.dueOn)}
                    <OverdueBadge overdue={i.overdue} />
                  </td>
                  <th scope="row">
                    <a href={href({ name: 'hqInquiry', inquiryId: i.inquiryId })}>{list(i.subjectNames)}</a>
                  </th>
                  <td>
                    <FormattedMessage id={categoryLabel[i.category]} />: {i.requesterName}
                  </td>
                  <td>{formatDate(i.receivedOn)}</td>
                  <td>
                    <FormattedMessage id={statusLabel[i.status]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryList>
    </>
  );
}
