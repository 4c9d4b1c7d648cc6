import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedInstallation } from './installation';
import { seed, type SeedOptions } from './run';

/** The benchmarks' clock and seed: fixed, so every run measures the same register. */
export const benchNow = Date.parse('2026-11-23T06:00:00Z');
export const benchSeed = 20261123;
export const benchAdminPassword = 'bench-admin-password';

export interface BenchInstallation {
  dataDir: string;
  inst: SeedInstallation;
  /** Person records in the store, and how many of them carry a detention history. */
  persons: number;
  withHistory: number;
  now: number;
  seed: number;
  /** The story indices held (from, to) and the first index of the run that wrote them. */
  ranges: { from: number; to: number; firstIndex: number }[];
  /** Adds registrations (no history) up to `persons` records in total. */
  growTo(persons: number): Promise<void>;
  remove(): Promise<void>;
}

const progress = (line: string) => process.stderr.write(`${line}\n`);

/**
 * One installation per bench run, in a temp dir: `histories` people with a full detention history
 * written as events (the register and intake benches run on it), to which `growTo` adds person
 * records for the name search. How long seeding took goes to stderr, not into a BENCH line.
 */
export async function benchInstallation(histories: number): Promise<BenchInstallation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qeyd-bench-seed-'));
  const base: Omit<SeedOptions, 'persons' | 'histories'> = {
    dataDir,
    seed: benchSeed,
    now: benchNow,
    apiLimit: 0,
    adminPassword: benchAdminPassword,
    keepOpen: true,
    log: progress,
  };
  const first = await seed({ ...base, persons: histories, histories });
  progress(`[bench] seeded ${histories.toLocaleString('en')} people with detention histories in ${first.seconds.total.toFixed(1)} s`);
  const inst = first.installation!;
  const b: BenchInstallation = {
    dataDir,
    inst,
    persons: histories,
    withHistory: histories,
    now: benchNow,
    seed: benchSeed,
    ranges: [{ from: 0, to: histories, firstIndex: 0 }],
    async growTo(persons) {
      const store = inst.backend.installation.requireStore();
      const have = (store.sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
      if (persons <= have) return;
      const more = await seed({ ...base, installation: inst, persons: persons - have, histories: 0 });
      b.persons = persons;
      b.ranges.push({ from: more.firstIndex, to: more.firstIndex + (persons - have), firstIndex: more.firstIndex });
      progress(`[bench] added ${(persons - have).toLocaleString('en')} person records in ${more.seconds.total.toFixed(1)} s (${persons.toLocaleString('en')} in the store)`);
    },
    async remove() {
      await inst.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return b;
}
