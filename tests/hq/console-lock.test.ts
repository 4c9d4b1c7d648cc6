import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HqConfigError, loadHqConfig } from '../../hq/config';
import { ConsoleInUseError, consoleLockFileName, lockConsoleDir } from '../../hq/console/lock';
import { tempDir } from '../helpers/backend';

/**
 * The console runs on one HQ node (docs/hq-deploy.md): its directory is locked by the process that
 * opened it, a lock of a process that died is taken over, and QEYD_HQ_CONSOLE turns it off elsewhere.
 * The refusal of a second real node is in tests/hq/two-nodes.test.ts.
 */

/** A process id that was in use and no longer is. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  const pid = child.pid!;
  await new Promise((resolve) => child.on('exit', resolve));
  return pid;
}

describe('the console directory lock', () => {
  it('is held by one opener at a time, released on close, and can then be taken again', () => {
    const dir = tempDir('qeyd-console-lock-');
    try {
      const release = lockConsoleDir(dir.path);
      expect(JSON.parse(readFileSync(join(dir.path, consoleLockFileName), 'utf8'))).toEqual({ pid: process.pid, host: hostname() });
      expect(() => lockConsoleDir(dir.path)).toThrow(ConsoleInUseError);
      release();
      expect(existsSync(join(dir.path, consoleLockFileName))).toBe(false);
      lockConsoleDir(dir.path)();
    } finally {
      dir.remove();
    }
  });

  it('takes over a lock left by a process of this machine that has died, and never one from another machine or one it cannot read', async () => {
    const dir = tempDir('qeyd-console-lock-');
    const lock = join(dir.path, consoleLockFileName);
    try {
      writeFileSync(lock, JSON.stringify({ pid: await deadPid(), host: hostname() }));
      const release = lockConsoleDir(dir.path);
      expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
      release();

      writeFileSync(lock, JSON.stringify({ pid: await deadPid(), host: 'hq-b.example.org' }));
      const e = (() => {
        try {
          lockConsoleDir(dir.path);
        } catch (err) {
          return err;
        }
        throw new Error('expected the lock to be refused');
      })();
      expect(e).toBeInstanceOf(ConsoleInUseError);
      expect((e as Error).message).toContain('hq-b.example.org');
      expect((e as Error).message).toContain('QEYD_HQ_CONSOLE=off');

      writeFileSync(lock, '');
      expect(() => lockConsoleDir(dir.path)).toThrow(ConsoleInUseError);
      // Refused, the lock it found is left as it was.
      expect(readFileSync(lock, 'utf8')).toBe('');
    } finally {
      dir.remove();
    }
  });
});

describe('QEYD_HQ_CONSOLE', () => {
  it('is on unless set to off, and anything else is named as a bad setting', () => {
    expect(loadHqConfig({}, 'linux', '/srv').console).toBe(true);
    expect(loadHqConfig({ QEYD_HQ_CONSOLE: 'on' }, 'linux', '/srv').console).toBe(true);
    expect(loadHqConfig({ QEYD_HQ_CONSOLE: 'off' }, 'linux', '/srv').console).toBe(false);
    expect(() => loadHqConfig({ QEYD_HQ_CONSOLE: 'no' }, 'linux', '/srv')).toThrow(HqConfigError);
    expect(() => loadHqConfig({ QEYD_HQ_CONSOLE: 'no' }, 'linux', '/srv')).toThrow(/QEYD_HQ_CONSOLE must be on or off \(got "no"\)/);
  });
});
