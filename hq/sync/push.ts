/** Push (docs/architecture.md §5): verified chains, committed in groups, each event stored once. */
import { sql, type Insertable, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { EventRecord } from '../../core/events';
import { readPayload } from '../../core/events/upcast';
import { type pushRequest, type pushResponse } from '../../core/sync';
import { illFormedPath } from '../../core/well-formed';
import { eventHash, verifyChainHead, verifyChainRun } from '../../db/chain';
import { receiptMessage, signWith } from '../../db/device-auth';
import type { HqDatabase } from '../db';
import type { EventsTable, HqSchema } from '../schema';
import { SyncRefusal, now } from './common';
import { quarantineForeignEntities } from './entity-owners';
import { checkPushedTransfers } from './transfers';
import { hqVault, type HqVault } from '../vault';
import { indexPushedEvents } from './national';

/** Serialises event inserts so that server_seq order is commit order (PostgreSQL hands out identities at insert). */
export async function lockEventLog(trx: Transaction<HqSchema>, hq: HqDatabase): Promise<void> {
  if (hq.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(727001)`.execute(trx);
}

/** Why an intact event cannot be applied, or null: it is still stored (the chain needs it), but quarantined. */
function quarantineReason(e: EventRecord): string | null {
  // Read as every device reads it (upcast from its version, then checked), so HQ quarantines exactly what a device would.
  const read = readPayload(e);
  return 'reason' in read ? read.reason : null;
}

type Head = { seq: number; hash: string };

/** How HQ stores one event: the one mapping, also used by tests that write events as an older HQ did. */
export function eventRow(e: EventRecord, receivedAt: string, reason: string | null): Insertable<EventsTable> {
  return {
    event_id: e.eventId,
    device_id: e.deviceId,
    device_seq: e.deviceSeq,
    hlc: e.hlc,
    actor: e.actor,
    type: e.type,
    entity_id: e.entityId,
    payload: e.payload,
    schema_version: e.schemaVersion,
    supersedes: JSON.stringify(e.supersedes),
    prev_hash: e.prevHash,
    hash: e.hash,
    received_at: receivedAt,
    quarantine_reason: reason,
  };
}

/** What a push stores on top of a given head, or why it is refused (thrown only after the fork check). */
interface PushPlan {
  head: Head;
  known: EventRecord[];
  fresh: EventRecord[];
  refusal: SyncRefusal | null;
  rows: Insertable<EventsTable>[];
  quarantined: { deviceSeq: number; reason: string }[];
  /** Already held events sent again with content that no longer matches their hash. */
  altered: EventRecord[];
}

function planPush(events: readonly EventRecord[], deviceId: string, publicKey: string, head: Head, signed: z.output<typeof pushRequest>['head'], receivedAt: string): PushPlan {
  const plan: PushPlan = { head, known: [], fresh: [], refusal: null, rows: [], quarantined: [], altered: [] };
  for (const e of events) (e.deviceSeq <= head.seq ? plan.known : plan.fresh).push(e);
  // A repeat is recognised by its hash, so the hash must still be the content's: an altered copy under
  // the old hash is no harmless duplicate (issue #10).
  plan.altered = plan.known.filter((e) => eventHash(e) !== e.hash);
  const { fresh } = plan;
  if (!fresh.length) return plan;
  if (new Set(events.map((e) => e.eventId)).size !== events.length) return { ...plan, refusal: new SyncRefusal(409, 'duplicate_event', head.seq) };
  if (fresh[0]!.deviceSeq !== head.seq + 1) return { ...plan, refusal: new SyncRefusal(409, 'gap', head.seq) };
  const broken = verifyChainRun(fresh, head);
  if (broken) return { ...plan, refusal: new SyncRefusal(422, broken.reason === 'gap' ? 'gap' : 'bad_chain', head.seq) };
  const last = fresh[fresh.length - 1]!;
  if (signed.seq !== last.deviceSeq || signed.hash !== last.hash || !verifyChainHead(publicKey, deviceId, last.deviceSeq, last.hash, signed.signature)) {
    return { ...plan, refusal: new SyncRefusal(422, 'bad_head_signature', head.seq) };
  }
  for (const e of fresh) {
    const reason = quarantineReason(e);
    if (reason) plan.quarantined.push({ deviceSeq: e.deviceSeq, reason });
    plan.rows.push(eventRow(e, receivedAt, reason));
  }
  return plan;
}

/**
 * A push: the device's events continue the chain HQ holds for it, and the signed head vouches for the
 * batch. Stored idempotently (a repeat is recognised by hash, a fork is refused), acknowledged only
 * after the transaction committed, with HQ's signed receipt.
 */
export async function pushEvents(hq: HqDatabase, deviceId: string, input: z.output<typeof pushRequest>): Promise<z.infer<typeof pushResponse>> {
  // The HTTP server refuses such text before it gets here; a bundle brings it from a file.
  if (illFormedPath(input) !== null) throw new SyncRefusal(400, 'ill_formed');
  const vault = await hqVault(hq);
  const events = [...input.events].sort((a, b) => a.deviceSeq - b.deviceSeq);
  if (events.some((e) => e.deviceId !== deviceId)) throw new SyncRefusal(403, 'foreign_device');
  // Hashing the chain and validating payloads is most of a push's CPU. Done here, against the head
  // read without the lock, it overlaps other pushes' database work instead of lengthening the
  // serialised section; under the lock it is redone only if the head moved meanwhile (the same device
  // pushing twice at once).
  const device = await hq.db.selectFrom('devices').select(['public_key', 'head_seq', 'head_hash']).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  const receivedAt = now();
  const early = planPush(events, deviceId, device.public_key, { seq: device.head_seq, hash: device.head_hash }, input.head, receivedAt);
  const result = await commitInGroup(hq, { hq, deviceId, events, input, publicKey: device.public_key, receivedAt, early, vault });
  // Only now, after the commit, does the device learn what HQ holds.
  return {
    ackedSeq: result.ackedSeq,
    receipt: signWith(vault.signingKey.privateKey, receiptMessage(deviceId, result.ackedSeq, result.ackedHash)),
    stored: result.stored,
    duplicates: result.duplicates,
    quarantined: result.quarantined,
    serverTime: now(),
  };
}

interface QueuedPush {
  hq: HqDatabase;
  deviceId: string;
  events: EventRecord[];
  input: z.output<typeof pushRequest>;
  publicKey: string;
  receivedAt: string;
  early: PushPlan;
  /** seals each payload as it is stored (HQ verified the chain on the clear text first) */
  vault: HqVault;
}

interface PushResult {
  ackedSeq: number;
  ackedHash: string;
  stored: number;
  duplicates: number;
  quarantined: { deviceSeq: number; reason: string }[];
}

interface PushQueue {
  waiting: { push: QueuedPush; resolve(r: PushResult): void; reject(e: unknown): void }[];
  draining: boolean;
}

const pushQueues = new WeakMap<HqDatabase, PushQueue>();
/** Bounds one group's transaction (and the cost of redoing it if its commit fails). */
const maxGroupEvents = 20_000;

/**
 * Group commit: pushes that arrive while another group is committing are stored together in the next
 * transaction, each under its own savepoint, so that at day end, with many devices pushing at once,
 * the durable commit (an fsync, and on SQLite a WAL checkpoint) is paid once per group rather than
 * once per push. A lone push is committed at once; nothing waits for a group to fill. Every push is
 * still acknowledged only after the transaction holding it committed, and a refused or failing push
 * rolls back to its savepoint without touching the others.
 */
function commitInGroup(hq: HqDatabase, push: QueuedPush): Promise<PushResult> {
  let queue = pushQueues.get(hq);
  if (!queue) pushQueues.set(hq, (queue = { waiting: [], draining: false }));
  const q = queue;
  return new Promise((resolve, reject) => {
    q.waiting.push({ push, resolve, reject });
    if (!q.draining) void drainPushes(hq, q);
  });
}

async function drainPushes(hq: HqDatabase, q: PushQueue): Promise<void> {
  q.draining = true;
  try {
    while (q.waiting.length) {
      // better-sqlite3 answers synchronously, so a whole transaction runs without the event loop ever
      // reading a socket: without this turn, pushes that arrived meanwhile would never join a group.
      await new Promise((resolve) => setImmediate(resolve));
      let events = 0;
      let take = 0;
      while (take < q.waiting.length && (take === 0 || events + q.waiting[take]!.push.events.length <= maxGroupEvents)) events += q.waiting[take++]!.push.events.length;
      const group = q.waiting.splice(0, take);
      const outcomes: ({ ok: PushResult } | { error: unknown })[] = [];
      try {
        await hq.db.transaction().execute(async (trx) => {
          await lockEventLog(trx, hq);
          if (group.length === 1) {
            outcomes.push({ ok: await applyPush(trx, hq.dialect, group[0]!.push) });
            return;
          }
          for (const { push } of group) {
            await sql`SAVEPOINT qeyd_push`.execute(trx);
            try {
              outcomes.push({ ok: await applyPush(trx, hq.dialect, push) });
            } catch (error) {
              await sql`ROLLBACK TO SAVEPOINT qeyd_push`.execute(trx);
              outcomes.push({ error });
            }
            await sql`RELEASE SAVEPOINT qeyd_push`.execute(trx);
          }
        });
      } catch (error) {
        // Nothing of the group was committed: every push in it fails and the devices send it again.
        for (const w of group) w.reject(error);
        continue;
      }
      group.forEach((w, i) => {
        const o = outcomes[i]!;
        if ('ok' in o) w.resolve(o.ok);
        else w.reject(o.error);
      });
    }
  } finally {
    q.draining = false;
  }
}

/**
 * PostgreSQL gets the whole batch as one jsonb parameter: planning a statement with thousands of
 * placeholders costs the server more than parsing the array, and JSON.stringify is native where binding
 * 14 parameters a row is not (about a quarter less CPU on each side). WITH ORDINALITY keeps server_seq
 * in device_seq order. On SQLite (in-process, no planning round trip) json_each measured slower than
 * plain multi-row inserts.
 */
async function insertEvents(trx: Transaction<HqSchema>, dialect: HqDatabase['dialect'], vault: HqVault, clear: Insertable<EventsTable>[]): Promise<void> {
  // Sealed only now, after the chain and payloads were checked on the clear text: a copy of the
  // database reveals no person (docs/hq-keys.md); the event id in the AAD keeps a payload to its row.
  const rows = clear.map((r) => ({ ...r, payload: vault.sealPayload(r.event_id, r.payload) }));
  if (dialect === 'sqlite') {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('events')
        .values(rows.slice(i, i + 500))
        .execute();
    return;
  }
  const batch = JSON.stringify(
    rows.map((r) => [r.event_id, r.device_id, r.device_seq, r.hlc, r.actor, r.type, r.entity_id, r.payload, r.schema_version, r.supersedes, r.prev_hash, r.hash, r.received_at, r.quarantine_reason]),
  );
  await sql`INSERT INTO events (event_id, device_id, device_seq, hlc, actor, type, entity_id, payload, schema_version, supersedes, prev_hash, hash, received_at, quarantine_reason)
    SELECT r->>0, r->>1, (r->>2)::integer, r->>3, r->>4, r->>5, r->>6, r->>7, (r->>8)::integer, r->>9, r->>10, r->>11, r->>12, r->>13
    FROM jsonb_array_elements(${batch}::jsonb) WITH ORDINALITY AS t(r, n)
    ORDER BY n`.execute(trx);
}

/**
 * `column IN (values)` with the values as one parameter on PostgreSQL (a text array): a statement with
 * thousands of placeholders costs more to plan than the lookup itself, and this runs under the lock.
 */
function oneOf(dialect: HqDatabase['dialect'], column: 'event_id' | 'entity_id', values: string[]) {
  return dialect === 'postgres' ? sql<boolean>`${sql.ref(column)} = any(${values}::text[])` : sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

/** One push inside the serialised section: re-check the head, refuse forks, store, move the head. */
async function applyPush(trx: Transaction<HqSchema>, dialect: HqDatabase['dialect'], push: QueuedPush): Promise<PushResult> {
  const { hq, deviceId, events, input, publicKey, receivedAt, early, vault } = push;
  const current = await trx.selectFrom('devices').select(['head_seq', 'head_hash']).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  const plan =
    current.head_seq === early.head.seq && current.head_hash === early.head.hash
      ? early
      : planPush(events, deviceId, publicKey, { seq: current.head_seq, hash: current.head_hash }, input.head, receivedAt);
  const { head, known, fresh } = plan;
  if (known.length) {
    const stored = await trx
      .selectFrom('events')
      .select(['device_seq', 'hash'])
      .where('device_id', '=', deviceId)
      .where(
        'device_seq',
        'in',
        known.map((e) => e.deviceSeq),
      )
      .execute();
    const byseq = new Map(stored.map((s) => [s.device_seq, s.hash]));
    // Same sequence number, different content: the device's history was rewritten. Never overwrite.
    if (known.some((e) => byseq.get(e.deviceSeq) !== e.hash)) throw new SyncRefusal(409, 'fork', head.seq);
  }
  if (plan.refusal) throw plan.refusal;
  const altered = plan.altered.map((e) => ({ deviceSeq: e.deviceSeq, reason: 'altered_copy' }));
  if (plan.altered.length) {
    // What HQ holds stays as it is; the altered copy is recorded once, for HQ staff to look into.
    await trx
      .insertInto('quarantine_log')
      .values(plan.altered.map((e) => ({ device_id: deviceId, event_id: e.eventId, device_seq: e.deviceSeq, reason: 'altered_copy', detail: eventHash(e), recorded_at: receivedAt })))
      .onConflict((oc) => oc.columns(['device_id', 'device_seq', 'reason', 'detail']).doNothing())
      .execute();
  }
  const duplicates = known.length - plan.altered.length;
  if (!fresh.length) return { ackedSeq: head.seq, ackedHash: head.hash, stored: 0, duplicates, quarantined: altered };
  const ids = fresh.map((e) => e.eventId);
  // Event ids are unique across HQ (and every device's store): a reused one would fail the insert.
  if (
    await trx
      .selectFrom('events')
      .select('event_id')
      .where(oneOf(dialect, 'event_id', ids))
      .executeTakeFirst()
  )
    throw new SyncRefusal(409, 'duplicate_event', head.seq);
  // A record of another facility is quarantined, a new one claimed for the pusher's (hq/sync/entity-owners.ts).
  // Transfers between centres are checked first: an admission moves the records it carries to the pusher's facility (hq/sync/transfers.ts).
  const transfers = await checkPushedTransfers(trx, vault, deviceId, await quarantineReregistrations(trx, dialect, plan));
  const { rows, quarantined } = await quarantineForeignEntities(trx, dialect, deviceId, transfers, transfers.handovers);
  await insertEvents(trx, dialect, vault, rows);
  // The national name index moves with what is stored, in the same transaction (hq/sync/national.ts).
  await indexPushedEvents(trx, hq, vault, rows);
  const last = fresh[fresh.length - 1]!;
  await trx
    .updateTable('devices')
    .set({
      head_seq: last.deviceSeq,
      head_hash: last.hash,
      head_signature: input.head.signature,
      last_seen_at: receivedAt,
      last_push_at: receivedAt,
      ...(input.queued === undefined ? {} : { reported_pending: input.queued, reported_at: receivedAt }),
    })
    .where('device_id', '=', deviceId)
    .execute();
  return { ackedSeq: last.deviceSeq, ackedHash: last.hash, stored: fresh.length, duplicates, quarantined: [...altered, ...quarantined] };
}

/**
 * A second `person.registered` for a person HQ already holds (from any device, or earlier in the
 * batch) would stop every store that applies it, HQ's console included (issue #10): it is stored, for
 * the chain, but quarantined.
 */
async function quarantineReregistrations(
  trx: Transaction<HqSchema>,
  dialect: HqDatabase['dialect'],
  plan: PushPlan,
): Promise<{ rows: Insertable<EventsTable>[]; quarantined: PushPlan['quarantined'] }> {
  const registrations = plan.rows.filter((r) => r.type === 'person.registered' && r.quarantine_reason === null);
  if (!registrations.length) return { rows: plan.rows, quarantined: plan.quarantined };
  const held = await trx
    .selectFrom('events')
    .select('entity_id')
    .where('type', '=', 'person.registered')
    .where('quarantine_reason', 'is', null)
    .where(oneOf(dialect, 'entity_id', [...new Set(registrations.map((r) => r.entity_id))]))
    .execute();
  const seen = new Set(held.map((r) => r.entity_id));
  const quarantined = [...plan.quarantined];
  const rows = plan.rows.map((r) => {
    if (r.type !== 'person.registered' || r.quarantine_reason !== null) return r;
    if (!seen.has(r.entity_id)) {
      seen.add(r.entity_id);
      return r;
    }
    quarantined.push({ deviceSeq: r.device_seq, reason: 'duplicate_entity' });
    return { ...r, quarantine_reason: 'duplicate_entity' };
  });
  return { rows, quarantined: quarantined.sort((a, b) => a.deviceSeq - b.deviceSeq) };
}
