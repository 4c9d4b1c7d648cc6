import { useEffect, useId, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ReportFilter, ReportId } from '../../../../core/reports/model';
import { api } from '../../../api';
import { Instant } from '../../../components/Instant';
import { QueryError } from '../../../components/QueryError';
import { href } from '../../../routes';
import type { Figure } from './TableCard';

/**
 * The people behind one figure (issue #16 §1): names only, each a link to the person's page, which is
 * read-only at HQ. Asking for the list is audited server-side under the analyst's name.
 */
export function PeoplePanel({ reportId, filter, figure, onClose }: { reportId: ReportId; filter: ReportFilter; figure: Figure; onClose(): void }) {
  const intl = useIntl();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const people = useQuery({
    queryKey: ['hqReportsPeople', reportId, filter, figure.tableId, figure.rowKey, figure.columnKey],
    queryFn: () => api.hqReports.people({ reportId, filter, tableId: figure.tableId, rowKey: figure.rowKey, columnKey: figure.columnKey, limit: 200 }),
  });
  useEffect(() => {
    heading.current?.focus();
  }, [figure]);
  const d = people.data;
  return (
    <section className="reports-people" aria-labelledby={titleId}>
      <div className="reports-people__head">
        <h3 id={titleId} ref={heading} tabIndex={-1} className="reports-people__title">
          <FormattedMessage id="reportsUi.people.title" values={{ row: figure.rowName, column: figure.columnName }} />
        </h3>
        <button type="button" className="button button--quiet no-print" onClick={onClose}>
          <FormattedMessage id="reportsUi.people.close" />
        </button>
      </div>
      <p className="muted small">
        <FormattedMessage id="reportsUi.people.audited" />
      </p>
      {people.isError ? <QueryError error={people.error} onRetry={() => void people.refetch()} /> : null}
      {people.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {d ? (
        <>
          <p role="status">
            <FormattedMessage id="reportsUi.people.showing" values={{ shown: d.items.length, total: d.total }} />
          </p>
          <ul className="reports-people__list" aria-label={intl.formatMessage({ id: 'reportsUi.people.list' }, { total: d.total })}>
            {d.items.map((p) => (
              <li key={p.episodeId}>
                <a href={href({ name: 'person', personId: p.personId })}>{p.nameLatin}</a>
                <span className="muted small">
                  {p.facilityName ? ` · ${p.facilityName}` : ''} · <Instant value={p.apprehendedAt} />
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
