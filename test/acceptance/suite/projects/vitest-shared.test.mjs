// Vitest only: run by both projects of vitest.projects.config.mjs; each run's benchmark is kept
// under its project's name. Longer than Vitest's own 5 s timeout: the projects get perfspec's.
import { describe, test } from 'vitest'
import { bench } from 'perfspec'

describe('shared', () => {
  test('in every project', async () => {
    const data = Array.from({ length: 300 }, (_, i) => (i * 7919) % 300)
    await new Promise((resolve) => setTimeout(resolve, 5500))
    await bench('sort 300', () => [...data].sort((a, b) => a - b), { time: '100ms' })
  })
})
