import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'

// The examples' configuration, as a perfspec user writes it: `npm run examples` runs
// `vitest run --reporter=perf` with it.
export default defineConfig({
  plugins: [perf()],
  test: {
    include: ['examples/**/*.test.ts'],
  },
})
