import { sql } from 'kysely';
import { ApiError } from '../../core/contract/errors';
import type { FleetFacility, HqFleetSource } from '../../main/services/hq-console';
import type { HqDatabase } from '../db';
import { RevocationError, revokeDevice } from '../sync/revoke';
import { latestRestores } from '../sync/restore';

const revocationRefusals = {
  unknown_device: { code: 'not_found', messageKey: 'error.hq.deviceUnknown' },
  already_revoked: { code: 'conflict', messageKey: 'error.hq.deviceAlreadyRevoked' },
  bad_reason: { code: 'validation', messageKey: 'error.validation' },
} as const;

/** The console's view of HQ's own tables: facilities, devices, and how far HQ's event store reaches. */
export function fleetSource(hq: HqDatabase): HqFleetSource {
  return {
    async fleet(): Promise<FleetFacility[]> {
      const facilities = await hq.db.selectFrom('facilities').select(['facility_id', 'name', 'kind']).orderBy('name').execute();
      const devices = await hq.db.selectFrom('devices').selectAll().orderBy('name').execute();
      const quarantined = await hq.db
        .selectFrom('events')
        .select(['device_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('quarantine_reason', 'is not', null)
        .groupBy('device_id')
        .execute();
      // Altered copies of held events a device sent count as well (hq/migrations/0005_quarantine_log.ts).
      const altered = await hq.db
        .selectFrom('quarantine_log')
        .select(['device_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('device_id')
        .execute();
      const q = new Map(quarantined.map((r) => [r.device_id, Number(r.n)]));
      const restores = await latestRestores(hq);
      for (const r of altered) q.set(r.device_id, (q.get(r.device_id) ?? 0) + Number(r.n));
      return facilities.map((f) => ({
        facilityId: f.facility_id,
        name: f.name,
        kind: f.kind,
        devices: devices
          .filter((d) => d.facility_id === f.facility_id)
          .map((d) => ({
            deviceId: d.device_id,
            name: d.name,
            enrolledAt: d.enrolled_at,
            revokedAt: d.revoked_at,
            revokedReason: d.revoked_reason,
            revokedBy: d.revoked_by,
            lastSeenAt: d.last_seen_at,
            lastPushAt: d.last_push_at,
            ackedSeq: Number(d.head_seq),
            pending: d.reported_pending === null ? null : Number(d.reported_pending),
            quarantined: q.get(d.device_id) ?? 0,
            restore: restoreView(restores.get(d.device_id), d.superseded_seen_at),
          })),
      }));
    },
    async revoke(input) {
      try {
        return await revokeDevice(hq, input);
      } catch (e) {
        if (e instanceof RevocationError) throw new ApiError(revocationRefusals[e.reason]);
        throw e;
      }
    },
    async progress(consoleCursor: number) {
      const row = await hq.db
        .selectFrom('events')
        .select([(eb) => eb.fn.countAll<number>().as('total'), sql<number>`sum(case when server_seq > ${consoleCursor} then 1 else 0 end)`.as('behind')])
        .executeTakeFirstOrThrow();
      return { hqEvents: Number(row.total), behind: Number(row.behind ?? 0) };
    },
  };
}

/** A restored device as the fleet view shows it: an older copy counts only if it called after the restore. */
function restoreView(r: { restoredAt: string; incarnation: number; lost: number } | undefined, supersededSeenAt: string | null) {
  if (!r) return null;
  return { ...r, olderCopySeenAt: supersededSeenAt && supersededSeenAt >= r.restoredAt ? supersededSeenAt : null };
}
