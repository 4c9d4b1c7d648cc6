import { benchBackendOpen } from './backend-open.bench';
import { benchEventStore } from './event-store.bench';
import { benchSync } from './sync.bench';
import { benchRightsLetterPdf } from './rights-letter.bench';

/**
 * `npm run bench`: every benchmark, one line per figure: `BENCH <name> <value> <unit>`.
 * Sizes follow the targets in the issues; QEYD_BENCH_SCALE (e.g. 0.1) shrinks them for a quick look.
 */
const scale = Number(process.env.QEYD_BENCH_SCALE ?? 1);
const n = (x: number) => Math.max(1000, Math.round(x * scale));

async function main(): Promise<void> {
  benchEventStore(n(100_000));
  await benchBackendOpen(n(100_000));
  await benchSync(scale);
  await benchRightsLetterPdf();
}

void main();
