/**
 * Transfers between centres at HQ (issue #15 §6, docs/sync.md#transfers-between-centres). At push, a
 * dispatch becomes a package for the receiving facility (or is quarantined when it is not one), the
 * receiving facility's admission or refusal becomes its outcome, and an admission moves the records'
 * ownership to the receiving facility (hq/sync/entity-owners.ts). A device asks for its facility's
 * packages, the outcomes of its own dispatches and the facility list on a signed, rate-limited and
 * audited request.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { z } from 'zod';
import { maxPackagesPerFetch, transferFetchesPerMinute, type ListedFacility, type transfersRequest, type transfersResponse } from '../../core/sync-transfers';
import { hasDiscrepancy, signedTransferPackage, transferDispatchedSchema, transferReceivedSchema, transferRefusedSchema, type TransferOutcome } from '../../core/transfers';
import { verifyTransferPackage } from '../../db/transfer-package';
import type { HqDatabase } from '../db';
import type { EventsTable, HqSchema } from '../schema';
import { hqVault, type HqVault } from '../vault';
import { SyncRefusal } from './common';

type Quarantined = { deviceSeq: number; reason: string };

/** Labels bound to the transfer: a sealed value moved onto another row does not open. */
const packageLabel = (transferId: string) => `transfer_package:${transferId}`;
const outcomeLabel = (transferId: string) => `transfer_outcome:${transferId}`;

const transferTypes = new Set(['transfer.dispatched', 'transfer.received', 'transfer.refused', 'transfer.confirmed']);

/**
 * Checks each new transfer event of a push, in the push's transaction. Returns the rows (those that are
 * not what they claim quarantined) and, per admission, the records whose ownership moves to the pusher's
 * facility.
 */
export async function checkPushedTransfers(
  trx: Transaction<HqSchema>,
  vault: HqVault,
  deviceId: string,
  pushed: { rows: Insertable<EventsTable>[]; quarantined: Quarantined[] },
): Promise<{ rows: Insertable<EventsTable>[]; quarantined: Quarantined[]; handovers: Map<string, string[]> }> {
  const handovers = new Map<string, string[]>();
  if (!pushed.rows.some((r) => r.quarantine_reason === null && transferTypes.has(r.type))) return { ...pushed, handovers };
  const device = await trx.selectFrom('devices').select(['facility_id', 'public_key']).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  const quarantined = [...pushed.quarantined];
  const rows: Insertable<EventsTable>[] = [];
  for (const r of pushed.rows) {
    if (r.quarantine_reason !== null || !transferTypes.has(r.type)) {
      rows.push(r);
      continue;
    }
    const reason = await checkOne(trx, vault, device, r, handovers);
    if (reason) {
      quarantined.push({ deviceSeq: r.device_seq, reason });
      rows.push({ ...r, quarantine_reason: reason });
    } else rows.push(r);
  }
  return { rows, quarantined: quarantined.sort((a, b) => a.deviceSeq - b.deviceSeq), handovers };
}

async function checkOne(
  trx: Transaction<HqSchema>,
  vault: HqVault,
  device: { facility_id: string; public_key: string },
  r: Insertable<EventsTable>,
  handovers: Map<string, string[]>,
): Promise<string | null> {
  const payload = JSON.parse(r.payload) as unknown;
  const transferId = r.entity_id;
  const held = await trx.selectFrom('transfer_packages').selectAll().where('transfer_id', '=', transferId).executeTakeFirst();
  if (r.type === 'transfer.dispatched') {
    const p = transferDispatchedSchema.parse(payload);
    if (held) return 'bad_transfer';
    const to = await trx.selectFrom('facilities').select('facility_id').where('facility_id', '=', p.to.facilityId).executeTakeFirst();
    if (!to || p.to.facilityId === device.facility_id || p.from.facilityId !== device.facility_id) return 'bad_transfer';
    const body = verifyTransferPackage(p.package, device.public_key);
    if (
      !body ||
      body.transferId !== transferId ||
      body.to.facilityId !== p.to.facilityId ||
      body.from.facilityId !== device.facility_id ||
      body.personId !== p.personId ||
      body.episodeId !== p.episodeId
    )
      return 'bad_transfer';
    await trx
      .insertInto('transfer_packages')
      .values({
        transfer_id: transferId,
        from_facility_id: device.facility_id,
        to_facility_id: p.to.facilityId,
        entity_ids: JSON.stringify(body.entityIds),
        content: vault.sealSecret(packageLabel(transferId), JSON.stringify(p.package)),
        status: 'pending',
        outcome: null,
        dispatched_at: p.at,
        outcome_at: null,
      })
      .execute();
    return null;
  }
  if (r.type === 'transfer.confirmed') return held && held.from_facility_id === device.facility_id ? null : 'foreign_entity';
  // An admission or refusal: only the facility the package went to may answer it, and only once.
  if (!held || held.to_facility_id !== device.facility_id) return 'foreign_entity';
  if (held.status !== 'pending') return null;
  let outcome: TransferOutcome;
  if (r.type === 'transfer.received') {
    const p = transferReceivedSchema.parse(payload);
    outcome = { transferId, status: 'received', at: p.at, facilityName: p.to.facilityName, discrepancies: hasDiscrepancy(p.check), ...(p.check.discrepancies ? { note: p.check.discrepancies } : {}) };
    handovers.set(r.event_id, JSON.parse(held.entity_ids) as string[]);
  } else {
    const p = transferRefusedSchema.parse(payload);
    outcome = { transferId, status: 'refused', at: p.at, facilityName: p.to.facilityName, discrepancies: false, note: p.reason };
  }
  await trx
    .updateTable('transfer_packages')
    .set({ status: outcome.status, outcome: vault.sealSecret(outcomeLabel(transferId), JSON.stringify(outcome)), outcome_at: outcome.at })
    .where('transfer_id', '=', transferId)
    .execute();
  return null;
}

/** Every enrolled facility with its devices' keys: the centres a transfer may go to, and whose packages verify. */
async function facilityList(hq: HqDatabase): Promise<ListedFacility[]> {
  const facilities = await hq.db.selectFrom('facilities').select(['facility_id', 'name', 'kind']).orderBy('name').execute();
  const devices = await hq.db.selectFrom('devices').select(['device_id', 'facility_id', 'public_key', 'revoked_at']).execute();
  return facilities.map((f) => ({
    facilityId: f.facility_id,
    name: f.name,
    kind: f.kind,
    devices: devices.filter((d) => d.facility_id === f.facility_id).map((d) => ({ deviceId: d.device_id, publicKey: d.public_key, revokedAt: d.revoked_at })),
  }));
}

/**
 * A device's transfers: refused past the device's limit (counted in `transfer_fetches`, so several HQ
 * nodes on one PostgreSQL share it), audited either way with how many packages went out. Packages only
 * for the device's own facility; outcomes only of its own facility's dispatches.
 */
export async function transfersForDevice(hq: HqDatabase, deviceId: string, input: z.output<typeof transfersRequest>, clock: () => number = Date.now): Promise<z.input<typeof transfersResponse>> {
  const at = new Date(clock()).toISOString();
  const device = await hq.db.selectFrom('devices').select('facility_id').where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  const audit = (outcome: string, packages: number) =>
    hq.db.insertInto('transfer_fetches').values({ fetch_id: randomUUID(), device_id: deviceId, facility_id: device.facility_id, at, outcome, packages }).execute();
  const recent = await hq.db
    .selectFrom('transfer_fetches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('device_id', '=', deviceId)
    .where('outcome', '=', 'ok')
    .where('at', '>', new Date(clock() - 60_000).toISOString())
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= transferFetchesPerMinute) {
    await audit('rate_limited', 0);
    throw new SyncRefusal(429, 'transfersRateLimited');
  }
  const vault = await hqVault(hq);
  const pending = await hq.db
    .selectFrom('transfer_packages')
    .select(['transfer_id', 'content'])
    .where('to_facility_id', '=', device.facility_id)
    .where('status', '=', 'pending')
    .orderBy('package_seq')
    .limit(maxPackagesPerFetch)
    .execute();
  const packages = pending.map((p) => ({ transferId: p.transfer_id, package: signedTransferPackage.parse(JSON.parse(vault.openSecret(packageLabel(p.transfer_id), p.content))) }));
  const answered = input.awaiting.length
    ? await hq.db
        .selectFrom('transfer_packages')
        .select(['transfer_id', 'outcome'])
        .where('from_facility_id', '=', device.facility_id)
        .where('status', '!=', 'pending')
        .where('transfer_id', 'in', input.awaiting)
        .execute()
    : [];
  const outcomes = answered.flatMap((o) => (o.outcome ? [JSON.parse(vault.openSecret(outcomeLabel(o.transfer_id), o.outcome)) as TransferOutcome] : []));
  await audit('ok', packages.length);
  return { facilities: await facilityList(hq), packages, outcomes, serverTime: at };
}
