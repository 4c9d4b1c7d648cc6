import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageKey } from '../../../core/i18n';
import type { LockoutView } from '../../../core/contract/sign-in';
import { ApiError } from '../../../core/contract/errors';
import { api } from '../../api';
import { FormAlert } from '../../components/fields';
import { Instant } from '../../components/Instant';
import { QueryError } from '../../components/QueryError';
import { ColumnHeads } from '../../components/ColumnHeads';

const lockoutsKey = ['signIn', 'lockouts'] as const;

const subjectKey: Record<LockoutView['subject'], MessageKey> = { user: 'users.lockouts.subject.user', client: 'users.lockouts.subject.client' };
const purposeKey: Record<LockoutView['purpose'], MessageKey> = { login: 'users.lockouts.purpose.login', recover: 'users.lockouts.purpose.recover' };

/**
 * User names and windows locked after too many failed sign-ins (issue #10 §3), each with a button that
 * lifts the lock; lifting it is audited. Shown on the Users screen to whoever may manage users.
 */
export function LockedAccounts() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const titleId = useId();
  const lockouts = useQuery({ queryKey: lockoutsKey, queryFn: () => api.signIn.lockouts({}) });
  const unlock = useMutation({
    mutationFn: (lock: LockoutView) => api.signIn.unlock({ lockId: lock.lockId }),
    onSuccess: (_r, lock) => {
      setDone(lock.name);
      void queryClient.invalidateQueries({ queryKey: lockoutsKey });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: lockoutsKey }),
  });
  const rows = lockouts.data?.lockouts ?? [];

  return (
    <section aria-labelledby={titleId} className="stack">
      <h2 id={titleId}>
        <FormattedMessage id="users.lockouts.title" />
      </h2>
      <p className="muted">
        <FormattedMessage id="users.lockouts.intro" />
      </p>
      <div role="status" className="status-line">
        {done ? (
          <p className="alert alert--success">
            <FormattedMessage id="users.lockouts.unlocked" values={{ name: done }} />
          </p>
        ) : null}
      </div>
      {unlock.isError ? <FormAlert message={unlock.error instanceof ApiError ? { key: unlock.error.messageKey } : { key: 'app.unexpectedError' }} /> : null}
      {lockouts.isError ? <QueryError error={lockouts.error} onRetry={() => void lockouts.refetch()} /> : null}
      {lockouts.data && rows.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="users.lockouts.empty" />
        </p>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption>
              <FormattedMessage id="users.lockouts.caption" values={{ count: rows.length }} />
            </caption>
            <ColumnHeads
              columns={[
                { label: 'users.lockouts.col.name' },
                { label: 'users.lockouts.col.purpose' },
                { label: 'users.lockouts.col.failures', className: 'num' },
                { label: 'users.lockouts.col.until' },
                { label: 'users.lockouts.col.action' },
              ]}
            />
            <tbody>
              {rows.map((l) => (
                <tr key={l.lockId}>
                  <th scope="row">
                    <span className="small muted">{intl.formatMessage({ id: subjectKey[l.subject] })}</span> <span className="mono">{l.name}</span>
                    {l.displayName ? <> ({l.displayName})</> : null}
                  </th>
                  <td>{intl.formatMessage({ id: purposeKey[l.purpose] })}</td>
                  <td className="num">{l.failures}</td>
                  <td className="nowrap">
                    <Instant value={l.lockedUntil} />
                  </td>
                  <td>
                    <button type="button" className="button" disabled={unlock.isPending} onClick={() => unlock.mutate(l)}>
                      <FormattedMessage id="users.lockouts.unlock" values={{ name: l.name }} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
