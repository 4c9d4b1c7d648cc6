import type { SyncQuery } from '../sync-query';

/**
 * The next number of a device's series: its n-th registration is register number n, its n-th
 * admission is book line n. Counted from the device's own events only, which reach every replica in
 * the device's chain order, so each replica (and each rebuild) gives the same numbers, and two
 * devices never take the same one (they differ in the device part).
 */
export function takeNumber(q: SyncQuery, series: 'person' | 'book', deviceId: string): number {
  const row = q
    .prepared(
      `INSERT INTO register_counters (device_id, series, last_no) VALUES (?, ?, 1)
       ON CONFLICT (device_id, series) DO UPDATE SET last_no = last_no + 1
       RETURNING last_no`,
    )
    .get(deviceId, series) as { last_no: number };
  return row.last_no;
}
