import { defineConfig } from 'vitest/config';

// `npm run embed:measure`: not a test, the measurement that geo/embed-heights.ts is written from.
export default defineConfig({
  test: { include: ['tests/browser/embed-sizes.measure.ts'], environment: 'node', testTimeout: 600_000, hookTimeout: 180_000 },
});
