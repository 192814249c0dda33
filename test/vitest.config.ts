import { defineConfig } from 'vitest/config'

// perfspec's own test suite (`npm test`). The examples have their own config at the root.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
