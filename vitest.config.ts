import { defineConfig } from 'vitest/config';

const webTests = 'packages/web/tests/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/src/**/*.test.tsx',
            'packages/*/tests/**/*.test.ts',
            'packages/*/bench/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', webTests],
        },
      },
      {
        // The browser tests: a real server and Chromium per file, one file at a time so a
        // browser and a server never compete with another suite's on two cores.
        extends: true,
        test: {
          name: 'web',
          include: [webTests],
          globalSetup: ['packages/web/tests/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
