import { useEffect, useId, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm, type FieldError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import type { UserView } from '../../core/contract';
import type { MessageRef } from '../../core/contract/errors';
import { password } from '../../core/fields';
import { rolesForKind, type Role } from '../../core/permissions';
import type { FacilityKind } from '../../core/fields';
import { api } from '../api';
import { FormAlert, TextField } from '../components/fields';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { applyServerErrors, contractResolverOptions } from '../forms';
import { roleLabel } from '../labels';
import { newUserFormSchema } from '../schemas';
import { Instant } from '../components/Instant';
import { useListFormat } from '../i18n';
import { LockedAccounts } from './users/LockedAccounts';
import { RolesField } from './users/RolesField';
import { ActionPanel, OutcomePanel, RowActions, usersKey, type AccountAction, type AccountOutcome } from './users/AccountActions';
import { ColumnHeads } from '../components/ColumnHeads';

/** Only the roles of this kind of installation are offered (a monitor is never made at a centre). */
export function Users({ facilityKind }: { facilityKind: FacilityKind }) {
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<UserView | null>(null);
  const formId = useId();
  const openButton = useRef<HTMLButtonElement>(null);
  const users = useQuery({ queryKey: usersKey, queryFn: () => api.users.list() });
  // Your own row has no actions: your password and roles go through other doors (issue #10 §4).
  const session = useQuery({ queryKey: ['users', 'self'], queryFn: () => api.auth.session() });
  const [action, setAction] = useState<{ action: AccountAction; user: UserView } | null>(null);
  const [outcome, setOutcome] = useState<AccountOutcome | null>(null);
  const offered = rolesForKind(facilityKind);

  const close = (user: UserView | null) => {
    setFormOpen(false);
    if (user) setCreated(user);
    openButton.current?.focus();
  };

  return (
    <>
      <PageTitle id="users.title">
        <button
          type="button"
          ref={openButton}
          className="button button--primary"
          aria-expanded={formOpen}
          aria-controls={formOpen ? formId : undefined}
          onClick={() => {
            setCreated(null);
            setFormOpen((o) => !o);
          }}
        >
          <FormattedMessage id="users.new" />
        </button>
      </PageTitle>
      <div role="status" className="status-line">
        {created ? (
          <p className="alert alert--success">
            <FormattedMessage id="users.created" values={{ username: created.username }} />
          </p>
        ) : null}
      </div>
      {formOpen ? <NewUserForm id={formId} onClose={close} offered={offered} /> : null}
      {outcome ? <OutcomePanel outcome={outcome} onClose={() => setOutcome(null)} /> : null}
      {action ? (
        <ActionPanel
          key={`${action.action}:${action.user.userId}`}
          action={action.action}
          user={action.user}
          offered={offered}
          onCancel={() => setAction(null)}
          onDone={(o) => {
            setAction(null);
            setOutcome(o);
          }}
        />
      ) : null}
      {users.isError ? <QueryError error={users.error} onRetry={() => void users.refetch()} /> : null}
      {users.data ? (
        <UsersTable
          users={users.data.users}
          selfId={session.data?.session?.user.userId ?? null}
          onPick={(user, a) => {
            setOutcome(null);
            setCreated(null);
            setAction({ action: a, user });
          }}
        />
      ) : null}
      <LockedAccounts />
      {users.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
    </>
  );
}

function UsersTable({ users, selfId, onPick }: { users: UserView[]; selfId: string | null; onPick(user: UserView, action: AccountAction): void }) {
  const intl = useIntl();
  const list = useListFormat();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>
          <FormattedMessage id="users.caption" values={{ count: users.length }} />
        </caption>
        <ColumnHeads
          columns={[{ label: 'user.username' }, { label: 'user.displayName' }, { label: 'user.roles' }, { label: 'user.active' }, { label: 'user.created' }, { label: 'users.col.actions' }]}
        />
        <tbody>
          {users.map((u) => (
            <tr key={u.userId}>
              <th scope="row" className="mono">
                {u.username}
              </th>
              <td>{u.displayName}</td>
              <td>{list(u.roles.map((r) => intl.formatMessage({ id: roleLabel[r] })))}</td>
              <td>
                <span className={`badge ${u.active ? 'badge--ok' : 'badge--muted'}`}>
                  <FormattedMessage id={u.active ? 'common.yes' : 'common.no'} />
                </span>
                {u.active && u.hasKeySlot === false ? (
                  <span className="badge badge--failed">
                    <FormattedMessage id="users.noKeySlot" />
                  </span>
                ) : null}
              </td>
              <td className="nowrap">
                <Instant value={u.createdAt} />
              </td>
              <td>
                <RowActions user={u} self={u.userId === selfId} onPick={(a) => onPick(u, a)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Values = z.input<typeof newUserFormSchema>;
const serverFields = ['username', 'displayName', 'roles', 'password'];

function NewUserForm({ id, onClose, offered }: { id: string; onClose(user: UserView | null): void; offered: readonly Role[] }) {
  const queryClient = useQueryClient();
  const titleId = useId();
  const [formError, setFormError] = useState<MessageRef | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, z.output<typeof newUserFormSchema>>({
    resolver: zodResolver(newUserFormSchema, contractResolverOptions),
    defaultValues: { username: '', displayName: '', roles: [], password: '', repeatPassword: '' },
  });

  useEffect(() => setFocus('username'), [setFocus]);

  const submit = handleSubmit(
    async ({ repeatPassword: _repeat, ...input }) => {
      setFormError(null);
      try {
        const { user } = await api.users.create(input);
        await queryClient.invalidateQueries({ queryKey: usersKey });
        onClose(user);
      } catch (e) {
        setFormError(applyServerErrors(e, setError, serverFields));
      }
    },
    () => setFormError({ key: 'error.validation' }),
  );

  return (
    <section
      id={id}
      className="card panel"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose(null);
        }
      }}
    >
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="users.new" />
      </h2>
      <form onSubmit={submit} noValidate className="form">
        <div className="form-grid">
          <TextField label="user.username" hint={<FormattedMessage id="user.usernameHint" />} registration={register('username')} error={errors.username} autoComplete="off" autoCapitalize="none" />
          <TextField label="user.displayName" registration={register('displayName')} error={errors.displayName} autoComplete="off" spellCheck />
          <TextField
            label="user.password"
            type="password"
            hint={<FormattedMessage id="user.passwordHint" values={{ min: password.minLength ?? 10 }} />}
            registration={register('password')}
            error={errors.password}
            autoComplete="new-password"
          />
          <TextField label="user.repeatPassword" type="password" registration={register('repeatPassword')} error={errors.repeatPassword} autoComplete="new-password" />
        </div>
        <RolesField registration={register('roles')} error={errors.roles as FieldError | undefined} offered={offered} />
        <FormAlert message={formError} />
        <div className="actions">
          <button type="button" className="button" onClick={() => onClose(null)}>
            <FormattedMessage id="common.cancel" />
          </button>
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            <FormattedMessage id={isSubmitting ? 'users.create.submitting' : 'users.create.submit'} />
          </button>
        </div>
      </form>
    </section>
  );
}
