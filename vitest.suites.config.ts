import { defineConfig } from 'vitest/config';

// Only the conformance suites (suites/*.conformance.ts); use with --shard i/n and --reporter=blob.
export default defineConfig({
  test: {
    include: ['suites/**/*.conformance.ts'],
    env: { PACT_DO_NOT_TRACK: 'true' },
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
