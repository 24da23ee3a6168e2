import { defineConfig } from 'vitest/config';

// One run, every tier. The adapters tier shares one throwaway PostgreSQL server (a database per
// file); the pbx tier shares one real Asterisk, so its files run one at a time.
export default defineConfig({
  test: {
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
