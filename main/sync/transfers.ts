/**
 * The device's side of transfers between centres (issue #15 §6, docs/sync.md#transfers-between-centres),
 * after each successful sync: HQ's facility list kept for offline use, packages for this centre put in
 * its inbox once each, and the outcome of each of its own dispatches recorded as `transfer.confirmed`.
 */
import type { z } from 'zod';
import { listedFacility, type ListedFacility, type transfersResponse } from '../../core/sync-transfers';
import type { SignedTransferPackage } from '../../core/transfers';
import type { ReadStore, Store } from '../../db/store';
import { openTransferPackage } from '../../db/transfer-package';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SyncQuery } from '../../db/sync-query';
import type { HqClient } from './hq-client';

const facilitiesMeta = 'transfer_facilities';

/** HQ's facility list as last received (empty before the first exchange). */
export function listedFacilities(store: Pick<ReadStore, 'meta'>): ListedFacility[] {
  const raw = store.meta(facilitiesMeta);
  if (!raw) return [];
  const parsed = listedFacility.array().safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : [];
}

/** This device's facility at HQ (set at enrollment), or null when not enrolled. */
export function ownHqFacility(store: Pick<ReadStore, 'meta'>): string | null {
  return store.meta('sync_facility_id') ?? null;
}

/** Whether this store already holds the transfer: answered here, or waiting in the inbox. */
export function transferHeld(store: ReadStore, transferId: string): boolean {
  return (
    store.q.first(store.qb.selectFrom('transfers').select('transfer_id').where('transfer_id', '=', transferId).where('status', '!=', 'dispatched')) !== undefined ||
    store.q.first(store.qb.selectFrom('transfer_inbox').select('transfer_id').where('transfer_id', '=', transferId)) !== undefined
  );
}

export type InboxRefusal = 'notForUs' | 'alreadyHere' | 'badPackage' | 'unknownSender' | 'revokedSender' | 'notEnrolled';

/**
 * Puts a package in the inbox after the same checks whether it came from HQ or in a file: addressed to
 * this facility, signed by a listed, unrevoked device of the sending facility, not held here already.
 */
export function acceptPackage(
  store: ReadStore,
  write: { q: SyncQuery; qb: Kysely<Database> },
  signed: SignedTransferPackage,
  source: 'hq' | 'file',
  at: string,
): { transferId: string } | { refusal: InboxRefusal } {
  const own = ownHqFacility(store);
  if (!own) return { refusal: 'notEnrolled' };
  const opened = openTransferPackage(signed, listedFacilities(store));
  if ('problem' in opened) return { refusal: opened.problem };
  const body = opened.body;
  if (body.to.facilityId !== own) return { refusal: 'notForUs' };
  if (transferHeld(store, body.transferId) || store.q.first(store.qb.selectFrom('transfers').select('transfer_id').where('transfer_id', '=', body.transferId))) return { refusal: 'alreadyHere' };
  write.q.run(
    write.qb.insertInto('transfer_inbox').values({
      transfer_id: body.transferId,
      person_id: body.personId,
      from_facility_id: body.from.facilityId,
      from_facility_name: body.from.facilityName,
      package: JSON.stringify(signed),
      source,
      arrived_at: at,
    }),
  );
  return { transferId: body.transferId };
}

/** Applies HQ's answer: the list, the packages (each once), and the outcomes of this centre's dispatches. */
export function keepTransfers(store: Store, res: z.output<typeof transfersResponse>, actor: string | null, method: string): { arrived: number; confirmed: number } {
  let arrived = 0;
  store.atomically(() => {
    store.setMeta(facilitiesMeta, JSON.stringify(res.facilities));
    for (const p of res.packages) {
      // Held already (from a file, or admitted): dropped quietly; a package that does not verify stays at HQ.
      if ('transferId' in acceptPackage(store, store, p.package, 'hq', res.serverTime)) arrived++;
    }
  });
  let confirmed = 0;
  for (const o of res.outcomes) {
    const row = store.q.first(store.qb.selectFrom('transfers').select(['status', 'person_id', 'episode_id', 'received_here']).where('transfer_id', '=', o.transferId));
    if (!row || row.status !== 'dispatched' || row.received_here) continue;
    // The sending side of the handover check: what HQ says the receiving centre recorded.
    store.command({ userId: actor ?? 'system:sync' }, method, (tx) =>
      tx.append({
        type: 'transfer.confirmed',
        entityId: o.transferId,
        payload: { personId: row.person_id, episodeId: row.episode_id, outcome: o.status, at: o.at, facilityName: o.facilityName, discrepancies: o.discrepancies, ...(o.note ? { note: o.note } : {}) },
      }),
    );
    confirmed++;
  }
  return { arrived, confirmed };
}

/** The transfers this centre dispatched and still waits on. */
export function awaitingOutcome(store: ReadStore): string[] {
  const own = ownHqFacility(store);
  if (!own) return [];
  return store.q
    .all(store.qb.selectFrom('transfers').select('transfer_id').where('status', '=', 'dispatched').where('from_facility_id', '=', own).where('received_here', '=', 0).limit(500))
    .map((r) => r.transfer_id);
}

/** One exchange with HQ after a sync. */
export async function exchangeTransfers(store: Store, client: HqClient, actor: string | null, method: string): Promise<{ arrived: number; confirmed: number }> {
  const res = await client.transfers({ awaiting: awaitingOutcome(store) });
  return keepTransfers(store, res, actor, method);
}
