import { defineConfig } from 'vitest/config';

// Three projects: geo/ and the data check in Node, the worker inside workerd
// (tests/worker/vitest.config.ts), and the page in headless Chromium against the worker served by
// workerd (tests/support/worker.ts).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'geo', include: ['tests/geo/**/*.test.ts'], environment: 'node', testTimeout: 60_000, retry: 0 } },
      './tests/worker/vitest.config.ts',
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // No retry: a test that fails, fails. (The retry that was here covered `wrangler dev` losing a
          // request now and then; the tests no longer go through its proxy: tests/support/worker.ts.)
          retry: 0,
        },
      },
    ],
  },
});
