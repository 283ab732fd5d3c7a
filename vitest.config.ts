import { defineConfig } from 'vitest/config';

// End-to-end tests spawn the CLI over the whole fixture tree; on a loaded 2-core machine one
// such run can take seconds, so the per-test limit is generous. Tests check behaviour, not speed.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
