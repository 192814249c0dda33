// Jest only: a plain CommonJS test file, as most Jest suites are written.
const { bench, expectLatency } = require('perfspec')

describe('commonjs', () => {
  test('require works', async () => {
    const data = Array.from({ length: 200 }, (_, i) => (i * 7919) % 200)
    const r = await bench('sort 200', () => [...data].sort((a, b) => a - b), { time: '150ms' })
    expectLatency(r).p95.toBeLessThan('20ms')
  })
})
