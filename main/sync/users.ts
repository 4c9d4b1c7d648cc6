/**
 * After each successful sync the device tells HQ its users' ids and display names (issue #16 §6), so
 * that HQ's console can name the actor of an event, which carries only the user id. Nothing else about
 * a user leaves the device: no user name, no password, no roles. Deactivated users are sent too: their
 * past events still need a name.
 */
import { maxReportedUsers, type DeviceUsersRequest } from '../../core/sync-users';
import type { ReadStore } from '../../db/store';
import type { HqClient } from './hq-client';

export function usersReport(store: ReadStore): DeviceUsersRequest {
  const users = store.q.all(store.qb.selectFrom('users').select(['user_id', 'display_name']).orderBy('created_at').limit(maxReportedUsers));
  return { users: users.map((u) => ({ userId: u.user_id, displayName: u.display_name.trim() || u.user_id })) };
}

export async function reportUsers(store: ReadStore, client: Pick<HqClient, 'users'>): Promise<void> {
  await client.users(usersReport(store));
}
