// Vitest only: two inline projects that inherit perf() from this config (`extends: true`; Vitest 5
// resolves such a project from this config's test options as written, without what plugins add).
import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'

export default defineConfig({
  plugins: [perf({ freshProcess: false })],
  test: {
    projects: [
      { extends: true, test: { name: 'alpha', include: ['projects/*.test.mjs'] } },
      { extends: true, test: { name: 'beta', include: ['projects/*.test.mjs'], pool: 'forks' } },
    ],
  },
})
