import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One HQ process at a time owns a console data directory (docs/hq-deploy.md). The console's store is a
 * Qeyd installation: its chain head, audit hash and feed cursor live in the process's memory between
 * transactions, so two processes writing it would interleave two audit chains and apply the same events
 * twice under two cursors. Two HQ nodes on one PostgreSQL therefore run the console on one node
 * (QEYD_HQ_CONSOLE=off on the others); a second node pointed at the same directory by mistake is stopped
 * here, before it opens anything, instead of corrupting it.
 */

export const consoleLockFileName = 'console.lock';

export class ConsoleInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: { pid: number; host: string },
  ) {
    super(
      `the console data directory ${dir} is in use by HQ process ${holder.pid} on ${holder.host}. Run the console on one HQ node only: set QEYD_HQ_CONSOLE=off on the others (docs/hq-deploy.md). If no HQ runs there any more, remove ${join(dir, consoleLockFileName)}.`,
    );
    this.name = 'ConsoleInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): { pid: number; host: string } | null {
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof raw.pid === 'number' && typeof raw.host === 'string' ? { pid: raw.pid, host: raw.host } : null;
  } catch {
    return null;
  }
}

/**
 * Takes the directory's lock (a file made with O_EXCL, so two processes racing cannot both win) and
 * returns its release. A lock left by a process of this machine that no longer runs (a crash, SIGKILL)
 * is taken over; one from another machine (a shared network disk) is never guessed about.
 */
export function lockConsoleDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, consoleLockFileName);
  const me = { pid: process.pid, host: hostname() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      return () => {
        const holder = readHolder(path);
        if (holder && holder.pid === me.pid && holder.host === me.host) rmSync(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readHolder(path);
    // An unreadable lock is one being written this instant (or a crash between making and writing it):
    // refused, like a live one; only a lock naming a dead process of this machine is taken over.
    if (holder === null || holder.host !== me.host || alive(holder.pid) || attempt > 0) throw new ConsoleInUseError(dir, holder ?? { pid: 0, host: 'unknown' });
    rmSync(path, { force: true });
  }
}
