/**
 * Concurrent tests (`test.concurrent`) each record into their own test, under Vitest and Jest
 * alike: the test of a benchmark comes from its async chain, not from a "current test" that the
 * other test overwrites. Their benchmarks opt out of baselines: two benchmarks measured at the
 * same time compete for the CPU, which is not what the gate should see.
 */
import { bench } from 'perfspec'

declare function describe(name: string, fn: () => void): void
declare const test: { concurrent(name: string, fn: () => Promise<void>): void }

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms))

describe('concurrent', () => {
  test.concurrent('first', async () => {
    await pause(5)
    await bench('first bench', () => JSON.stringify({ a: [1, 2, 3] }), { time: '60ms', baseline: false })
  })
  test.concurrent('second', async () => {
    await bench('second bench', () => JSON.parse('{"a":[1,2,3]}'), { time: '60ms', baseline: false })
    await pause(5)
  })
})
