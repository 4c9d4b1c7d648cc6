import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Native SQLite handles and child processes behave best in separate processes.
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on a two-core CI machine that is one.
    maxWorkers: 2,
    // A backstop against a hung test, not a speed limit: key derivation (scrypt N = 2^17, 2^20 for
    // organisation keys) takes seconds on a loaded two-core machine. Speed is measured in scripts/bench.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
