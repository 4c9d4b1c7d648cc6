import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupExtension, openBackup } from '../../../db/backup';
import { createBackend } from '../../../main/backend';
import { adminPassword, clientFor, setUpInstallation, tempDir } from '../../helpers/backend';
import { runKilledAfter } from '../../helpers/crash-child';

/**
 * Issue #13 §4: a backup killed with SIGKILL at any point leaves the backups already in the folder
 * intact and openable, and the store it was copying unharmed. A real process takes the backup of a
 * store of some thousands of people and is killed at random moments of it.
 */

const people = 4000;
const dirs: { path: string; remove(): void }[] = [];
let template: string;
let previous: { folder: string; file: string; sha: string };
let backupMs = 0;

function copyDir(from: string): string {
  const d = tempDir('qeyd-backup-crash-');
  dirs.push(d);
  for (const f of readdirSync(from)) copyFileSync(join(from, f), join(d.path, f));
  return d.path;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Runs the backup in a child process; kills it `killAfterMs` after it starts (or lets it finish). */
function runBackup(dataDir: string, folder: string, killAfterMs: number | null): Promise<{ killed: boolean; ms: number }> {
  return runKilledAfter('tests/main/services/fixtures/backup-once.ts', [dataDir, adminPassword, folder], killAfterMs);
}

/** A fresh laptop restores the backup with the administrator's password and finds every person. */
async function restoresWhole(path: string): Promise<void> {
  const d = tempDir('qeyd-backup-crash-restore-');
  dirs.push(d);
  const backend = await createBackend({ dataDir: d.path, log: () => {} });
  try {
    const c = clientFor(backend);
    await c.restore.apply({ path, username: 'admin', password: adminPassword });
    await c.auth.login({ username: 'admin', password: adminPassword });
    const store = backend.installation.requireStore();
    expect((store.sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(people);
    expect(await c.audit.verify()).toMatchObject({ auditIntact: true, eventChainIntact: true });
  } finally {
    await backend.close();
  }
}

beforeAll(async () => {
  const inst = await setUpInstallation();
  const store = inst.backend.installation.requireStore();
  store.command({ userId: 'seed' }, 'seed', (tx) => {
    for (let i = 0; i < people; i++) {
      tx.append({
        type: 'person.registered',
        entityId: randomUUID(),
        payload: { details: { names: { original: `Şəxs ${i} ${'ə'.repeat(150)}`, latin: `Person ${i}`, aliases: [] }, sex: 'male', nationalities: [], stateless: false, languages: [] } },
      });
    }
  });
  await inst.backend.close();
  template = copyDir(inst.dataDir);
  await inst.close();
  // The backup already in the folder, and one undisturbed run that tells how long a backup takes here.
  const folder = tempDir('qeyd-backup-crash-folder-');
  dirs.push(folder);
  backupMs = (await runBackup(copyDir(template), folder.path, null)).ms;
  const file = readdirSync(folder.path).find((f) => f.endsWith(backupExtension))!;
  previous = { folder: folder.path, file, sha: sha(join(folder.path, file)) };
});

afterAll(() => {
  for (const d of dirs.splice(0)) d.remove();
});

const rounds = 5;
let killed = 0;

describe('a backup killed with SIGKILL at random points', () => {
  for (let round = 0; round < rounds; round++) {
    it(`(round ${round + 1} of ${rounds}) leaves the previous backup intact and openable, every complete file in the folder whole, and the store unharmed`, async () => {
      const dataDir = copyDir(template);
      const folder = copyDir(previous.folder);
      const at = Math.round(((round + Math.random()) / rounds) * backupMs);
      // The file name has the second: wait so this backup cannot take the previous one's name.
      await new Promise((r) => setTimeout(r, 1100));
      const run = await runBackup(dataDir, folder, at);
      if (run.killed) killed++;

      expect(sha(join(folder, previous.file))).toBe(previous.sha);
      await restoresWhole(join(folder, previous.file));
      // Whatever else is there under a backup's name is a complete backup (a kill after the rename).
      for (const f of readdirSync(folder).filter((n) => n.endsWith(backupExtension) && !n.startsWith('.'))) expect(() => openBackup(join(folder, f))).not.toThrow();

      const backend = await createBackend({ dataDir, log: () => {} });
      try {
        const admin = clientFor(backend);
        await admin.auth.login({ username: 'admin', password: adminPassword });
        const store = backend.installation.requireStore();
        expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect((store.sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(people);
        expect(await admin.audit.verify()).toMatchObject({ auditIntact: true, eventChainIntact: true });
        // And the next backup goes through, clearing what the killed one left.
        await admin.backup.create({ folder });
        expect(readdirSync(folder).filter((n) => n.endsWith('.partial'))).toEqual([]);
      } finally {
        await backend.close();
      }
    });
  }

  it('the kills really landed inside the backup', () => {
    expect(killed).toBeGreaterThan(0);
  });
});
