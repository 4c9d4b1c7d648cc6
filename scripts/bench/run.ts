import { benchBackendOpen } from './backend-open.bench';
import { benchUnlock } from './unlock.bench';
import { benchEventStore } from './event-store.bench';
import { benchSync } from './sync.bench';
import { benchPouchdbRatio } from './pouchdb.bench';
import { benchRightsLetterPdf } from './rights-letter.bench';
import { benchRegister } from './register.bench';
import { benchSearch } from './search.bench';
import { benchNameMatch } from './name-match.bench';
import { benchAdminPassword, benchInstallation } from '../seed/bench-store';
import { benchBackup } from './backup.bench';
import { benchHqReports } from './hq-reports.bench';

/**
 * `npm run bench`: every benchmark, one line per figure: `BENCH <name> <value> <unit>`.
 * Sizes follow the targets in the issues; QEYD_BENCH_SCALE (e.g. 0.1) shrinks them for a quick look.
 */
const scale = Number(process.env.QEYD_BENCH_SCALE ?? 1);
const n = (x: number) => Math.max(1000, Math.round(x * scale));

async function main(): Promise<void> {
  benchEventStore(n(100_000));
  await benchUnlock();
  await benchBackendOpen(n(100_000));
  await benchSync(scale);
  await benchPouchdbRatio(n(100_000));
  await benchRightsLetterPdf();
  // Recall on the labelled spelling pairs (issue #14): always among 10,000 people, whatever the scale.
  benchNameMatch(10_000);
  // One seeded store per run: the register and intake benches on 100k people with histories, then
  // the same store grown to 1M person records for the name search.
  const seeded = await benchInstallation(n(100_000));
  try {
    await benchRegister(seeded);
    await benchBackup(seeded, benchAdminPassword);
    await benchHqReports(seeded);
    await seeded.growTo(n(1_000_000));
    await benchSearch(seeded);
  } finally {
    await seeded.remove();
  }
}

void main();
