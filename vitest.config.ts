import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Password derivation at the low test cost (db/kdf-cost.ts says why and what still proves the real one).
    setupFiles: ['tests/setup/low-kdf-cost.ts'],
    // Native SQLite handles and child processes behave best in separate processes.
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on a two-core CI machine that is one.
    maxWorkers: 2,
    // A backstop against a hung test, not a speed limit (speed is measured in scripts/bench): a hang
    // fails in minutes instead of holding CI until its own time runs out.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
