import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          exclude: ['test/lab/**', 'node_modules/**'],
          environment: 'node',
          // A frame test's first render imports Ink and React: seconds on a loaded 2-core box.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'lab',
          include: ['test/lab/**/*.lab.test.ts'],
          environment: 'node',
          // Labs are real namespaces and real packets: one file at a time, with room to build.
          fileParallelism: false,
          // Fails the run on anything the labs leave behind (/etc/netns, files in TMPDIR).
          globalSetup: ['test/lab/leftovers.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
