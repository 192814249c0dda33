// Vitest 4 and 5: the setup a Vitest user writes.
import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'

export default defineConfig({
  plugins: [perf({ threshold: '20%' })],
  test: { globals: true, include: ['tests/**/*.test.ts'] },
})
