import { defineConfig } from 'vitest/config';

// The core ships in two builds (docs/core.md §6): every test runs on the one the runtime picks (SIMD
// in Node), and the crypto tests run once more on the scalar build (PASSGATE_CORE=scalar), so that
// both keep every vector, forgery and batch check.
const CRYPTO_TESTS = [
  'test/ed25519.test.ts',
  'test/ed25519Differential.test.ts',
  'test/cofactoredSignatures.test.ts',
  'test/batch.test.ts',
  'test/batchForgery.test.ts',
  'test/holderBindingForgery.test.ts',
  'test/precompute.test.ts',
  'test/simdCore.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Randomised tests draw from one seed, fixed unless PG1_SEED is set (test/support/seed.ts).
    setupFiles: ['test/support/seedSetup.ts'],
    globalSetup: ['test/support/seedAnnouncement.ts'],
    projects: [
      { extends: true, test: { name: 'core', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'scalar-core', include: CRYPTO_TESTS, env: { PASSGATE_CORE: 'scalar' } } },
    ],
  },
});
