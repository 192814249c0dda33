import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'

// The examples' configuration, as a perfspec user writes it: `npm run examples` runs
// `vitest run --reporter=perf` with it.
export default defineConfig({
  // The committed baselines under baselines/examples are those of the machine that wrote them,
  // kept as testbed "dev-vm-2core": a run that names no testbed compares with them and says so,
  // but never gates against them, and (update: 'none') writes none of its own unless asked with
  // -u. On that machine class, PERFSPEC_TESTBED=dev-vm-2core gates against them.
  plugins: [perf({ update: 'none' })],
  test: {
    include: ['examples/**/*.test.ts'],
    // Benchmark files running side by side compete for the cores and move each other's timings
    // by tens of percent on a 2-core machine: run them one at a time.
    fileParallelism: false,
  },
})
