import { randomBytes } from 'node:crypto';
import { ApiError } from '../../core/contract/errors';
import { rolesForKind, type Role } from '../../core/permissions';
import { formatRecoveryKey, hasUserSlot, userTag, withoutUserSlot, withUserSlot } from '../../db/keyslots';
import type { UsersTable } from '../../db/schema';
import type { CommandTx, ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { actor, rule } from './common';
import type { ServiceInstallation } from './installation';
import type { Sessions } from './sessions';
import { findUserById, findUserByName, insertUser, listUsers, toUserView } from './users-repo';

/**
 * A one-time password: 80 random bits in Crockford's base32 (no I, L, O, U), read from the screen and
 * typed once by the user, who must replace it before anything else opens (issue #10 §4).
 */
export function oneTimePassword(): string {
  return formatRecoveryKey(randomBytes(10));
}

/** Roles by installation kind are the service's rule, not only the form's (docs/domain.md §1, issue #10 §4). */
function refuseRolesNotHere(inst: ServiceInstallation, roles: readonly Role[]): void {
  const allowed = rolesForKind(inst.requireFile().facilityKind);
  if (roles.some((r) => !allowed.includes(r))) {
    throw new ApiError({ code: 'validation', messageKey: 'error.users.roleNotHere', fields: { roles: { key: 'error.users.roleNotHere' } } });
  }
}

function requireUser(store: ReadStore, userId: string): UsersTable {
  const user = findUserById(store, userId);
  if (!user) throw new ApiError({ code: 'not_found', messageKey: 'error.notFound', fields: { userId: { key: 'error.notFound' } } });
  return user;
}

/** An administrator manages other accounts; their own password and roles go through other doors. */
function refuseSelf(user: UsersTable, callerId: string): void {
  if (user.user_id === callerId) throw rule('error.users.notYourself');
}

/** Changes a user's row inside the caller's command, so the audit line commits with it. */
function setColumns(tx: CommandTx, userId: string, values: Partial<Pick<UsersTable, 'active' | 'roles'>>): UsersTable {
  tx.q.run(
    tx.qb
      .updateTable('users')
      .set({ ...values, updated_at: tx.now })
      .where('user_id', '=', userId),
  );
  return findUserById(tx, userId)!;
}

/**
 * Users whose account is disabled but whose key slot is still in the file: a crash came between the two
 * steps of `users.disable`. Settled at the next sign-in, so the slot never outlives the decision.
 */
export async function finishDisables(inst: ServiceInstallation, store: ReadStore): Promise<void> {
  // (The re-key below reopens the store: `store` is not used after it.)
  const inactive = store.q.all(store.qb.selectFrom('users').selectAll().where('active', '=', 0));
  const leftover = inactive.filter((u) => hasUserSlot(inst.requireFile(), u.username));
  if (leftover.length === 0) return;
  await inst.rekey((file) => leftover.reduce((f, u) => withoutUserSlot(f, u.username), file));
  // The re-key reopened the store: audit through the new one.
  inst.requireStore().audit({ actor: null, action: 'store.rekeyed', method: 'auth.login', outcome: 'ok', detail: JSON.stringify({ afterDisabling: leftover.map((u) => u.user_id) }) });
}

export function usersHandlers(inst: ServiceInstallation, sessions: Sessions): Omit<Handlers['users'], 'lockouts' | 'unlock'> {
  /** A fresh slot under a one-time password, flagged so the password must be replaced at first sign-in. */
  const issueOneTimePassword = async (username: string): Promise<string> => {
    const password = oneTimePassword();
    await inst.mutateSlots((file) => withUserSlot(file, inst.requireKey(), username, password, { mustChange: true }));
    return password;
  };

  return {
    list: () => {
      const file = inst.requireFile();
      return { users: listUsers(inst.readStore()).map((u) => ({ ...u, hasKeySlot: hasUserSlot(file, u.username) })) };
    },
    create: async (input, env) => {
      const store = inst.requireStore();
      refuseRolesNotHere(inst, input.roles);
      if (findUserByName(store, input.username)) {
        throw new ApiError({ code: 'conflict', messageKey: 'error.users.usernameTaken', fields: { username: { key: 'error.users.usernameTaken' } } });
      }
      // The key slot is written first: a user row without a slot could never sign in, while a slot
      // without a row (if the insert below fails) is removed again and opens nothing on its own.
      await inst.mutateSlots((file) => withUserSlot(file, inst.requireKey(), input.username, input.password));
      try {
        const row = store.command(actor(env), 'users.create', (tx) => {
          const user = insertUser(tx, input);
          tx.audit({ action: 'user.created', method: 'users.create', entityType: 'user', entityId: user.user_id, outcome: 'ok', detail: JSON.stringify({ roles: input.roles }) });
          return user;
        });
        return { user: toUserView(row) };
      } catch (e) {
        await inst.mutateSlots(async (file) => withoutUserSlot(file, input.username));
        throw e;
      }
    },
    setRoles: (input, env) => {
      const store = inst.requireStore();
      const user = requireUser(store, input.userId);
      refuseSelf(user, env.session.userId);
      refuseRolesNotHere(inst, input.roles);
      const before = toUserView(user).roles;
      const roles = [...new Set(input.roles)];
      const row = store.command(actor(env), 'users.setRoles', (tx) => {
        tx.audit({ action: 'user.roles_changed', method: 'users.setRoles', entityType: 'user', entityId: user.user_id, outcome: 'ok', detail: JSON.stringify({ from: before, to: roles }) });
        return setColumns(tx, user.user_id, { roles: JSON.stringify(roles) });
      });
      // Sessions carry the roles they were opened with: the user signs in again under the new ones.
      sessions.closeUser(user.user_id);
      return { user: toUserView(row) };
    },
    disable: async (input, env) => {
      const store = inst.requireStore();
      const user = requireUser(store, input.userId);
      refuseSelf(user, env.session.userId);
      if (user.active !== 1) throw rule('error.users.alreadyDisabled');
      const row = store.command(actor(env), 'users.disable', (tx) => {
        tx.audit({ action: 'user.disabled', method: 'users.disable', entityType: 'user', entityId: user.user_id, outcome: 'ok' });
        return setColumns(tx, user.user_id, { active: 0 });
      });
      sessions.closeUser(user.user_id);
      // Without a new key, a copy of the slot file taken earlier would still open the database with
      // the departed user's password: the key itself must change (issue #10 §4). The slot goes in the
      // same write that marks the re-key pending, so no crash leaves it gone with the old key in force.
      const fileBefore = inst.requireFile();
      const { droppedUserTags, recoveryKey } = await inst.rekey((file) => withoutUserSlot(file, user.username));
      // The re-key reopened the store: everything after it goes through the new one.
      const rekeyed = inst.requireStore();
      const needReset = listUsers(rekeyed)
        .filter((u) => droppedUserTags.includes(userTag(fileBefore, u.username)))
        .map((u) => u.username);
      rekeyed.audit({
        actor: env.session.userId,
        action: 'store.rekeyed',
        method: 'users.disable',
        entityType: 'user',
        entityId: user.user_id,
        outcome: 'ok',
        detail: JSON.stringify({ needReset: needReset.length, newRecoveryKey: recoveryKey !== null }),
      });
      return { user: toUserView(row), needReset, recoveryKey };
    },
    enable: async (input, env) => {
      const store = inst.requireStore();
      const user = requireUser(store, input.userId);
      refuseSelf(user, env.session.userId);
      if (user.active === 1) throw rule('error.users.alreadyEnabled');
      // The old slot went with the old key: the account comes back with a new one-time password.
      const password = await issueOneTimePassword(user.username);
      const row = store.command(actor(env), 'users.enable', (tx) => {
        tx.audit({ action: 'user.enabled', method: 'users.enable', entityType: 'user', entityId: user.user_id, outcome: 'ok' });
        return setColumns(tx, user.user_id, { active: 1 });
      });
      return { user: toUserView(row), oneTimePassword: password };
    },
    resetPassword: async (input, env) => {
      const store = inst.requireStore();
      const user = requireUser(store, input.userId);
      refuseSelf(user, env.session.userId);
      if (user.active !== 1) throw rule('error.users.disabled');
      const password = await issueOneTimePassword(user.username);
      sessions.closeUser(user.user_id);
      store.audit({ actor: env.session.userId, action: 'user.password_reset', method: 'users.resetPassword', entityType: 'user', entityId: user.user_id, outcome: 'ok' });
      return { user: toUserView(user), oneTimePassword: password };
    },
  };
}
