import { personRecords } from '../../db/transfer-package';
import type { Store } from '../../db/store';
import type { SeedInstallation } from './installation';
import { Prng } from './prng';

/**
 * Transfers between two seeded centres (issue #15 §6, docs/sync.md#transfers-between-centres), played
 * through the real handlers and the real sync, as a registrar at each end would: the sending centre
 * dispatches a held person with the escort, the documents and the property that travel; HQ carries the
 * package; the receiving centre admits the person with its handover check (now and then something did
 * not arrive and the check says what), or refuses the transfer; the duty officer there tells the family
 * where the person now is. Some transfers are still on the road when the seed stops.
 */

const hour = 3_600_000;
const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export interface TransferSeedOptions {
  from: SeedInstallation;
  to: SeedInstallation;
  /** How many held people the sending centre transfers (fewer when fewer can go). */
  count: number;
  seed: number;
  now: number;
  log?: (line: string) => void;
}

export interface TransferSeedResult {
  dispatched: number;
  admitted: number;
  withDiscrepancies: number;
  refused: number;
  inTransit: number;
  /** People who could not go: a package too large for one event, or nothing left to choose from. */
  skipped: number;
}

type Fate = 'admitted' | 'discrepancy' | 'refused' | 'in_transit';
const showcase: readonly Fate[] = ['admitted', 'discrepancy', 'refused', 'in_transit'];

interface Candidate {
  episodeId: string;
  personId: string;
  nameLatin: string;
  admittedAt: string;
}

const reasons = ['Yerləşdirmə yerlərinin çatışmazlığı', 'Ailəsinə yaxın mərkəzə köçürülmə', 'Çıxarılma üçün sərhəd məntəqəsinə yaxın mərkəzə', 'Tibbi xidmətə yaxın mərkəzə köçürülmə'] as const;
const escorts = ['Serj. R. Əliyev, Kiçik serj. T. Həsənov', 'Baş leyt. E. Quliyev, Serj. N. Məmmədli', 'Kap. F. Rzayev, Serj. O. Nəsirov'] as const;
const refusals = ['Qəbul edən mərkəzdə boş yer yoxdur; konvoy şəxsi geri apardı.', 'Qərarın surəti paketə əlavə edilməyib; konvoy şəxsi geri apardı.'] as const;
const relations = ['qardaşı', 'həyat yoldaşı', 'anası', 'bacısı'] as const;

/** Held people who may be transferred now: in an active term, not already on the road, not in hospital. */
function candidates(store: Store, now: number): Candidate[] {
  return store.sqlite
    .prepare(
      `SELECT e.episode_id AS episodeId, e.person_id AS personId, p.name_latin AS nameLatin, e.admitted_at AS admittedAt
         FROM episodes e JOIN persons p ON p.person_id = e.person_id
        WHERE e.state IN ('ACTIVE', 'EXTENSION_PENDING') AND e.term_end > ? AND e.admitted_at IS NOT NULL
          AND e.in_transfer IS NULL AND e.in_hospital_since IS NULL AND p.merged_into IS NULL
        ORDER BY e.episode_id`,
    )
    .all(iso(now)) as Candidate[];
}

/** The latest instant already recorded about the person (up to now): a transfer comes after it. */
function lastRecorded(store: Store, personId: string, now: number): number {
  let last = 0;
  for (const e of personRecords(store.q, personId).events) {
    for (const m of JSON.stringify(e.payload).matchAll(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z)"/g)) {
      const t = Date.parse(m[1]!);
      if (t <= now && t > last) last = t;
    }
  }
  return last;
}

/** What travels with the person: identity papers on record, the placement decision, the property held. */
function handoverOf(store: Store, c: Candidate, r: Prng) {
  const documents = (
    store.sqlite.prepare('SELECT type, series, number FROM documents WHERE person_id = ? ORDER BY recorded_at').all(c.personId) as { type: string; series: string | null; number: string | null }[]
  ).map((d) => `${d.type} ${[d.series, d.number].filter(Boolean).join(' ')}`.trim());
  const decision = (store.sqlite.prepare('SELECT decision FROM episodes WHERE episode_id = ?').get(c.episodeId) as { decision: string | null }).decision;
  const number = decision ? (JSON.parse(decision) as { number?: string }).number : undefined;
  if (number) documents.push(`Yerləşdirmə qərarı № ${number}`);
  const items = store.sqlite.prepare("SELECT item_id, description, quantity FROM property_items WHERE episode_id = ? AND state = 'held' ORDER BY item_id").all(c.episodeId) as {
    item_id: string;
    description: string;
    quantity: number;
  }[];
  const property = items.map((p) => (p.quantity > 1 ? `${p.description} × ${p.quantity}` : p.description));
  return {
    handover: {
      escort: { names: r.pick(escorts), service: 'DMX Konvoy xidməti' },
      documents: documents.slice(0, 50),
      property: property.slice(0, 200),
      ...(r.chance(0.3) ? { note: 'Gündəlik dərmanı var; dərman paketi konvoydadır.' } : {}),
    },
    /** The items behind `property`, in the same order: the receiving centre holds them under the same ids. */
    itemIds: items.slice(0, 200).map((p) => p.item_id),
  };
}

export async function seedTransfers(o: TransferSeedOptions): Promise<TransferSeedResult> {
  const log = o.log ?? (() => {});
  const r = new Prng(o.seed, 0x7a5f);
  const fromStore = o.from.backend.installation.requireStore();
  const sender = o.from.clients.registrar;
  const receiver = o.to.clients.registrar;
  const own = (await receiver.transfers.facilities({})).ownFacilityId;
  const listed = await sender.transfers.facilities({});
  const toId = listed.facilities.find((f) => f.facilityId === own)?.facilityId;
  const fromName = (await receiver.transfers.facilities({})).facilities.find((f) => f.facilityId === listed.ownFacilityId)?.name ?? 'Göndərən mərkəz';
  if (!toId) throw new Error('[seed] both centres must be enrolled with the same HQ and synced before transfers');
  const result: TransferSeedResult = { dispatched: 0, admitted: 0, withDiscrepancies: 0, refused: 0, inTransit: 0, skipped: 0 };

  // Shuffled once, from the seed: the same people are transferred on every machine.
  const pool = candidates(fromStore, o.now)
    .map((c) => ({ c, k: r.u32() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c);
  const sent: { transferId: string; fate: Fate; at: number; c: Candidate; handover: ReturnType<typeof handoverOf>['handover']; itemIds: string[] }[] = [];
  for (const c of pool) {
    if (sent.length >= o.count) break;
    // The first four show each ending once (the showcase); then most arrive without a fault.
    const fate: Fate = showcase[sent.length] ?? r.weighted({ admitted: 70, discrepancy: 14, refused: 6, in_transit: 10 });
    // On the road to a centre a few hours away: one still travelling left within the last hours.
    const earliest = Math.max(Date.parse(c.admittedAt) + 2 * hour, lastRecorded(fromStore, c.personId, o.now) + 30 * minute);
    const at = fate === 'in_transit' ? o.now - r.int(60, 180) * minute : o.now - r.int(8, 72) * hour;
    if (at < earliest) {
      result.skipped++;
      continue;
    }
    const { handover, itemIds } = handoverOf(fromStore, c, r);
    try {
      const { transferId } = await sender.transfers.dispatch({ episodeId: c.episodeId, toFacilityId: toId, at: iso(at), reason: r.pick(reasons), handover });
      sent.push({ transferId, fate, at, c, handover, itemIds });
    } catch (e) {
      // A long stay's package can outgrow one event: that person is not sent (docs/seed.md).
      if ((e as { messageKey?: string }).messageKey !== 'error.transfer.tooLarge') throw e;
      result.skipped++;
    }
  }
  result.dispatched = sent.length;
  log(`[seed] ${sent.length} transfers dispatched; syncing both centres through HQ…`);

  await sender.sync.run({});
  await receiver.sync.run({});
  const waiting = new Set((await receiver.transfers.incoming({})).transfers.map((t) => t.transferId));
  for (const t of sent) {
    if (t.fate === 'in_transit') {
      result.inTransit++;
      continue;
    }
    if (!waiting.has(t.transferId)) throw new Error(`[seed] transfer ${t.transferId} did not reach the receiving centre`);
    const arrived = Math.min(t.at + r.int(3 * 60, 6 * 60) * minute, o.now - 10 * minute);
    if (t.fate === 'refused') {
      await receiver.transfers.refuse({ transferId: t.transferId, at: iso(arrived), reason: r.pick(refusals) });
      result.refused++;
      continue;
    }
    // The receiving desk ticks off what the escort hands over; in a discrepancy one thing did not come.
    const discrepancy = t.fate === 'discrepancy';
    // The item that did not come, when there was property to bring; otherwise the escort had no service card.
    const lostItem = discrepancy && t.handover.property.length ? r.int(0, t.handover.property.length - 1) : null;
    await receiver.transfers.admit({
      transferId: t.transferId,
      at: iso(arrived),
      check: {
        identityConfirmed: true,
        escortIdentified: !discrepancy || lostItem !== null,
        documents: t.handover.documents.map((item) => ({ item, received: true })),
        property: t.handover.property.map((item, i) => ({ item, received: lostItem !== i })),
        ...(discrepancy
          ? { discrepancies: lostItem !== null ? 'Siyahıdakı əşya konvoyla gəlmədi; göndərən mərkəzdən soruşulub.' : 'Konvoy əməkdaşının xidməti vəsiqəsi yox idi; rəis məlumatlandırıldı.' }
          : {}),
      },
    });
    if (discrepancy) result.withDiscrepancies++;
    else result.admitted++;
    // What did not come stays the sending centre's to send on: recorded so, it does not hold up an exit here.
    if (lostItem !== null) {
      await receiver.property.release({
        episodeId: t.c.episodeId,
        itemIds: [t.itemIds[lostItem]!],
        release: { at: iso(Math.min(arrived + 15 * minute, o.now - minute)), kind: 'retained', retainReason: 'not_received', to: fromName, note: 'Göndərən mərkəz poçtla göndərəcək.' },
      });
    }
    // The person's family is told where they now are: contact with the outside world (docs/contacts.md).
    const surname = t.c.nameLatin.split(' ').at(-1) ?? t.c.nameLatin;
    await o.to.clients.duty.contacts.record({
      episodeId: t.c.episodeId,
      contact: {
        kind: 'call',
        category: 'family',
        who: { name: surname, relation: r.pick(relations) },
        direction: 'out',
        at: iso(Math.min(arrived + r.int(20, 120) * minute, o.now - minute)),
        durationMinutes: r.int(3, 12),
        supervision: 'private',
        outcome: 'took_place',
      },
    });
  }
  // The receiving centre's records reach HQ; the sending centre then learns each answer and closes its episodes.
  await receiver.sync.run({});
  await sender.sync.run({});
  log(`[seed] transfers: ${result.admitted + result.withDiscrepancies} admitted (${result.withDiscrepancies} with discrepancies), ${result.refused} refused, ${result.inTransit} on the road`);
  return result;
}
