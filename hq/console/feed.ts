import { consoleCursorKey } from '../../main/services/hq-console';
import type { Installation } from '../../main/services/installation';
import type { HqDatabase } from '../db';
import { storedEvent } from '../sync/service';

const batchSize = 2000;

/**
 * Feeds the console's store from HQ's event store, in server_seq order (which keeps every device's
 * chain order), with the same checks a device applies to a pull: each chain verified, repeats skipped,
 * unappliable events kept unprojected. The cursor moves in the same transaction as each batch, so an
 * interrupted catch-up resumes where it stopped. Nothing happens while the console is locked: its key
 * exists only after an HQ user has signed in.
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
    for (;;) {
      if (!this.inst.isOpen) return total;
      const store = this.inst.requireStore();
      const cursor = Number(store.meta(consoleCursorKey) ?? 0);
      const rows = await this.hq.db.selectFrom('events').selectAll().where('server_seq', '>', cursor).orderBy('server_seq').limit(batchSize).execute();
      if (rows.length === 0) return total;
      const events = rows.map(storedEvent);
      // The store may have been locked while we awaited the database.
      if (!this.inst.isOpen) return total;
      const last = events[events.length - 1]!.serverSeq;
      store.ingest(events, () => store.setMeta(consoleCursorKey, String(last)));
      total += events.length;
    }
  }

  /** For a timer: a failed catch-up is reported and retried next time, never thrown into the void. */
  tick(): void {
    this.catchUp().catch(this.onError);
  }
}
