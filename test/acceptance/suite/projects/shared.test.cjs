// Jest only: run by every project of jest.projects.config.cjs; each run's benchmark is kept under
// its project's name.
const { bench, expectLatency } = require('perfspec')

describe('shared', () => {
  test('in every project', async () => {
    const data = Array.from({ length: 300 }, (_, i) => (i * 7919) % 300)
    const r = await bench('sort 300', () => [...data].sort((a, b) => a - b), { time: '100ms' })
    expectLatency(r).p95.toBeLessThan('50ms')
  })
})
