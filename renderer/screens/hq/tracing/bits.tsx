import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import type { MessageKey } from '../../../../core/i18n';
import { QueryError } from '../../../components/QueryError';
import { href } from '../../../routes';

/** The way back to the inquiries from a page below them. */
export function BackToInquiries() {
  return (
    <p className="hq-back">
      <a href={href({ name: 'hqTracing' })}>
        <span aria-hidden="true">← </span>
        <FormattedMessage id="tracing.back" />
      </a>
    </p>
  );
}

/** Past its due date: said in words, not by colour alone. */
export function OverdueBadge({ overdue }: { overdue: boolean }) {
  return overdue ? (
    <>
      {' '}
      <span className="badge badge--denied">
        <FormattedMessage id="tracing.overdue" />
      </span>
    </>
  ) : null;
}

/** A list that could not be loaded says why (beside what it showed before), an empty one says so, else its rows. */
export function QueryList<T>({ query, empty, children }: { query: UseQueryResult<{ items: T[] }>; empty: MessageKey; children(items: T[]): ReactNode }) {
  const items = query.data?.items;
  return (
    <>
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {items && items.length === 0 ? (
        <p className="muted">
          <FormattedMessage id={empty} />
        </p>
      ) : null}
      {items && items.length > 0 ? <div className="table-wrap">{children(items)}</div> : null}
    </>
  );
}
