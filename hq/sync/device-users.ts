import type { DeviceUsersRequest } from '../../core/sync-users';
import type { HqDatabase } from '../db';

/**
 * Keeps a device's latest list of users (id and display name, migration 0013): replaced whole, in one
 * transaction, so a user renamed on the device is renamed here and the list is never half of two reports.
 * A user removed from the device's list keeps no name at HQ; devices never delete users, so in practice
 * the list only grows. `kept` counts the names kept, without ids another device had named first.
 */
export async function keepDeviceUsers(hq: HqDatabase, deviceId: string, body: DeviceUsersRequest, now: number): Promise<{ kept: number }> {
  const at = new Date(now).toISOString();
  let kept = 0;
  await hq.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('device_users').where('device_id', '=', deviceId).execute();
    // In slices: PostgreSQL and SQLite both limit the parameters of one statement.
    for (let i = 0; i < body.users.length; i += 200) {
      // A user id is made on its own device: one another device already named is not taken over, so a
      // device cannot rename another centre's staff in the console's timeline.
      const reported = body.users.slice(i, i + 200);
      const others = await trx
        .selectFrom('device_users')
        .select('user_id')
        .where(
          'user_id',
          'in',
          reported.map((u) => u.userId),
        )
        .where('device_id', '!=', deviceId)
        .execute();
      const claimed = new Set(others.map((r) => r.user_id));
      const slice = reported.filter((u) => !claimed.has(u.userId));
      kept += slice.length;
      if (slice.length === 0) continue;
      await trx
        .insertInto('device_users')
        .values(slice.map((u) => ({ device_id: deviceId, user_id: u.userId, display_name: u.displayName, reported_at: at })))
        .execute();
    }
  });
  return { kept };
}

/**
 * Every device user HQ knows, named for the console: "<display name> (<facility>)". A user id is a UUID
 * made on its device, so one id belongs to one device.
 */
export async function deviceUserNames(hq: HqDatabase): Promise<Map<string, string>> {
  const rows = await hq.db
    .selectFrom('device_users')
    .innerJoin('devices', 'devices.device_id', 'device_users.device_id')
    .innerJoin('facilities', 'facilities.facility_id', 'devices.facility_id')
    .select(['device_users.user_id as userId', 'device_users.display_name as displayName', 'facilities.name as facility'])
    .execute();
  return new Map(rows.map((r) => [r.userId, `${r.displayName} (${r.facility})`]));
}
