import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Many tests start real processes (the CLI, the bot) on a 2-core machine; timings are
    // measured by `npm run bench`, not asserted here, so the limits only catch hangs.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
