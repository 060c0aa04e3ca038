import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import @ngt/fxp from source so they never run against a stale build.
const alias = { '@ngt/fxp': fileURLToPath(new URL('./fxp/src/index.ts', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    // Two workers on these 2-core machines (the default leaves one core to the main process, which
    // mostly waits): the unit project's wall time nearly halves.
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/tools/**', 'test/gpu/**', 'test/real-world/**'], testTimeout: 60_000 },
      },
      {
        resolve: { alias },
        test: { name: 'real-world', include: ['test/real-world/**/*.test.ts'], testTimeout: 600_000 },
      },
      {
        resolve: { alias },
        test: { name: 'tools', include: ['test/tools/**/*.test.ts'], testTimeout: 600_000 },
      },
      {
        resolve: { alias },
        test: { name: 'gpu', include: ['test/gpu/**/*.test.ts'], testTimeout: 600_000 },
      },
    ],
  },
});
