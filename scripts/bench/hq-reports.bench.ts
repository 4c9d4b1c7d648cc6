import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { reports } from '../../core/reports';
import { reportIds, reportFilter, type ReportId } from '../../core/reports/model';
import { published } from '../../core/reports/table';
import { localDate } from '../../core/time';
import { rowToEvent, Store, type EventRow } from '../../db/store';
import { reportContext } from '../../main/services/hq-reports';
import { exportXlsx } from '../../main/services/reports/export-xlsx';
import { lastLocalSeq, peopleTouchedSince, refreshReportFacts } from '../../main/services/reports/facts';
import { pathToFileURL } from 'node:url';
import { benchInstallation, type BenchInstallation } from '../seed/bench-store';
import { benchDir, percentile, report } from './fixtures';

const batchSize = 2000;
const progress = (line: string) => process.stderr.write(`${line}\n`);
const median = (xs: number[]) => percentile(xs, 50);
const spread = (xs: number[]) => `median ${median(xs).toFixed(1)}, min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)} over ${xs.length}`;

/**
 * Issue #16 §5, HQ's national reports at national scale, on the bench store's ~100k detention histories
 * (their events, ~1M at full scale), as HQ's console holds them:
 *
 * - hq_feed_events_per_s: the console feed's work on each batch of 2,000 events (hq/console/feed.ts):
 *   verify, append and project them, and refresh the facts of the people they touched, in one transaction,
 *   into a fresh console store. hq_feed_facts_ratio: that rate over the same ingest without the facts
 *   refresh, measured in the same run (what keeping the facts table costs the feed).
 * - hq_report_ms: every report with no filter over the year to the bench's day, on the store the feed built;
 *   the slowest report's median over 5 calls once the rows are in memory. hq_report_cold_ms: the first call
 *   after the feed moved (the facts rows read and parsed from the table).
 * - hq_export_xlsx_s: the largest table of any report exported to XLSX (suppressed, in Azerbaijani).
 */
export async function benchHqReports(b: BenchInstallation): Promise<void> {
  const source = b.inst.backend.installation.requireStore();
  const events = source.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
  const episodes = source.sqlite.prepare('SELECT count(*) AS n FROM episodes').get() as { n: number };
  progress(`[bench] hq reports: ${events.n.toLocaleString('en')} events, ${episodes.n.toLocaleString('en')} episodes`);
  const facility = { facilityId: 'bench-facility', name: 'Bench centre', kind: 'detention_centre', devices: [{ deviceId: source.device.deviceId }] };
  const deviceFacility = new Map([[source.device.deviceId, facility.facilityId]]);
  const dir = benchDir();
  try {
    const feed = (withFacts: boolean) => {
      const store = Store.create(join(dir.path, `console-${withFacts ? 'facts' : 'plain'}.db`), randomBytes(32), 'HQ console', { facility_name: 'HQ', facility_kind: 'headquarters' });
      const read = source.sqlite.prepare('SELECT * FROM events WHERE local_seq > ? ORDER BY local_seq LIMIT ?');
      let cursor = 0;
      const t0 = performance.now();
      for (;;) {
        const rows = read.all(cursor, batchSize) as EventRow[];
        if (rows.length === 0) break;
        cursor = rows[rows.length - 1]!.local_seq;
        const batch = rows.map(rowToEvent);
        const before = lastLocalSeq(store.q);
        store.ingest(batch, withFacts ? () => refreshReportFacts({ q: store.q, qb: store.qb, settings: store.settings }, peopleTouchedSince(store.q, before), deviceFacility) : undefined);
      }
      return { store, seconds: (performance.now() - t0) / 1000 };
    };
    const plain = feed(false);
    plain.store.close();
    const withFacts = feed(true);
    const store = withFacts.store;
    try {
      const facts = (store.sqlite.prepare('SELECT count(*) AS n FROM report_facts').get() as { n: number }).n;
      progress(`[bench] feed: ${withFacts.seconds.toFixed(1)} s with the facts table (${facts.toLocaleString('en')} rows), ${plain.seconds.toFixed(1)} s without`);
      report('hq_feed_events_per_s', Math.round(events.n / withFacts.seconds), 'events/s');
      report('hq_feed_facts_ratio', plain.seconds / withFacts.seconds, 'ratio');

      const to = localDate(b.now, store.settings.timeZone);
      const filter = reportFilter.parse({ from: `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`, to });
      const run = (id: ReportId) => reports[id](reportContext(store, [facility], filter, b.now));
      let t0 = performance.now();
      run('admissions');
      report('hq_report_cold_ms', performance.now() - t0, 'ms');
      const times = new Map<ReportId, number[]>();
      for (const id of reportIds) {
        run(id);
        const xs: number[] = [];
        for (let i = 0; i < 5; i++) {
          t0 = performance.now();
          run(id);
          xs.push(performance.now() - t0);
        }
        times.set(id, xs);
        progress(`[bench] report ${id}: ${spread(xs)} ms`);
      }
      const [slowest, xs] = [...times].sort((x, y) => median(y[1]) - median(x[1]))[0]!;
      progress(`[bench] slowest report: ${slowest}`);
      report('hq_report_ms', median(xs), 'ms');

      const all = reportIds.flatMap((id) => run(id).map((t) => ({ id, t })));
      const largest = all.sort((x, y) => y.t.rows.length * y.t.columns.length - x.t.rows.length * x.t.columns.length)[0]!;
      const result = { reportId: largest.id, filter, tables: [published(largest.t)], internal: true as const, asOf: new Date(b.now).toISOString() };
      const exports: number[] = [];
      for (let i = 0; i < 3; i++) {
        t0 = performance.now();
        await exportXlsx({
          result,
          tables: result.tables,
          language: 'az',
          threshold: store.settings.smallCellThreshold,
          exportedBy: 'Bench analyst (bench)',
          exportedAt: new Date(b.now).toISOString(),
          facilityName: null,
          timeZone: store.settings.timeZone,
        });
        exports.push((performance.now() - t0) / 1000);
      }
      progress(`[bench] largest table ${largest.t.id} (${largest.t.rows.length} × ${largest.t.columns.length}): xlsx ${spread(exports)} s`);
      report('hq_export_xlsx_s', median(exports), 's');
    } finally {
      store.close();
    }
  } finally {
    dir.remove();
  }
}

// `npx tsx scripts/bench/hq-reports.bench.ts [histories]` runs this one alone on its own seeded store (the
// 100k histories of `npm run bench` take long to seed on a small machine).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void (async () => {
    const seeded = await benchInstallation(Number(process.argv[2] ?? 10_000));
    try {
      await benchHqReports(seeded);
    } finally {
      await seeded.remove();
    }
  })();
}
