import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// perfspec's own test suite (`npm test`). The examples have their own config at the root.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // The acceptance suite runs in its own projects, under each runner (test/acceptance/run-matrix.mjs).
    exclude: ['test/acceptance/suite/**', '**/node_modules/**'],
    // Two files at a time wherever two CPUs are there to run them (Vitest's default leaves one
    // CPU free, which on a 2-core machine is one file at a time): most of the suite's time is
    // spent in end-to-end files that wait on runners they started. Every timing assertion has
    // margins wide enough for a busy machine.
    maxWorkers: availableParallelism() >= 2 ? 2 : 1,
    // The runners these tests start write baselines in their own process only (a run that writes
    // baselines would start the runner twice more for them otherwise, in every end-to-end test
    // that writes one); the tests of that option ask for more themselves.
    env: { PERFSPEC_BASELINE_PROCESSES: '1' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
