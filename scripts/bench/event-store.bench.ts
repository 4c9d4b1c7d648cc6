import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Store } from '../../db/store';
import { allEvents, benchDir, percentile, registration, report, storeWithEvents } from './fixtures';

/**
 * event_append_p95_ms: one command (append + projection + audit, durable commit) into a store that
 * already holds 100k events. event_ingest_ratio: applying 100k events made elsewhere (verify the chain,
 * validate, append, project) against a raw prepared INSERT of the same rows, in the same run.
 */
export function benchEventStore(n = 100_000): void {
  const dir = benchDir();
  try {
    const { store } = storeWithEvents(join(dir.path, 'a.db'), n);
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      store.command({ userId: 'bench' }, 'persons.register', (tx) => tx.append(registration(n + i)));
      samples.push(performance.now() - t0);
    }
    report('event_append_p95_ms', percentile(samples, 95), 'ms');

    const events = allEvents(store).slice(0, n);
    store.close();

    const target = Store.create(join(dir.path, 'b.db'), randomBytes(32), 'Receiver', {});
    const t1 = performance.now();
    for (let i = 0; i < events.length; i += 1000) target.ingest(events.slice(i, i + 1000));
    const ingestSeconds = (performance.now() - t1) / 1000;
    target.close();

    const raw = Store.create(join(dir.path, 'c.db'), randomBytes(32), 'Raw', {});
    const insert = raw.sqlite.prepare(
      `INSERT INTO events (event_id, device_id, device_seq, hlc, actor, type, entity_id, payload, schema_version, supersedes, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const t2 = performance.now();
    for (let i = 0; i < events.length; i += 1000) {
      raw.sqlite.transaction(() => {
        for (const e of events.slice(i, i + 1000)) {
          insert.run(e.eventId, e.deviceId, e.deviceSeq, e.hlc, e.actor, e.type, e.entityId, e.payload, e.schemaVersion, JSON.stringify(e.supersedes), e.prevHash, e.hash);
        }
      })();
    }
    const rawSeconds = (performance.now() - t2) / 1000;
    raw.close();
    report('event_ingest_events_per_s', Math.round(events.length / ingestSeconds), 'events/s');
    report('event_ingest_ratio', rawSeconds / ingestSeconds, 'ratio');
  } finally {
    dir.remove();
  }
}
