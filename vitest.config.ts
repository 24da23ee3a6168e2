import { defineConfig } from 'vitest/config';

// One run, every tier. The adapters tier shares one throwaway PostgreSQL server (a database per
// file); the pbx tier shares one real Asterisk, so its files run one at a time. Two workers even on
// two cores: Vitest's default there is one, and the unit and adapters files, which wait on Redis,
// PostgreSQL and sockets as much as on the CPU, took 217 s one at a time and 117 s two at a time.
// The pbx files still run alone, after the others (fileParallelism: false keeps them in a group of
// their own).
export default defineConfig({
  test: {
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'adapters', include: ['test/adapters/**/*.test.ts', 'test/http/**/*.test.ts'], globalSetup: ['test/helpers/postgres-global-setup.ts'] } },
      {
        test: {
          name: 'pbx',
          include: ['test/pbx/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/pbx-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
