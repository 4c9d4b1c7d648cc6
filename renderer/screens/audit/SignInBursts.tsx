import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { api } from '../../api';
import { Instant } from '../../components/Instant';
import { QueryError } from '../../components/QueryError';

/**
 * Failed sign-ins grouped into bursts (issue #10 §3): "5 failed sign-ins for ‘ali’ between 02:01 and
 * 02:03" reads as an attack or a forgotten password at a glance, where fifty audit lines do not.
 */
export function SignInBursts() {
  const titleId = useId();
  const bursts = useQuery({ queryKey: ['signIn', 'bursts'], queryFn: () => api.signIn.bursts({ limit: 20 }) });
  return (
    <section aria-labelledby={titleId} className="stack">
      <h2 id={titleId}>
        <FormattedMessage id="audit.bursts.title" />
      </h2>
      <p className="muted">
        <FormattedMessage id="audit.bursts.intro" />
      </p>
      {bursts.isError ? <QueryError error={bursts.error} onRetry={() => void bursts.refetch()} /> : null}
      {bursts.data && bursts.data.bursts.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="audit.bursts.empty" />
        </p>
      ) : null}
      {bursts.data && bursts.data.bursts.length > 0 ? (
        <ul className="plain-list">
          {bursts.data.bursts.map((b) => (
            <li key={`${b.username}-${b.from}`} className={b.count > 1 ? 'row--attention' : undefined}>
              <FormattedMessage id="audit.bursts.line" values={{ count: b.count, username: b.username, from: <Instant value={b.from} />, to: <Instant value={b.to} /> }} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
