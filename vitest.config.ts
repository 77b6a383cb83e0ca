import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships both index.mjs ("module") and index.js ("main") with no "exports":
  // Vite would pick the .mjs while dependencies loaded by Node get the .js, and graphql
  // refuses a schema built by "another realm". Pin both to the one Node uses.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20000,
    hookTimeout: 30000,
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
});
