import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HqServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  url: string;
  dataDir: string;
  /** HQ's key file (beside dataDir): what anything else opening HQ's database must be given, as QEYD_HQ_KEY_FILE */
  keyFile: string;
  /** `hq/cli.ts` against this server's store, as an operator at HQ's shell; returns what it printed */
  cli(args: string[], input?: string): string;
  /** stops the server (its whole process group); safe to call twice */
  stop(): Promise<void>;
  /** stops it and removes its store */
  dispose(): Promise<void>;
}

/**
 * The real HQ server (`hq/start.ts`) on loopback, on a fresh embedded store, in its own process group
 * so that stopping it also stops what npx started beneath it.
 */
export function startHqServer(): Promise<HqServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qeyd-e2e-hq-'));
  // HQ's key file beside its data, as an operator keeps it off the data's disk (docs/hq-keys.md).
  const keyFile = `${dataDir}.key`;
  writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  const env = { ...process.env, QEYD_HQ_DATA_DIR: dataDir, QEYD_HQ_KEY_FILE: keyFile, QEYD_HQ_PORT: '0', QEYD_HQ_DATABASE_URL: '', NO_COLOR: '1' };
  const child = spawn('npx', ['tsx', 'hq/start.ts'], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  };
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`HQ did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Qeyd HQ: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (!m) return;
      clearTimeout(timer);
      // Keep draining so a chatty server never blocks on a full pipe.
      child.stdout.resume();
      child.stderr.resume();
      resolve({
        url: m[1]!,
        dataDir,
        keyFile,
        cli: (args, input) =>
          execFileSync('npx', ['tsx', 'hq/cli.ts', ...args], { cwd: process.cwd(), env, encoding: 'utf8', ...(input === undefined ? {} : { input }), stdio: ['pipe', 'pipe', 'pipe'] }),
        stop,
        dispose: async () => {
          await stop();
          rmSync(dataDir, { recursive: true, force: true });
          rmSync(keyFile, { force: true });
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`HQ exited with ${code}:\n${output}`));
    });
  });
}

/** HQ's administrator creates a one-time enrollment code for a facility, from HQ's shell. */
export function enrollmentCode(hq: HqServer, facility: string): string {
  const out = hq.cli(['create-enrollment-code', '--facility', facility]);
  const m = /Enrollment code for .*: (\S+)/.exec(out);
  if (!m) throw new Error(`no code in: ${out}`);
  return m[1]!;
}
