// Jest's ESM mode only (`--experimental-vm-modules`, jest.esm.config.mjs): `import` of perfspec.
import { bench, expectLatency } from 'perfspec'

describe('esm', () => {
  test('import works', async () => {
    const r = await bench('sum 100', () => {
      let s = 0
      for (let i = 0; i < 100; i++) s += i
      return s
    }, { time: '100ms' })
    expectLatency(r).p95.toBeLessThan('20ms')
  })
})
