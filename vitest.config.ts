import { defineConfig } from 'vitest/config';

// Three projects: `unit` and `browser` need nothing running; `integration` talks to the real local stack
// (engine, broker, database) that `npm test` brings up first, and runs its files one at a time
// because they share that stack.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/lint/**/*.test.ts', 'lint-rules/test/**/*.test.ts'],
          globals: true,
          // Some of these run the `seam` CLI as a subprocess, which takes seconds on a loaded 2-core machine.
          testTimeout: 30_000,
        },
      },
      {
        // Seam's Modeler plugin in headless Chromium (Debian's /usr/bin/chromium); needs nothing running.
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globals: true,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
