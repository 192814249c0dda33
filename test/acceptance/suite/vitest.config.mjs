// Vitest 4 and 5: the setup a Vitest user writes.
import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'

export default defineConfig({
  plugins: [perf({ threshold: '20%' })],
  // `vitest-only/`: what Jest has no counterpart of (fixtures through `test.extend`).
  test: { globals: true, include: ['tests/**/*.test.ts', 'vitest-only/**/*.test.ts'] },
})
