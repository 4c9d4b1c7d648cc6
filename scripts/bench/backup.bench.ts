import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBackend } from '../../main/backend';
import { benchAdminPassword, benchInstallation, type BenchInstallation } from '../seed/bench-store';
import { clientOf } from '../seed/installation';
import { report } from './fixtures';

/**
 * backup_s / restore_s (issue #13 §4, docs/backup.md): the whole installation written to one backup
 * file through backup.create (copy under the same cipher, hash, fsync, rename), and that file restored
 * on a "new laptop" through restore.apply (hash checked, every chain verified, the admin's slot opened
 * at the app's scrypt cost). On the seeded store of the register bench; the median of the rounds with
 * the fastest and slowest, so a loaded machine shows as a spread.
 */
export async function benchBackup(b: BenchInstallation, adminPassword: string, rounds = 3): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'qeyd-bench-backups-'));
  try {
    const backups: number[] = [];
    const restores: number[] = [];
    let bytes = 0;
    for (let round = 0; round < rounds; round++) {
      const t0 = performance.now();
      const made = await b.inst.admin.backup.create({ folder });
      backups.push((performance.now() - t0) / 1000);
      bytes = made.bytes;
      const laptop = mkdtempSync(join(tmpdir(), 'qeyd-bench-restore-'));
      const backend = await createBackend({ dataDir: laptop, now: () => b.now, log: () => {} });
      try {
        const t1 = performance.now();
        await clientOf(backend).restore.apply({ path: made.path, username: 'admin', password: adminPassword });
        restores.push((performance.now() - t1) / 1000);
      } finally {
        await backend.close();
        rmSync(laptop, { recursive: true, force: true });
      }
      rmSync(made.path, { force: true });
    }
    const line = (name: string, xs: number[]) => {
      const s = [...xs].sort((x, y) => x - y);
      report(name, s[Math.floor(s.length / 2)]!, 's');
      report(`${name}_min`, s[0]!, 's');
      report(`${name}_max`, s[s.length - 1]!, 's');
    };
    line('backup_s', backups);
    line('restore_s', restores);
    process.stderr.write(`[bench] backup: ${b.persons.toLocaleString('en')} people, ${(bytes / 2 ** 20).toFixed(1)} MiB file, ${rounds} rounds\n`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// `npx tsx scripts/bench/backup.bench.ts [people]` runs this one alone on its own seeded store.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void (async () => {
    const seeded = await benchInstallation(Number(process.argv[2] ?? 20_000));
    try {
      await benchBackup(seeded, benchAdminPassword);
    } finally {
      await seeded.remove();
    }
  })();
}
