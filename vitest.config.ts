import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // dist/ holds the compiled package (no tests are compiled, but never collect from it).
    exclude: ['dist/**', 'node_modules/**'],
    // Counting and settlement tests touch large vocabularies; give slow CI machines room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/setup/fastCheckSeed.ts'],
    globalSetup: ['test/setup/buildDist.ts'],
  },
});
