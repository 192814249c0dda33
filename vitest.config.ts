import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'

// The examples' configuration, as a perfspec user writes it: `npm run examples` runs
// `vitest run --reporter=perf` with it.
export default defineConfig({
  plugins: [perf()],
  test: {
    include: ['examples/**/*.test.ts'],
    // Benchmark files running side by side compete for the cores and move each other's timings
    // by tens of percent on a 2-core machine: run them one at a time.
    fileParallelism: false,
  },
})
