/**
 * Under each runner: a perfspec failure that its test catches (the way to test that a detector
 * works) is CAUGHT — no FAIL in the verdict, no `::error`, the run passes as the runner says —
 * and a benchmark in a root-level `afterEach` belongs to the test it ran after (Jest runs a
 * block's afterEach hooks in declaration order, perfspec's setup file's first). `run-matrix.mjs`
 * checks the report.
 */
import { bench, expectCollected, expectLatency, PerfAssertionError } from 'perfspec'

declare function describe(name: string, fn: () => void): void
declare function test(name: string, fn: () => Promise<void>): void
declare function afterEach(fn: () => Promise<void>): void
declare function expect(actual: unknown): { toBe(expected: unknown): void }

class Kept {
  x = 1
}
const kept: Kept[] = []

afterEach(async () => {
  const r = await bench('in afterEach', () => JSON.parse('[1]'), { time: '30ms', warmup: '5ms', baseline: false })
  expectLatency(r).p95.toBeLessThan('1s')
})

describe('caught', () => {
  test('the detector catches a kept object', async () => {
    let caught: unknown
    try {
      await expectCollected(() => {
        const k = new Kept()
        kept.push(k)
        return k
      }, { name: 'kept object', retainers: false })
    } catch (error) {
      caught = error
    }
    expect(caught instanceof PerfAssertionError).toBe(true)
  })

  test('a test without a bench of its own', async () => {})
})
