import { randomUUID } from 'node:crypto';
import type { UserView } from '../../core/contract';
import { roleSchema, type Role } from '../../core/permissions';
import type { CommandTx, ReadStore } from '../../db/store';
import type { UsersTable } from '../../db/schema';
import { z } from 'zod';

const rolesColumn = z.array(roleSchema);

export function toUserView(row: UsersTable): UserView {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roles: rolesColumn.parse(JSON.parse(row.roles)),
    active: row.active === 1,
    createdAt: row.created_at,
  };
}

export function findUserByName(store: ReadStore, username: string): UsersTable | undefined {
  return store.q.first(store.qb.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()));
}

export function findUserById(store: Pick<ReadStore, 'q' | 'qb'>, userId: string): UsersTable | undefined {
  return store.q.first(store.qb.selectFrom('users').selectAll().where('user_id', '=', userId));
}

export function listUsers(store: ReadStore): UserView[] {
  return store.q.all(store.qb.selectFrom('users').selectAll().orderBy('username')).map(toUserView);
}

/** Inserts a user row inside the caller's command, so the audit line commits with it. */
export function insertUser(tx: CommandTx, user: { username: string; displayName: string; roles: Role[] }): UsersTable {
  const row: UsersTable = {
    user_id: randomUUID(),
    username: user.username.toLowerCase(),
    display_name: user.displayName,
    roles: JSON.stringify([...new Set(user.roles)]),
    active: 1,
    created_at: tx.now,
    updated_at: tx.now,
  };
  tx.q.run(tx.qb.insertInto('users').values(row));
  return row;
}
