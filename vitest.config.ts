import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Randomised tests draw from one seed, fixed unless PG1_SEED is set (test/support/seed.ts).
    setupFiles: ['test/support/seedSetup.ts'],
    globalSetup: ['test/support/seedAnnouncement.ts'],
  },
});
