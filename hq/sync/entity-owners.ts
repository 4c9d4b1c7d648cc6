/**
 * Which facility a record belongs to at HQ (issue #13 §1, docs/sync.md#records-of-another-facility): the
 * facility of the device whose event first opened it. A device receives only its own facility's events,
 * so an honest device never names another facility's record; one that does (a forged or confused device)
 * is kept out: the event is stored, for its chain, but quarantined as `foreign_entity`, never pulled as
 * applicable and never projected by HQ's console.
 */
import { sql, type Insertable, type Transaction } from 'kysely';
import type { EventType } from '../../core/events';
import type { HqDatabase } from '../db';
import type { EventsTable, HqSchema } from '../schema';

/**
 * The event types that open a record held by one centre, each under a fresh id. Types that name a
 * record shared across facilities by design (the ombudsman organisation a centre trusts, a visit of the
 * ombudsman's office) are not here: they open nothing a centre owns.
 */
export const entityCreatingTypes: ReadonlySet<EventType> = new Set<EventType>([
  'person.registered',
  'document.recorded',
  'episode.apprehended',
  'episode.admitted',
  'screening.recorded',
  'referral.created',
  'age.assessed',
  'guardian.appointed',
  'asylum.expressed',
  'nonRefoulement.checked',
  'rights.notified',
  'interpreter.used',
  'consular.opened',
  'legalAid.requested',
  'legalAid.waived',
]);

type Quarantined = { deviceSeq: number; reason: string };

/**
 * Quarantines each new event that names a record another facility opened, and records the facility of
 * each record this push opens (first opener wins, so a record is claimed once). Events already
 * quarantined for another reason neither claim nor are checked again.
 */
export async function quarantineForeignEntities(
  trx: Transaction<HqSchema>,
  dialect: HqDatabase['dialect'],
  deviceId: string,
  pushed: { rows: Insertable<EventsTable>[]; quarantined: Quarantined[] },
  /** per admission of a transfer (event id), the records it hands over to the pusher's facility (hq/sync/transfers.ts) */
  handovers: ReadonlyMap<string, readonly string[]> = new Map(),
): Promise<{ rows: Insertable<EventsTable>[]; quarantined: Quarantined[] }> {
  const live = pushed.rows.filter((r) => r.quarantine_reason === null);
  if (!live.length) return pushed;
  const { facility_id: facilityId } = await trx.selectFrom('devices').select('facility_id').where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  const ids = [...new Set(live.map((r) => r.entity_id))];
  const held = await trx
    .selectFrom('entity_owners')
    .select(['entity_id', 'facility_id'])
    .where(dialect === 'postgres' ? sql<boolean>`entity_id = any(${ids}::text[])` : sql<boolean>`entity_id in (select value from json_each(${JSON.stringify(ids)}))`)
    .execute();
  const owner = new Map(held.map((r) => [r.entity_id, r.facility_id]));
  const claims: { entity_id: string; facility_id: string; device_id: string }[] = [];
  const quarantined = [...pushed.quarantined];
  const moved = new Set<string>();
  const rows = pushed.rows.map((r) => {
    if (r.quarantine_reason !== null) return r;
    // From an admitted transfer on, the person's records are the receiving facility's: its later events in this push apply.
    for (const id of handovers.get(r.event_id) ?? []) {
      owner.set(id, facilityId);
      moved.add(id);
    }
    const of = owner.get(r.entity_id);
    if (of !== undefined && of !== facilityId) {
      quarantined.push({ deviceSeq: r.device_seq, reason: 'foreign_entity' });
      return { ...r, quarantine_reason: 'foreign_entity' };
    }
    if (of === undefined && entityCreatingTypes.has(r.type as EventType)) {
      owner.set(r.entity_id, facilityId);
      claims.push({ entity_id: r.entity_id, facility_id: facilityId, device_id: deviceId });
    }
    return r;
  });
  if (moved.size)
    await trx
      .updateTable('entity_owners')
      .set({ facility_id: facilityId, device_id: deviceId })
      .where(dialect === 'postgres' ? sql<boolean>`entity_id = any(${[...moved]}::text[])` : sql<boolean>`entity_id in (select value from json_each(${JSON.stringify([...moved])}))`)
      .execute();
  if (claims.length && dialect === 'postgres') {
    // One jsonb parameter, as events are inserted (push.ts insertEvents): this runs under the push lock.
    const batch = JSON.stringify(claims.map((c) => [c.entity_id, c.facility_id, c.device_id]));
    await sql`INSERT INTO entity_owners (entity_id, facility_id, device_id)
      SELECT r->>0, r->>1, r->>2 FROM jsonb_array_elements(${batch}::jsonb) AS t(r)
      ON CONFLICT (entity_id) DO NOTHING`.execute(trx);
  } else {
    for (let i = 0; i < claims.length; i += 500)
      await trx
        .insertInto('entity_owners')
        .values(claims.slice(i, i + 500))
        .onConflict((oc) => oc.column('entity_id').doNothing())
        .execute();
  }
  return { rows, quarantined: quarantined.length === pushed.quarantined.length ? quarantined : quarantined.sort((a, b) => a.deviceSeq - b.deviceSeq) };
}
