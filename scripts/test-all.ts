import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

/**
 * `npm test`: type check, lint, unit and integration (vitest), end-to-end (Playwright in Debian's Chromium).
 * Ends with one line totalling every suite, "N passed, N failed", and exits non-zero if anything failed.
 */

const out = 'test-results';
mkdirSync(out, { recursive: true });
const vitestJson = `${out}/vitest.json`;
const playwrightJson = `${out}/playwright.json`;
for (const f of [vitestJson, playwrightJson]) rmSync(f, { force: true });

/** How long each step took, printed just above the totals so that the tail of a CI log shows it. */
const timings: string[] = process.env.QEYD_CI_SETUP_TIMINGS ? [process.env.QEYD_CI_SETUP_TIMINGS] : [];

/**
 * Runs one step with a deadline. A hung step must not hold CI until CI's own limit kills everything
 * and no total is printed at all: past its deadline the step is stopped and counted as a failure.
 * The deadlines are many times what each step takes (see the timings line of any run).
 */
function run(label: string, cmd: string, args: string[], deadlineMinutes: number, env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const start = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, timeout: deadlineMinutes * 60_000, killSignal: 'SIGTERM' });
  const seconds = Math.round((Date.now() - start) / 1000);
  const timedOut = r.error && 'code' in r.error && r.error.code === 'ETIMEDOUT';
  timings.push(`${label} ${seconds} s${timedOut ? ` (stopped at its ${deadlineMinutes}-minute deadline)` : ''}`);
  if (timedOut) console.error(`${label}: stopped after ${deadlineMinutes} minutes`);
  return r.status === 0;
}

const bin = (name: string) => `node_modules/.bin/${name}`;

let passed = 0;
let failed = 0;
let skipped = 0;

// The whole project, then each layer on its own settings (tsconfig.core.json: no DOM, no Node;
// tsconfig.renderer.json: no Node). One pass or fail for the step, within the one deadline.
const typecheckStart = Date.now();
const typecheckOk = ['tsconfig.json', 'tsconfig.core.json', 'tsconfig.renderer.json']
  .map((project) => run(`type check (${project})`, bin('tsc'), ['-p', project, '--noEmit'], Math.max(1, Math.ceil(15 - (Date.now() - typecheckStart) / 60_000))))
  .every(Boolean);
if (typecheckOk) passed++;
else failed++;

// Lint (eslint.config.js): type-aware rules, hooks, accessibility and the layer rule. One pass or fail.
if (run('lint', bin('eslint'), ['.'], 15)) passed++;
else failed++;

// Format (.prettierrc): the tree is as Prettier writes it. One pass or fail.
if (run('format', bin('prettier'), ['--check', '.'], 10)) passed++;
else failed++;

run('unit and integration', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`], 40);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    success: boolean;
    testResults: { status: string; assertionResults: unknown[] }[];
  };
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + v.numTodoTests;
  // A test file that failed to load has no test results of its own: count it as a failure.
  failed += v.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} else {
  console.error('vitest wrote no report');
  failed++;
}

const built = run('renderer build', bin('vite'), ['build'], 10);
if (!built) failed++;
else {
  run('end-to-end', bin('playwright'), ['test', '--reporter=list,json'], 30, { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson });
  if (existsSync(playwrightJson)) {
    const p = JSON.parse(readFileSync(playwrightJson, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] };
    passed += p.stats.expected + p.stats.flaky;
    failed += p.stats.unexpected + (p.errors?.length ?? 0);
    skipped += p.stats.skipped;
  } else {
    console.error('playwright wrote no report');
    failed++;
  }
}

console.log(`\ntimings: ${timings.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
