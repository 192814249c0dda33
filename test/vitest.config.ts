import { defineConfig } from 'vitest/config'

// perfspec's own test suite (`npm test`). The examples have their own config at the root.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // The acceptance suite runs in its own projects, under each runner (test/acceptance/run-matrix.mjs).
    exclude: ['test/acceptance/suite/**', '**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
