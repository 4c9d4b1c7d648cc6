/**
 * The national duplicate check at HQ (issue #14 §2, docs/sync.md#national-duplicate-check): a name
 * index of every facility's people, kept in the push's own transaction, and the lookup a device makes at
 * intake. The index holds a sealed card per person (names, birth date, register number) and keyed hashes
 * of the card's name keys (core/name-matching.ts nameKeys), so a copy of HQ's database lists no name; it
 * learns the person's current state from the episode events and links from person.nationalLinked.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import { readPayload } from '../../core/events/upcast';
import type { EventPayload } from '../../core/events';
import type { OutcomeType } from '../../core/episode';
import { matcherFor, nameKeys } from '../../core/name-matching';
import { formatRegisterNo } from '../../core/register-number';
import { nationalChecksPerMinute, type nationalCard, type nationalCheckRequest, type NationalState } from '../../core/sync-national';
import { minimumMatchScore } from '../../main/services/name-search';
import type { HqDatabase } from '../db';
import type { EventsTable, HqSchema } from '../schema';
import type { HqVault } from '../vault';
import { hqVault } from '../vault';
import { SyncRefusal, now } from './common';

type Db = Kysely<HqSchema> | Transaction<HqSchema>;

/** What HQ keeps sealed of a person: enough to score a match and show the minimal card. */
interface Card {
  personId: string;
  facilityId: string;
  deviceId: string;
  registerNo: string;
  names: { original: string; latin: string; patronymic: string | null; aliases: string[] };
  birthDate: string | null;
  nationalities: string[];
}

const cardLabel = (personId: string) => `national-card\0${personId}`;
const keyPurpose = 'national-name-key';

/**
 * Which nameKeys made an index row's keys: a fingerprint of its output on names of the scripts it
 * handles. Any change to nameKeys (helper A of issue #14 reworks it) changes the fingerprint, and rows
 * of an older one are re-keyed from their sealed cards at start, so a lookup never misses a person
 * because the two sides computed keys differently.
 */
const probeNames = ['Мухаммад Рахими', 'Hüseynov Əli Rasim oğlu', 'محمد رحیمی', 'Abdul Rahman al-Hassan', 'Гусейнова Айгюн', 'Nguyen Van An', 'Zarminah Khaksar'];
export const nameKeyVersion = `nk-${createHash('sha256')
  .update(JSON.stringify(probeNames.map((n) => nameKeys([n]))))
  .digest('hex')
  .slice(0, 16)}`;

const cardNames = (c: Card) => [c.names.original, c.names.latin, ...(c.names.patronymic ? [`${c.names.latin} ${c.names.patronymic}`] : []), ...c.names.aliases];

function hashedKeys(vault: HqVault, names: readonly string[]): string[] {
  return [...new Set(nameKeys(names).map((k) => vault.keyedHash(keyPurpose, k)))];
}

async function writeKeys(db: Db, vault: HqVault, card: Card): Promise<void> {
  await db.deleteFrom('national_name_keys').where('person_id', '=', card.personId).execute();
  const keys = hashedKeys(vault, cardNames(card));
  for (let i = 0; i < keys.length; i += 200) {
    await db
      .insertInto('national_name_keys')
      .values(keys.slice(i, i + 200).map((key) => ({ key, person_id: card.personId })))
      .onConflict((oc) => oc.columns(['key', 'person_id']).doNothing())
      .execute();
  }
}

async function readCard(db: Db, vault: HqVault, personId: string): Promise<Card | null> {
  const row = await db.selectFrom('national_persons').select('card').where('person_id', '=', personId).executeTakeFirst();
  return row ? (JSON.parse(vault.openSecret(cardLabel(personId), row.card)) as Card) : null;
}

async function saveCard(db: Db, vault: HqVault, card: Card): Promise<void> {
  await db
    .updateTable('national_persons')
    .set({ card: vault.sealSecret(cardLabel(card.personId), JSON.stringify(card)), key_version: nameKeyVersion, updated_at: now() })
    .where('person_id', '=', card.personId)
    .execute();
  await writeKeys(db, vault, card);
}

const exitState: Record<OutcomeType, NationalState> = {
  released_term_expired: 'released',
  released_decision: 'released',
  expelled: 'removed',
  deported_readmission: 'removed',
  avr_iom: 'removed',
  transferred_shelter: 'transferred',
  transferred_child_care: 'transferred',
  transferred_hospital: 'transferred',
  transferred_criminal_custody: 'transferred',
  refugee_status: 'refugee',
  died: 'deceased',
  escaped: 'escaped',
  // issue #15 §6: a voluntary departure leaves the country; a residence permit ends the detention.
  departed_voluntarily: 'removed',
  regularised: 'released',
  thb_residence_permit: 'released',
};

/** The person fields a correction may change that the card keeps (db/projections/persons.ts names the same paths). */
function correctCard(card: Card, changes: Record<string, unknown>): Card {
  const c: Card = { ...card, names: { ...card.names } };
  for (const [field, v] of Object.entries(changes)) {
    if (field === 'names.original' && typeof v === 'string') c.names.original = v;
    else if (field === 'names.latin' && typeof v === 'string') c.names.latin = v;
    else if (field === 'names.patronymic') c.names.patronymic = typeof v === 'string' ? v : null;
    else if (field === 'names.aliases') c.names.aliases = Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];
    else if (field === 'birth.date') c.birthDate = typeof v === 'string' ? v : null;
    else if (field === 'nationalities') c.nationalities = Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];
  }
  return c;
}

type ClearRow = Pick<Insertable<EventsTable>, 'event_id' | 'device_id' | 'type' | 'entity_id' | 'payload' | 'schema_version' | 'quarantine_reason' | 'hlc'>;

/** Event types the index reads; every other event passes by without a query. */
const indexedTypes = new Set([
  'person.registered',
  'person.corrected',
  'person.merged',
  'person.unmerged',
  'person.nationalLinked',
  'person.nationalUnlinked',
  'episode.apprehended',
  'episode.admitted',
  'episode.closed',
]);

/** Rows per insert: well under both engines' parameter limits, few round trips on a 2,000-event push. */
const chunk = 500;

async function inChunks<T>(items: readonly T[], size: number, f: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await f(items.slice(i, i + size));
}

/**
 * Registrations of a run of events, a few statements for all of them (a push of 2,000 registrations
 * would otherwise pay five round trips each under the push lock). Each takes its device's next number,
 * quarantined or not, as the device that made it counted it.
 */
async function indexRegistrations(db: Db, vault: HqVault, rows: readonly ClearRow[], facilityOf: Map<string, string>): Promise<void> {
  if (!rows.length) return;
  const numbers = new Map<ClearRow, number>();
  for (const deviceId of [...new Set(rows.map((r) => r.device_id))]) {
    const mine = rows.filter((r) => r.device_id === deviceId);
    const counted = await db
      .insertInto('national_register_counters')
      .values({ device_id: deviceId, last_no: mine.length })
      .onConflict((oc) => oc.column('device_id').doUpdateSet({ last_no: sql`national_register_counters.last_no + ${mine.length}` }))
      .returning('last_no')
      .executeTakeFirstOrThrow();
    mine.forEach((r, i) => numbers.set(r, counted.last_no - mine.length + 1 + i));
    if (!facilityOf.has(deviceId)) facilityOf.set(deviceId, (await db.selectFrom('devices').select('facility_id').where('device_id', '=', deviceId).executeTakeFirst())?.facility_id ?? '');
  }
  const cards = new Map<string, Card>();
  for (const r of rows) {
    if (r.quarantine_reason || cards.has(r.entity_id)) continue;
    const read = readPayload({ type: r.type, schemaVersion: r.schema_version, payload: r.payload });
    if ('reason' in read) continue;
    const details = (read.payload as EventPayload<'person.registered'>).details;
    cards.set(r.entity_id, {
      personId: r.entity_id,
      facilityId: facilityOf.get(r.device_id) ?? '',
      deviceId: r.device_id,
      registerNo: formatRegisterNo(r.device_id, numbers.get(r)!),
      names: { original: details.names.original, latin: details.names.latin, patronymic: details.names.patronymic ?? null, aliases: [...details.names.aliases] },
      birthDate: details.birth?.date ?? null,
      nationalities: [...details.nationalities],
    });
  }
  const at = now();
  const inserted = new Set<string>();
  await inChunks([...cards.values()], chunk, async (part) => {
    const done = await db
      .insertInto('national_persons')
      .values(
        part.map((card) => ({
          person_id: card.personId,
          facility_id: card.facilityId,
          device_id: card.deviceId,
          card: vault.sealSecret(cardLabel(card.personId), JSON.stringify(card)),
          key_version: nameKeyVersion,
          merged_into: null,
          updated_at: at,
        })),
      )
      .onConflict((oc) => oc.column('person_id').doNothing())
      .returning('person_id')
      .execute();
    for (const d of done) inserted.add(d.person_id);
  });
  const keys = [...inserted].flatMap((id) => hashedKeys(vault, cardNames(cards.get(id)!)).map((key) => ({ key, person_id: id })));
  await inChunks(keys, chunk * 2, (part) =>
    db
      .insertInto('national_name_keys')
      .values(part)
      .onConflict((oc) => oc.columns(['key', 'person_id']).doNothing())
      .execute(),
  );
}

/** Episodes opened or admitted in a run of events: one upsert per chunk, the last word per episode kept. */
async function indexEpisodes(db: Db, rows: readonly ClearRow[]): Promise<void> {
  const byEpisode = new Map<string, { episode_id: string; person_id: string; state: string; opened_at: string; state_since: string }>();
  for (const r of rows) {
    if (r.quarantine_reason) continue;
    const read = readPayload({ type: r.type, schemaVersion: r.schema_version, payload: r.payload });
    if ('reason' in read) continue;
    const e = read.payload as EventPayload<'episode.apprehended'> & Partial<EventPayload<'episode.admitted'>>;
    const state: NationalState = r.type === 'episode.admitted' ? 'held' : 'awaiting_decision';
    byEpisode.set(r.entity_id, { episode_id: r.entity_id, person_id: e.personId, state, opened_at: e.apprehension.at, state_since: e.admittedAt ?? e.apprehension.at });
  }
  await inChunks([...byEpisode.values()], chunk, (part) =>
    db
      .insertInto('national_episodes')
      .values(part)
      .onConflict((oc) => oc.column('episode_id').doUpdateSet((eb) => ({ state: eb.ref('excluded.state'), state_since: eb.ref('excluded.state_since') })))
      .execute(),
  );
}

/**
 * Brings the index up to date with events just stored, in their device order, inside the transaction
 * that stores them: the index never holds what HQ did not commit, nor misses what it did. Runs of
 * registrations and episode openings are written together; any other indexed event first flushes the
 * run before it, so each event still sees the index as its predecessors left it.
 */
async function indexRows(db: Db, vault: HqVault, rows: readonly ClearRow[]): Promise<void> {
  const facilityOf = new Map<string, string>();
  let registrations: ClearRow[] = [];
  let episodes: ClearRow[] = [];
  const flush = async () => {
    await indexRegistrations(db, vault, registrations, facilityOf);
    await indexEpisodes(db, episodes);
    registrations = [];
    episodes = [];
  };
  for (const r of rows) {
    if (!indexedTypes.has(r.type)) continue;
    if (r.type === 'person.registered') {
      registrations.push(r);
      continue;
    }
    if (r.type === 'episode.apprehended' || r.type === 'episode.admitted') {
      episodes.push(r);
      continue;
    }
    await flush();
    if (r.quarantine_reason) continue;
    const read = readPayload({ type: r.type, schemaVersion: r.schema_version, payload: r.payload });
    if ('reason' in read) continue;
    const p = read.payload;
    switch (r.type) {
      case 'person.corrected': {
        const card = await readCard(db, vault, r.entity_id);
        if (card) await saveCard(db, vault, correctCard(card, (p as EventPayload<'person.corrected'>).changes));
        break;
      }
      case 'person.merged':
        await db
          .updateTable('national_persons')
          .set({ merged_into: (p as EventPayload<'person.merged'>).intoPersonId })
          .where('person_id', '=', r.entity_id)
          .execute();
        break;
      case 'person.unmerged':
        await db.updateTable('national_persons').set({ merged_into: null }).where('person_id', '=', r.entity_id).execute();
        break;
      case 'person.nationalLinked': {
        const { hqRef } = p as EventPayload<'person.nationalLinked'>;
        await db
          .insertInto('national_links')
          .values({ person_id: r.entity_id, other_person_id: hqRef.personId, other_facility_id: hqRef.facilityId, linked_at: now() })
          .onConflict((oc) => oc.columns(['person_id', 'other_person_id']).doNothing())
          .execute();
        break;
      }
      case 'person.nationalUnlinked':
        await db
          .deleteFrom('national_links')
          .where('person_id', '=', r.entity_id)
          .where('other_person_id', '=', (p as EventPayload<'person.nationalUnlinked'>).hqRef.personId)
          .execute();
        break;
      case 'episode.closed': {
        const { exit } = p as EventPayload<'episode.closed'>;
        await db.updateTable('national_episodes').set({ state: exitState[exit.type], state_since: exit.at }).where('episode_id', '=', r.entity_id).execute();
        break;
      }
    }
  }
  await flush();
}

const stateKey = 'national_index_state';
/** Databases whose index is known complete: from then on every push keeps it so, and it never goes back. */
const ready = new WeakMap<HqDatabase, true>();

async function readState(db: Db): Promise<{ seq: number; ready: boolean }> {
  const row = await db.selectFrom('hq_meta').select('value').where('key', '=', stateKey).executeTakeFirst();
  if (!row) return { seq: 0, ready: false };
  const v = JSON.parse(row.value) as { seq?: unknown; ready?: unknown };
  return { seq: typeof v.seq === 'number' ? v.seq : 0, ready: v.ready === true };
}

/**
 * Called by a push inside its transaction, after its events are inserted. Until the backfill has run
 * (an HQ upgraded to this version with events already held), the push leaves its events to it: the
 * backfill reads every event past its mark in server order, so nothing is indexed twice or skipped.
 */
export async function indexPushedEvents(trx: Transaction<HqSchema>, hq: HqDatabase, vault: HqVault, rows: readonly ClearRow[]): Promise<void> {
  if (!rows.some((r) => indexedTypes.has(r.type))) return;
  if (!ready.has(hq)) {
    if (!(await readState(trx)).ready) return;
    ready.set(hq, true);
  }
  await indexRows(trx, vault, rows);
}

/**
 * Indexes the events HQ held before the index existed, from their sealed payloads, in batches, each
 * under the event-log lock so that no push interleaves; idempotent (a mark in hq_meta says how far it
 * got, and a run cut short resumes there). Returns how many events it read.
 */
export async function backfillNationalIndex(hq: HqDatabase, lockEventLog: (trx: Transaction<HqSchema>) => Promise<void>, batchSize = 2000): Promise<number> {
  const vault = await hqVault(hq);
  let read = 0;
  for (;;) {
    const done = await hq.db.transaction().execute(async (trx) => {
      await lockEventLog(trx);
      const state = await readState(trx);
      if (state.ready) return true;
      const events = await trx
        .selectFrom('events')
        .select(['server_seq', 'event_id', 'device_id', 'type', 'entity_id', 'payload', 'schema_version', 'quarantine_reason', 'hlc'])
        .where('server_seq', '>', state.seq)
        .orderBy('server_seq')
        .limit(batchSize)
        .execute();
      await indexRows(
        trx,
        vault,
        events.map((e) => ({ ...e, payload: indexedTypes.has(e.type) ? vault.openPayload(e.event_id, e.payload) : '' })),
      );
      read += events.length;
      const next = { seq: events.length ? events[events.length - 1]!.server_seq : state.seq, ready: events.length < batchSize };
      await trx
        .insertInto('hq_meta')
        .values({ key: stateKey, value: JSON.stringify(next) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next) }))
        .execute();
      return next.ready;
    });
    if (done) break;
  }
  ready.set(hq, true);
  return read;
}

/** Re-keys, from their sealed cards, the rows an older nameKeys indexed. Returns how many. */
export async function rekeyNationalIndex(hq: HqDatabase, batchSize = 500): Promise<number> {
  const vault = await hqVault(hq);
  let rekeyed = 0;
  for (;;) {
    const rows = await hq.db.selectFrom('national_persons').select(['person_id', 'card']).where('key_version', '<>', nameKeyVersion).limit(batchSize).execute();
    if (!rows.length) break;
    await hq.db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const card = JSON.parse(vault.openSecret(cardLabel(r.person_id), r.card)) as Card;
        await writeKeys(trx, vault, card);
        // Only if no push rewrote the card meanwhile (its keys are then current already).
        await trx.updateTable('national_persons').set({ key_version: nameKeyVersion }).where('person_id', '=', r.person_id).where('card', '=', r.card).execute();
        rekeyed++;
      }
    });
  }
  return rekeyed;
}

const preparing = new WeakMap<HqDatabase, Promise<{ indexed: number; rekeyed: number }>>();

/**
 * The index made complete and current: at HQ's start (hq/start.ts) and, once per process, before the
 * first lookup (a server built without start.ts, as tests and the console's own HQ do).
 */
export function prepareNationalIndex(hq: HqDatabase, lockEventLog: (trx: Transaction<HqSchema>) => Promise<void>): Promise<{ indexed: number; rekeyed: number }> {
  let p = preparing.get(hq);
  if (!p) {
    p = (async () => ({ indexed: await backfillNationalIndex(hq, lockEventLog), rekeyed: await rekeyNationalIndex(hq) }))();
    preparing.set(hq, p);
    p.catch(() => preparing.delete(hq));
  }
  return p;
}

type Candidate = z.infer<typeof nationalCard>;

/** A person's current state: their latest episode's, or "registered" when no episode reached HQ. */
async function statesOf(db: Db, personIds: string[]): Promise<Map<string, { state: NationalState; since: string | null }>> {
  const out = new Map<string, { state: NationalState; since: string | null; opened: string }>();
  if (!personIds.length) return out;
  const rows = await db.selectFrom('national_episodes').select(['person_id', 'state', 'opened_at', 'state_since']).where('person_id', 'in', personIds).execute();
  for (const r of rows) {
    const had = out.get(r.person_id);
    if (!had || r.opened_at > had.opened) out.set(r.person_id, { state: r.state as NationalState, since: r.state_since, opened: r.opened_at });
  }
  return out;
}

/**
 * One lookup: refused past the device's limit (counted in the lookups table, so several HQ nodes on one
 * PostgreSQL share it), audited either way, never with the names asked about. Candidates come from the
 * index's keys, are scored as a device scores its own register (matcherFor), and exclude the asking
 * device's own records (it holds them) and the record being re-checked.
 */
export async function nationalCheck(
  hq: HqDatabase,
  lockEventLog: (trx: Transaction<HqSchema>) => Promise<void>,
  deviceId: string,
  input: z.output<typeof nationalCheckRequest>,
  clock: () => number = Date.now,
): Promise<{ candidates: Candidate[]; checkedAt: string }> {
  await prepareNationalIndex(hq, lockEventLog);
  const vault = await hqVault(hq);
  const at = new Date(clock()).toISOString();
  const device = await hq.db.selectFrom('devices').select('facility_id').where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  const audit = (outcome: string, results: number) =>
    hq.db
      .insertInto('national_lookups')
      .values({ lookup_id: randomUUID(), device_id: deviceId, facility_id: device.facility_id, asked_by: input.askedBy, person_id: input.personId ?? null, at, outcome, results })
      .execute();
  const recent = await hq.db
    .selectFrom('national_lookups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('device_id', '=', deviceId)
    .where('outcome', '=', 'ok')
    .where('at', '>', new Date(clock() - 60_000).toISOString())
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= nationalChecksPerMinute) {
    await audit('rate_limited', 0);
    throw new SyncRefusal(429, 'nationalRateLimited');
  }
  const queryNames = [input.names.original, input.names.latin, ...(input.names.patronymic ? [`${input.names.latin} ${input.names.patronymic}`] : [])];
  const keys = hashedKeys(vault, [...queryNames, ...input.names.aliases]);
  const hits = keys.length
    ? await hq.db
        .selectFrom('national_name_keys')
        .select(['person_id', (eb) => eb.fn.countAll<number>().as('hits')])
        .where('key', 'in', keys)
        .groupBy('person_id')
        .orderBy('hits', 'desc')
        .limit(500)
        .execute()
    : [];
  const rows = hits.length
    ? await hq.db
        .selectFrom('national_persons')
        .select(['person_id', 'facility_id', 'device_id', 'card'])
        .where(
          'person_id',
          'in',
          hits.map((h) => h.person_id),
        )
        .where('merged_into', 'is', null)
        .execute()
    : [];
  const match = matcherFor({ names: queryNames, aliases: input.names.aliases, birthDate: input.birthDate ?? null, nationalities: input.nationalities });
  const scored = rows
    .filter((r) => r.device_id !== deviceId && r.person_id !== input.personId)
    .map((r) => {
      const card = JSON.parse(vault.openSecret(cardLabel(r.person_id), r.card)) as Card;
      return { card, ...match({ names: [card.names.original, card.names.latin], aliases: card.names.aliases, birthDate: card.birthDate, nationalities: card.nationalities }) };
    })
    .filter((s) => s.score >= minimumMatchScore)
    .sort((a, b) => b.score - a.score || a.card.personId.localeCompare(b.card.personId))
    .slice(0, 10);
  const ids = scored.map((s) => s.card.personId);
  const states = await statesOf(hq.db, ids);
  const links = ids.length
    ? await hq.db
        .selectFrom('national_links')
        .select(['person_id', 'other_person_id'])
        .where((eb) => eb.or([eb('person_id', 'in', ids), eb('other_person_id', 'in', ids)]))
        .execute()
    : [];
  const facilityNames = new Map((await hq.db.selectFrom('facilities').select(['facility_id', 'name']).execute()).map((f) => [f.facility_id, f.name]));
  const linkedCards = new Map<string, Card | null>();
  const cardOf = async (id: string) => {
    if (!linkedCards.has(id)) linkedCards.set(id, await readCard(hq.db, vault, id));
    return linkedCards.get(id)!;
  };
  const candidates: Candidate[] = [];
  for (const s of scored) {
    const id = s.card.personId;
    const others = links.flatMap((l) => (l.person_id === id ? [l.other_person_id] : l.other_person_id === id ? [l.person_id] : []));
    const linked: Candidate['links'] = [];
    for (const o of [...new Set(others)]) {
      const c = await cardOf(o);
      if (c) linked.push({ facilityId: c.facilityId, facilityName: facilityNames.get(c.facilityId) ?? '', personId: c.personId, registerNo: c.registerNo });
    }
    const st = states.get(id);
    candidates.push({
      facilityId: s.card.facilityId,
      facilityName: facilityNames.get(s.card.facilityId) ?? '',
      personId: id,
      registerNo: s.card.registerNo,
      names: { original: s.card.names.original, latin: s.card.names.latin, aliases: s.card.names.aliases },
      birthYear: s.card.birthDate ? Number(s.card.birthDate.slice(0, 4)) : null,
      state: st?.state ?? 'registered',
      stateSince: st?.since ?? null,
      score: s.score,
      reasons: s.reasons,
      links: linked,
    });
  }
  await audit('ok', candidates.length);
  return { candidates, checkedAt: at };
}
