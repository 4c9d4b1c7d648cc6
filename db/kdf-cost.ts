/**
 * What one password guess costs, in one place. Production values are fixed here and nowhere else can
 * lower them but the two test entry points below.
 *
 * Why tests may lower it: scrypt at N = 2^17 was about 90% of the whole suite's time (two service test
 * files: 72 s at production cost, 8 s at N = 2^14), and CI ran out of its time. The lowered cost still
 * runs the real scrypt through the same code, so every test still proves the slot format, the
 * wrapping and the refusals; only the work factor differs. What the production cost is, and that a new
 * slot is written with it, is proven by tests that switch back to it (tests/db/kdf-cost.test.ts), and
 * what it costs is measured by scripts/bench/unlock.bench.ts, which never lowers it.
 */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export interface KdfCost {
  /** a user's or the recovery key's slot: N = 2^17 (128 MiB, about 0.5–1 s on a duty-desk laptop) */
  readonly keySlot: ScryptCost;
  /** an ombudsman organisation key file, which travels on a stick: N = 2^20 (1 GiB, a few seconds) */
  readonly orgKey: ScryptCost;
}

export const productionKdfCost: KdfCost = Object.freeze({
  keySlot: Object.freeze({ N: 2 ** 17, r: 8, p: 1 }),
  orgKey: Object.freeze({ N: 2 ** 20, r: 8, p: 1 }),
});

/** The floor both file schemas accept (N = 2^14), so files written in tests are valid files. */
export const lowTestKdfCost: KdfCost = Object.freeze({
  keySlot: Object.freeze({ N: 2 ** 14, r: 8, p: 1 }),
  orgKey: Object.freeze({ N: 2 ** 14, r: 8, p: 1 }),
});

let active: KdfCost = productionKdfCost;

/** The cost new slots and key files are written with (and below which a slot is upgraded). */
export function kdfCost(): KdfCost {
  return active;
}

/** For the test runner's set-up file and tests that prove the production cost; never called by the app. */
export function setKdfCostForTests(cost: KdfCost): void {
  active = cost;
}

/** Runs `fn` at `cost`, then restores the cost before it. */
export async function withKdfCost<T>(cost: KdfCost, fn: () => Promise<T>): Promise<T> {
  const before = active;
  active = cost;
  try {
    return await fn();
  } finally {
    active = before;
  }
}

/**
 * The name of the variable the browser preview and the seed script read, so that the end-to-end suite
 * (which starts them as processes) can lower the cost too. The Electron app never reads it.
 */
export const lowKdfCostVariable = 'QEYD_TEST_LOW_KDF_COST';

/** Lowers the cost when the test variable is set to "1"; says so on stderr, so it is never silent. */
export function lowerKdfCostIfTesting(env: NodeJS.ProcessEnv): void {
  if (env[lowKdfCostVariable] !== '1') return;
  active = lowTestKdfCost;
  console.error(`${lowKdfCostVariable}=1: passwords are derived at the low test cost (N = 2^14); never use this for real records`);
}
