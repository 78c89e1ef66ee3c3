import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (engine, config, CLI: Node, cpu and wasm backends) and `e2e` (the built
 * app in Debian's Chromium through playwright-core). tfjs packages are inlined so that Vite
 * resolves their ES-module builds (Node's loader rejects their extension-less imports, and their
 * CommonJS build registers no gradients).
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        resolve: { mainFields: ['module', 'main'] },
        ssr: { resolve: { mainFields: ['module', 'main'] } } as object,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          server: { deps: { inline: [/@tensorflow/] } },
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          // expect.poll waits on the app's state; a loaded 2-core machine needs more than 1 s.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
