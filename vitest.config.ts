import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: the property tests (thousands of generated inputs) run several times slower on a loaded machine, and
    // a timeout is a timing assertion. A hang still fails, five minutes later.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
