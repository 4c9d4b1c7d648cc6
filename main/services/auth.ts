import type { SessionView } from '../../core/contract';
import { ApiError } from '../../core/contract/errors';
import { facilityKind } from '../../core/fields';
import { openRecoverySlot, openUserSlot, unlockWithPassword, withRecoverySlot, withUserSlot } from '../../db/keyslots';
import type { ReadStore } from '../../db/store';
import { defaultSettings } from '../../core/settings';
import type { Handlers } from '../api/router';
import { rule } from './common';
import type { ServiceInstallation } from './installation';
import type { Session, Sessions } from './sessions';
import { findUserById, findUserByName, toUserView } from './users-repo';
import { finishDisables } from './users';

const badCredentials = () => rule('error.auth.badCredentials');

export function idleLockMinutes(store: ReadStore | null): number {
  return store?.settings.idleLockMinutes ?? defaultSettings.idleLockMinutes;
}

export function sessionView(inst: ServiceInstallation, session: Session): SessionView {
  const store = inst.requireStore();
  const user = findUserById(store, session.userId);
  if (!user) throw new ApiError({ code: 'unauthenticated', messageKey: 'error.unauthenticated' });
  const file = inst.requireFile();
  return {
    user: toUserView(user),
    facilityName: file.facilityName,
    facilityKind: facilityKind.parse(file.facilityKind),
    deviceName: store.device.name,
    timeZone: store.settings.timeZone,
    idleLockMinutes: idleLockMinutes(store),
    mustChangePassword: session.mustChangePassword === true,
  };
}

/**
 * Signing in unwraps the database key from the user's key slot: the password check and the decryption
 * are the same step, and it works with no network. Failed attempts are audited once the store is open.
 */
export function authHandlers(inst: ServiceInstallation, sessions: Sessions): Handlers['auth'] {
  const closeStoreIfIdle = () => {
    if (sessions.count === 0) inst.lock();
  };
  return {
    session: (_input, env) => ({ session: env.session && inst.isOpen ? sessionView(inst, env.session) : null }),
    login: async (input, env) => {
      const file = inst.requireFile();
      const opening = await openUserSlot(file, input.username, input.password);
      if (!opening) {
        // Counted and audited by the sign-in guard (main/services/sign-in-guard.ts), open store or not.
        throw badCredentials();
      }
      const store = await inst.unlockWith(opening).finally(() => opening.keys.forEach((k) => k.fill(0)));
      const user = findUserByName(store, input.username);
      if (!user) {
        closeStoreIfIdle();
        throw badCredentials();
      }
      if (user.active !== 1) {
        store.audit({ actor: user.user_id, action: 'login.refused_inactive', method: 'auth.login', entityType: 'user', entityId: user.user_id, outcome: 'denied' });
        closeStoreIfIdle();
        throw rule('error.auth.inactive');
      }
      // Slots from before N = 2^17 / format 2 are re-wrapped now, while the password is at hand (issue #10 §6).
      if (opening.upgrade) {
        await inst.mutateSlots((f) => withUserSlot(f, inst.requireKey(), user.username, input.password, { mustChange: opening.mustChange }));
        store.audit({ actor: user.user_id, action: 'keyslot.upgraded', method: 'auth.login', entityType: 'user', entityId: user.user_id, outcome: 'ok' });
      }
      sessions.close(env.call.sessionToken);
      const session = sessions.open({ userId: user.user_id, username: user.username, roles: toUserView(user).roles, mustChangePassword: opening.mustChange });
      env.call.setSessionToken(session.token);
      store.audit({ actor: user.user_id, action: 'login', method: 'auth.login', entityType: 'user', entityId: user.user_id, outcome: 'ok' });
      // Last: it may re-key, which reopens the store.
      await finishDisables(inst, store);
      return { session: sessionView(inst, session) };
    },
    logout: (_input, env) => {
      if (inst.isOpen) inst.requireStore().audit({ actor: env.session.userId, action: 'logout', method: 'auth.logout', entityType: 'user', entityId: env.session.userId, outcome: 'ok' });
      sessions.close(env.session.token);
      env.call.setSessionToken(null);
      closeStoreIfIdle();
      return { ok: true as const };
    },
    changePassword: async (input, env) => {
      const file = inst.requireFile();
      const store = inst.requireStore();
      const key = await unlockWithPassword(file, env.session.username, input.currentPassword);
      if (!key || !key.equals(inst.requireKey())) {
        store.audit({ actor: env.session.userId, action: 'password.change_refused', method: 'auth.changePassword', entityType: 'user', entityId: env.session.userId, outcome: 'denied' });
        throw rule('error.auth.wrongCurrentPassword', 'currentPassword');
      }
      await inst.mutateSlots((f) => withUserSlot(f, key, env.session.username, input.newPassword));
      key.fill(0);
      env.session.mustChangePassword = false;
      store.audit({ actor: env.session.userId, action: 'password.changed', method: 'auth.changePassword', entityType: 'user', entityId: env.session.userId, outcome: 'ok' });
      return { ok: true as const };
    },
    recover: async (input) => {
      const file = inst.requireFile();
      const opening = await openRecoverySlot(file, input.recoveryKey);
      if (!opening) throw rule('error.auth.badRecoveryKey', 'recoveryKey');
      const store = await inst.unlockWith(opening).finally(() => opening.keys.forEach((k) => k.fill(0)));
      const key = Buffer.from(inst.requireKey());
      try {
        if (opening.upgrade) await inst.mutateSlots((f) => withRecoverySlot(f, key, input.recoveryKey));
        const user = findUserByName(store, input.username);
        if (!user) throw rule('error.notFound', 'username');
        await inst.mutateSlots((f) => withUserSlot(f, key, user.username, input.newPassword));
        sessions.closeUser(user.user_id);
        store.audit({ actor: null, action: 'password.recovered', method: 'auth.recover', entityType: 'user', entityId: user.user_id, outcome: 'ok' });
        return { ok: true as const };
      } finally {
        key.fill(0);
        closeStoreIfIdle();
      }
    },
  };
}
