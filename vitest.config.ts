import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS and ESM builds; Apollo loads the CJS one, so tests must too (STACK.md pitfall 1).
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.spec.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Test files start their own servers on their own SQLite files: two workers fit the machine's 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
