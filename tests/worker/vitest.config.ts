import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Worker tests run inside workerd with the real wrangler.toml. Its first request
// can take several seconds while workerd starts, hence the long timeouts.
export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: fileURLToPath(new URL('../../wrangler.toml', import.meta.url)) } })],
  resolve: {
    alias: {
      '@atlas/data': fileURLToPath(new URL('../../dist/data/layers.json', import.meta.url)),
      '@atlas/picture-fonts': fileURLToPath(new URL('../../dist/data/picture-fonts.json', import.meta.url)),
    },
  },
  test: {
    name: 'worker',
    include: ['tests/worker/**/*.test.ts'],
    root: fileURLToPath(new URL('../..', import.meta.url)),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // No retry in any project (issue 14): a test that fails, fails.
    retry: 0,
  },
});
