import { registerContract } from '../../core/contract/register';
import { listRegister } from '../../main/services/register-reads';
import type { BenchInstallation } from '../seed/bench-store';
import { story } from '../seed/stories';
import { percentile, report } from './fixtures';

const median = (xs: number[]) => percentile(xs, 50);

/**
 * register_page_ms: the first page (100 rows) of the current register sorted by deadline, with the
 * store holding ~100k people and their episodes; the p95 over 100 calls of listRegister after a short
 * warm-up. (Through the handler each call also writes its audit line; that figure goes to stderr.)
 *
 * intake_command_p95_ms: a whole intake through the backend handler — intake.checkDuplicates, then
 * intake.submit (person, documents, apprehension, admission with decision, one durable commit) — for
 * 250 new synthetic people against that store; the p95 of the pair.
 */
export async function benchRegister(b: BenchInstallation): Promise<void> {
  const store = b.inst.backend.installation.requireStore();
  const episodes = store.sqlite.prepare("SELECT count(*) AS n, sum(state != 'CLOSED') AS open FROM episodes").get() as { n: number; open: number };
  process.stderr.write(`[bench] register: ${episodes.n.toLocaleString('en')} episodes (${episodes.open.toLocaleString('en')} open), ${b.persons.toLocaleString('en')} people\n`);

  const input = registerContract.register.list.input.parse({ sort: 'deadline', limit: 100 });
  const page = () => listRegister(store, input, b.now, false);
  const first = page();
  if (first.rows.length !== 100) throw new Error(`expected a full first page, got ${first.rows.length} rows`);
  for (let i = 0; i < 5; i++) page();
  const samples: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    page();
    samples.push(performance.now() - t0);
  }
  report('register_page_ms', percentile(samples, 95), 'ms');

  const api = b.inst.clients.registrar;
  const viaHandler: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await api.register.list({ sort: 'deadline', limit: 100 });
    viaHandler.push(performance.now() - t0);
  }
  process.stderr.write(
    `[bench] register.list through the handler (with its audit line): median ${median(viaHandler).toFixed(2)} ms, p95 ${percentile(viaHandler, 95).toFixed(2)} ms (listRegister median ${median(samples).toFixed(2)} ms)\n`,
  );

  // New people, made by the same generator as the stored ones (some share a stored person's name).
  const intakes = Array.from({ length: 250 }, (_, k) => {
    const s = story(b.seed, 10_000_000 + k, b.now, 10_000_000);
    const step = s.steps.find((x) => x.kind === 'intake')!;
    if (step.kind !== 'intake') throw new Error('a story starts with its intake');
    return { details: s.profile.details, documents: step.documents, apprehension: step.apprehension, admission: step.admission };
  });
  const times: number[] = [];
  let matched = 0;
  for (const [i, x] of intakes.entries()) {
    const t0 = performance.now();
    const { matches } = await api.intake.checkDuplicates({ names: x.details.names, birthDate: x.details.birth?.date, nationalities: x.details.nationalities });
    await api.intake.submit({ person: x.details, documents: x.documents, apprehension: x.apprehension, admission: x.admission });
    // The first few warm the statement cache and the pages of the name index.
    if (i >= 10) times.push(performance.now() - t0);
    if (matches.length) matched++;
  }
  process.stderr.write(`[bench] intake: ${times.length} timed, median ${median(times).toFixed(2)} ms; ${matched} of ${intakes.length} duplicate checks showed candidates\n`);
  report('intake_command_p95_ms', percentile(times, 95), 'ms');
}
