import { useEffect, useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useForm, type FieldError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { FormattedMessage } from 'react-intl';
import { z } from 'zod';
import type { UserView } from '../../../core/contract';
import { ApiError, type MessageRef } from '../../../core/contract/errors';
import type { MessageKey } from '../../../core/i18n';
import { roleSchema, type Role } from '../../../core/permissions';
import { api } from '../../api';
import { FormAlert } from '../../components/fields';
import { applyServerErrors, contractResolverOptions } from '../../forms';
import { RolesField } from './RolesField';

export type AccountAction = 'roles' | 'reset' | 'disable' | 'enable';

/** What the administrator must see after an action: a one-time password, or what a re-key left to do. */
export type AccountOutcome =
  { kind: 'otp'; username: string; password: string } | { kind: 'disabled'; username: string; needReset: string[]; recoveryKey: string | null } | { kind: 'roles'; username: string };

export const usersKey = ['users'] as const;

/** The buttons of one account's row: the actions that apply to it (none on your own row). */
export function RowActions({ user, self, onPick }: { user: UserView; self: boolean; onPick(action: AccountAction): void }) {
  if (self) {
    return (
      <span className="muted">
        <FormattedMessage id="users.you" />
      </span>
    );
  }
  const actions: AccountAction[] = user.active ? ['roles', 'reset', 'disable'] : ['enable'];
  const label: Record<AccountAction, MessageKey> = { roles: 'users.action.roles', reset: 'users.action.reset', disable: 'users.action.disable', enable: 'users.action.enable' };
  return (
    <div className="actions actions--start">
      {actions.map((a) => (
        <button key={a} type="button" className={`button button--small${a === 'disable' ? ' button--danger' : ''}`} onClick={() => onPick(a)}>
          <FormattedMessage id={label[a]} />
        </button>
      ))}
    </div>
  );
}

const titles: Record<AccountAction, MessageKey> = { roles: 'users.roles.title', reset: 'users.reset.title', disable: 'users.disable.title', enable: 'users.enable.title' };

/**
 * The panel for one action on one account (issue #10 §4): a short explanation, and a confirming button
 * that is a real button. Escape or Cancel closes it without doing anything.
 */
export function ActionPanel({ action, user, offered, onDone, onCancel }: { action: AccountAction; user: UserView; offered: readonly Role[]; onDone(outcome: AccountOutcome): void; onCancel(): void }) {
  const titleId = useId();
  const queryClient = useQueryClient();
  const [error, setError] = useState<MessageRef | null>(null);
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), []);

  const run = async (work: () => Promise<AccountOutcome>) => {
    setError(null);
    setBusy(true);
    try {
      const outcome = await work();
      await queryClient.invalidateQueries({ queryKey: usersKey });
      onDone(outcome);
    } catch (e) {
      setError(e instanceof ApiError ? { key: e.messageKey, ...(e.params ? { params: e.params } : {}) } : { key: 'app.unexpectedError' });
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (action === 'reset') {
      await run(async () => {
        const r = await api.users.resetPassword({ userId: user.userId });
        return { kind: 'otp', username: user.username, password: r.oneTimePassword };
      });
    } else if (action === 'enable') {
      await run(async () => {
        const r = await api.users.enable({ userId: user.userId });
        return { kind: 'otp', username: user.username, password: r.oneTimePassword };
      });
    } else if (action === 'disable') {
      await run(async () => {
        const r = await api.users.disable({ userId: user.userId });
        return { kind: 'disabled', username: user.username, needReset: r.needReset, recoveryKey: r.recoveryKey };
      });
    }
  };

  const intro: Partial<Record<AccountAction, MessageKey>> = { reset: 'users.reset.intro', disable: 'users.disable.intro', enable: 'users.enable.intro' };
  const confirmLabel: Partial<Record<AccountAction, MessageKey>> = { reset: 'users.reset.confirm', disable: 'users.disable.confirm', enable: 'users.enable.confirm' };

  return (
    <section
      ref={panel}
      tabIndex={-1}
      className="card panel"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id={titles[action]} values={{ username: user.username }} />
      </h2>
      {action === 'roles' ? (
        <RolesForm user={user} offered={offered} onDone={onDone} onCancel={onCancel} />
      ) : (
        <>
          <p>
            <FormattedMessage id={intro[action]} />
          </p>
          <FormAlert message={error} />
          {busy && action === 'disable' ? (
            <p role="status" className="muted">
              <FormattedMessage id="users.disable.working" />
            </p>
          ) : null}
          <div className="actions">
            <button type="button" className="button" onClick={onCancel} disabled={busy}>
              <FormattedMessage id="common.cancel" />
            </button>
            <button type="button" className={`button ${action === 'disable' ? 'button--danger' : 'button--primary'}`} onClick={() => void confirm()} disabled={busy}>
              <FormattedMessage id={busy ? 'users.working' : confirmLabel[action]!} />
            </button>
          </div>
        </>
      )}
    </section>
  );
}

const rolesFormSchema = z.object({ roles: z.array(roleSchema).min(1).max(7) });

function RolesForm({ user, offered, onDone, onCancel }: { user: UserView; offered: readonly Role[]; onDone(outcome: AccountOutcome): void; onCancel(): void }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<MessageRef | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof rolesFormSchema>, unknown, z.output<typeof rolesFormSchema>>({
    resolver: zodResolver(rolesFormSchema, contractResolverOptions),
    defaultValues: { roles: user.roles },
  });
  const submit = handleSubmit(
    async ({ roles }) => {
      setFormError(null);
      try {
        await api.users.setRoles({ userId: user.userId, roles });
        await queryClient.invalidateQueries({ queryKey: usersKey });
        onDone({ kind: 'roles', username: user.username });
      } catch (e) {
        setFormError(applyServerErrors(e, setError, ['roles']));
      }
    },
    () => setFormError({ key: 'error.validation' }),
  );
  return (
    <form onSubmit={submit} noValidate className="form">
      <RolesField registration={register('roles')} error={errors.roles as FieldError | undefined} offered={offered} />
      <FormAlert message={formError} />
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          <FormattedMessage id="common.cancel" />
        </button>
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          <FormattedMessage id={isSubmitting ? 'users.working' : 'users.roles.save'} />
        </button>
      </div>
    </form>
  );
}

/** A one-time secret (password or recovery key) shown once, labelled so a screen reader names it. */
function SecretValue({ label, value }: { label: MessageKey; value: string }) {
  const valueId = useId();
  return (
    <p>
      <span id={valueId} className="field__label">
        <FormattedMessage id={label} />
      </span>{' '}
      <output aria-labelledby={valueId} className="recovery-key mono">
        {value}
      </output>
    </p>
  );
}

/**
 * What an action left for the administrator: a one-time password shown once (to hand over in person),
 * or after a disable, the accounts that need a reset and a new recovery key if the old one was retired.
 */
export function OutcomePanel({ outcome, onClose }: { outcome: AccountOutcome; onClose(): void }) {
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), []);
  if (outcome.kind === 'roles') {
    return (
      <p className="alert alert--success">
        <FormattedMessage id="users.roles.saved" values={{ username: outcome.username }} />
      </p>
    );
  }
  if (outcome.kind === 'otp') {
    return (
      <section ref={panel} tabIndex={-1} className="card panel" aria-labelledby={titleId}>
        <h2 className="card__title" id={titleId}>
          <FormattedMessage id="users.otp.title" values={{ username: outcome.username }} />
        </h2>
        <p>
          <FormattedMessage id="users.otp.intro" values={{ username: outcome.username }} />
        </p>
        <SecretValue label="users.otp.label" value={outcome.password} />
        <div className="actions actions--start">
          <button type="button" className="button button--primary" onClick={onClose}>
            <FormattedMessage id="users.otp.done" />
          </button>
        </div>
      </section>
    );
  }
  return (
    <section ref={panel} tabIndex={-1} className="stack" aria-labelledby={titleId}>
      <p className="alert alert--success" id={titleId}>
        <FormattedMessage id="users.disabled" values={{ username: outcome.username }} />
      </p>
      {outcome.needReset.length > 0 ? (
        <p className="alert alert--warning">
          <FormattedMessage id="users.disable.needReset" values={{ names: outcome.needReset.join(', ') }} />
        </p>
      ) : null}
      {outcome.recoveryKey ? (
        <div className="alert alert--warning">
          <p>
            <FormattedMessage id="users.disable.newRecoveryKey" />
          </p>
          <SecretValue label="users.disable.recoveryKeyLabel" value={outcome.recoveryKey} />
          <div className="actions actions--start">
            <button type="button" className="button" onClick={() => window.print()}>
              <FormattedMessage id="recovery.print" />
            </button>
            <button type="button" className="button button--primary" onClick={onClose}>
              <FormattedMessage id="users.otp.done" />
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
