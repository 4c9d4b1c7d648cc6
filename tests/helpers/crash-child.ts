import { spawn } from 'node:child_process';

/**
 * Runs a fixture script (tests/…/fixtures/*.ts) in a child process and, when `killAfterMs` is given,
 * SIGKILLs it that long after it printed "go" — the moment the work under test began. Crash tests use
 * it to stop a write at arbitrary points, the way a power cut would.
 */
export function runKilledAfter(script: string, args: readonly string[], killAfterMs: number | null): Promise<{ killed: boolean; ms: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let started = 0;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (!started && out.includes('go\n')) {
        started = Date.now();
        if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, ms: Date.now() - started });
      else if (code === 0) resolve({ killed: false, ms: Date.now() - started });
      else reject(new Error(`child exited with ${code}: ${out}`));
    });
  });
}
