import { ApiError } from '../../core/contract/errors';
import { withoutUserSlot, withUserSlot } from '../../db/keyslots';
import type { Handlers } from '../api/router';
import type { Installation } from './installation';
import { findUserByName, insertUser, listUsers, toUserView } from './users-repo';

export function usersHandlers(inst: Installation): Handlers['users'] {
  return {
    list: () => ({ users: listUsers(inst.requireStore()) }),
    create: async (input, env) => {
      const store = inst.requireStore();
      if (findUserByName(store, input.username)) {
        throw new ApiError({ code: 'conflict', messageKey: 'error.users.usernameTaken', fields: { username: { key: 'error.users.usernameTaken' } } });
      }
      const before = inst.requireFile();
      // The key slot is written first: a user row without a slot could never sign in, while a slot
      // without a row (if the insert below fails) is removed again and opens nothing on its own.
      inst.saveFile(await withUserSlot(before, inst.requireKey(), input.username, input.password));
      try {
        const row = store.command({ userId: env.session.userId }, 'users.create', (tx) => {
          const user = insertUser(store, input, tx.now);
          tx.audit({ action: 'user.created', method: 'users.create', entityType: 'user', entityId: user.user_id, outcome: 'ok', detail: JSON.stringify({ roles: input.roles }) });
          return user;
        });
        return { user: toUserView(row) };
      } catch (e) {
        inst.saveFile(withoutUserSlot(inst.requireFile(), input.username));
        throw e;
      }
    },
  };
}
