import { consoleCursorKey } from '../../main/services/hq-console';
import { deviceUserNamesKey } from '../../main/services/person-view';
import type { Store } from '../../db/store';
import type { Installation } from '../../main/services/installation';
import type { HqDatabase } from '../db';
import { deviceUserNames } from '../sync/device-users';
import { storedEvent } from '../sync/pull';
import { hqVault } from '../vault';
import { ensureReportFacts, lastLocalSeq, peopleTouchedSince, refreshReportFacts } from '../../main/services/reports/facts';

const batchSize = 2000;

/**
 * Feeds the console's store from HQ's event store, in server_seq order (which keeps every device's
 * chain order), with the same checks a device applies to a pull: each chain verified, repeats skipped,
 * unappliable events kept unprojected. An event the console cannot apply, or cannot even keep, is
 * marked quarantined in HQ's store, where the fleet view counts it and devices learn of it, and the
 * feed goes on: one bad event never stops the national picture (issue #10). The cursor moves in the
 * same transaction as each batch, so an interrupted catch-up resumes where it stopped. Nothing happens
 * while the console is locked: its key exists only after an HQ user has signed in. The national reports'
 * per-episode facts (main/services/reports/facts.ts) are refreshed for the people each batch touched in
 * the batch's own transaction (issue #16 §5).
 */
export class ConsoleFeed {
  private running: Promise<number> | null = null;

  constructor(
    private readonly hq: HqDatabase,
    private readonly inst: Installation,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  /** Reads everything HQ holds beyond the cursor; concurrent callers share one run. */
  catchUp(): Promise<number> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async run(): Promise<number> {
    let total = 0;
    await this.keepUserNames();
    const devicesAtStart = await this.deviceFacilities();
    if (!this.inst.isOpen) return total;
    {
      const store = this.inst.requireStore();
      store.atomically(() => ensureReportFacts(factsWriter(store), devicesAtStart));
    }
    for (;;) {
      if (!this.inst.isOpen) return total;
      const store = this.inst.requireStore();
      const cursor = Number(store.meta(consoleCursorKey) ?? 0);
      const rows = await this.hq.db.selectFrom('events').selectAll().where('server_seq', '>', cursor).orderBy('server_seq').limit(batchSize).execute();
      if (rows.length === 0) return total;
      const vault = await hqVault(this.hq);
      const events = rows.map((r) => storedEvent(r, vault));
      // Read with each batch: a device enrolled while a long catch-up runs pushes into it, and its
      // episodes must belong to its facility from their first row.
      const deviceFacility = await this.deviceFacilities();
      // The store may have been locked while we awaited the database.
      if (!this.inst.isOpen) return total;
      const last = events[events.length - 1]!.serverSeq;
      let unkept: { serverSeq: number; reason: string }[] = [];
      try {
        store.ingest(events, this.alsoInTransaction(store, last, deviceFacility));
      } catch {
        unkept = this.oneByOne(store, events, deviceFacility);
      }
      await this.markQuarantined(store, events, unkept);
      total += events.length;
    }
  }

  /**
   * A batch that failed as a whole holds an event the store cannot keep at all (its chain does not
   * verify, or its id is taken): each event is taken alone, and one that still fails is passed over.
   */
  private oneByOne(store: Store, events: ReturnType<typeof storedEvent>[], deviceFacility: ReadonlyMap<string, string>): { serverSeq: number; reason: string }[] {
    const unkept: { serverSeq: number; reason: string }[] = [];
    for (const e of events) {
      try {
        store.ingest([e], this.alsoInTransaction(store, e.serverSeq, deviceFacility));
      } catch {
        store.setMeta(consoleCursorKey, String(e.serverSeq));
        unkept.push({ serverSeq: e.serverSeq, reason: 'cannot_keep' });
      }
    }
    return unkept;
  }

  /** What commits with a batch: the cursor, and the facts of the people the batch touched. */
  private alsoInTransaction(store: Store, serverSeq: number, deviceFacility: ReadonlyMap<string, string>): () => void {
    const before = lastLocalSeq(store.q);
    return () => {
      store.setMeta(consoleCursorKey, String(serverSeq));
      refreshReportFacts(factsWriter(store), peopleTouchedSince(store.q, before), deviceFacility);
    };
  }

  /** Each device's facility at HQ: an episode belongs to the facility whose device recorded it. */
  private async deviceFacilities(): Promise<Map<string, string>> {
    const rows = await this.hq.db.selectFrom('devices').select(['device_id', 'facility_id']).execute();
    return new Map(rows.map((r) => [r.device_id, r.facility_id]));
  }

  /** What the console quarantined of a batch that HQ had not: marked at HQ too. */
  private async markQuarantined(store: Store, events: ReturnType<typeof storedEvent>[], unkept: { serverSeq: number; reason: string }[]): Promise<void> {
    const open = events.filter((e) => e.quarantined === null);
    if (!open.length) return;
    const reasons = new Map(
      (
        store.q.prepared(`SELECT event_id, reason FROM sync_quarantine WHERE event_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(open.map((e) => e.eventId))) as {
          event_id: string;
          reason: string;
        }[]
      ).map((r) => [r.event_id, r.reason]),
    );
    const marks = [...open.flatMap((e) => (reasons.has(e.eventId) ? [{ serverSeq: e.serverSeq, reason: reasons.get(e.eventId)! }] : [])), ...unkept];
    for (const m of marks) {
      await this.hq.db.updateTable('events').set({ quarantine_reason: m.reason }).where('server_seq', '=', m.serverSeq).where('quarantine_reason', 'is', null).execute();
    }
  }

  /**
   * The centres' users' names as their devices last reported them (hq/sync/device-users.ts), kept in the
   * console's store for its actor lookup (main/services/person-view.ts); written only when they changed.
   */
  private async keepUserNames(): Promise<void> {
    if (!this.inst.isOpen) return;
    const names = JSON.stringify(Object.fromEntries([...(await deviceUserNames(this.hq))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
    if (!this.inst.isOpen) return;
    const store = this.inst.requireStore();
    if ((store.meta(deviceUserNamesKey) ?? '{}') !== names) store.setMeta(deviceUserNamesKey, names);
  }

  /** For a timer: a failed catch-up is reported and retried next time, never thrown into the void. */
  tick(): void {
    this.catchUp().catch(this.onError);
  }
}

function factsWriter(store: Store) {
  return { q: store.q, qb: store.qb, settings: store.settings, meta: (k: string) => store.meta(k), setMeta: (k: string, v: string) => store.setMeta(k, v) };
}
