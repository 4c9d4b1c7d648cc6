import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installationPath } from '../../../db/installation-file';
import { installationFileSchema, unlockWithPassword } from '../../../db/keyslots';
import { Store, WrongKeyError } from '../../../db/store';
import { createBackend } from '../../../main/backend';
import { storeFileName } from '../../../main/services/installation';
import { adminPassword, clientFor, setUpInstallation, tempDir } from '../../helpers/backend';
import { runKilledAfter } from '../../helpers/crash-child';

/**
 * Issue #10 §4: the re-key after a disable is crash-safe. A real process disables a user and is killed
 * with SIGKILL at random moments of the re-key; afterwards every remaining password (and the recovery
 * key) still opens an intact store with every record, and once someone signs in, the departed user's
 * old slot file no longer opens the database.
 */

const people = 4000;
const dirs: { path: string; remove(): void }[] = [];
let template: string;
let recoveryKey: string;
let disableMs = 0;

function copyDir(from: string): string {
  const d = tempDir('qeyd-rekey-crash-');
  dirs.push(d);
  for (const f of readdirSync(from)) copyFileSync(join(from, f), join(d.path, f));
  return d.path;
}

/** Runs the disable in a child process; kills it `killAfterMs` after it starts disabling (or lets it finish). */
function runDisable(dataDir: string, killAfterMs: number | null): Promise<{ killed: boolean; ms: number }> {
  return runKilledAfter('tests/main/services/fixtures/disable-once.ts', [dataDir, adminPassword, 'leaver'], killAfterMs);
}

/** Signs in through a fresh backend on its own copy of the crashed folder, and checks the store. */
async function opensIntact(crashed: string, who: { username: string; password: string } | { recoveryKey: string }): Promise<void> {
  const dataDir = copyDir(crashed);
  const backend = await createBackend({ dataDir, log: () => {} });
  try {
    const c = clientFor(backend);
    if ('recoveryKey' in who) {
      await c.auth.recover({ recoveryKey: who.recoveryKey, username: 'stays', newPassword: 'after the crash 2026' });
      await c.auth.login({ username: 'stays', password: 'after the crash 2026' });
    } else await c.auth.login(who);
    const store = backend.installation.requireStore();
    expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((store.sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(people);
  } finally {
    await backend.close();
  }
}

beforeAll(async () => {
  const inst = await setUpInstallation();
  recoveryKey = inst.recoveryKey;
  await inst.userWith(['registrar'], 'stays');
  await inst.userWith(['registrar'], 'leaver');
  const store = inst.backend.installation.requireStore();
  store.command({ userId: 'seed' }, 'seed', (tx) => {
    for (let i = 0; i < people; i++) {
      tx.append({
        type: 'person.registered',
        entityId: randomUUID(),
        payload: { details: { names: { original: `Şəxs ${i}`, latin: `Person ${i}`, aliases: [] }, sex: 'male', nationalities: [], stateless: false, languages: [] } },
      });
    }
  });
  await inst.backend.close();
  template = copyDir(inst.dataDir);
  await inst.close();
  // One undisturbed run tells how long a disable takes here, so the kills land inside it.
  disableMs = (await runDisable(copyDir(template), null)).ms;
});

afterAll(() => {
  for (const d of dirs.splice(0)) d.remove();
});

const rounds = 6;
let killed = 0;

describe('a re-key killed with SIGKILL at random points', () => {
  for (let round = 0; round < rounds; round++) {
    it(`(round ${round + 1} of ${rounds}) leaves every remaining password and the recovery key able to open an intact store, and the departed user locked out once settled`, async () => {
      const stolenSlots = installationFileSchema.parse(JSON.parse(readFileSync(installationPath(template), 'utf8')));
      const dataDir = copyDir(template);
      // Spread over the whole disable, with jitter: early (slot file), middle (PRAGMA rekey), late (promotion).
      const at = Math.round(((round + Math.random()) / rounds) * disableMs);
      const run = await runDisable(dataDir, at);
      if (run.killed) killed++;
      await opensIntact(dataDir, { username: 'admin', password: adminPassword });
      await opensIntact(dataDir, { username: 'stays', password: 'password-of-stays' });
      await opensIntact(dataDir, { recoveryKey });

      // The first sign-in settles whatever the crash left: a pending re-key, or a disable half done.
      const backend = await createBackend({ dataDir, log: () => {} });
      await clientFor(backend).auth.login({ username: 'admin', password: adminPassword });
      const leaverActive = (backend.installation.requireStore().sqlite.prepare("SELECT active FROM users WHERE username = 'leaver'").get() as { active: number }).active;
      await backend.close();
      expect(existsSync(join(dataDir, `${storeFileName}-journal`))).toBe(false);
      expect(installationFileSchema.parse(JSON.parse(readFileSync(installationPath(dataDir), 'utf8'))).rekey).toBeUndefined();
      const oldKey = (await unlockWithPassword(stolenSlots, 'leaver', 'password-of-leaver'))!;
      if (leaverActive === 0) expect(() => Store.open(join(dataDir, storeFileName), oldKey)).toThrow(WrongKeyError);
    });
  }

  it('the kills really landed inside the disable', () => {
    expect(killed).toBeGreaterThan(0);
  });
});
