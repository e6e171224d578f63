import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // The tree-sitter and xmllint WebAssembly modules are slow to compile under
    // V8's optimizing tier; forks keep each file's wasm out of the others' way.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
