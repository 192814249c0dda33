/**
 * A test the runner expects to fail (Vitest `test.fails`, Jest `test.failing`) passes when its
 * body fails, so what its benchmark measured is no reference: it writes no baseline and is
 * compared with none (cause `expected-to-fail`), under every runner.
 */
import { bench } from 'perfspec'

type Body = (name: string, fn: () => Promise<void>) => void
declare function describe(name: string, fn: () => void): void
declare const test: { fails?: Body; failing?: Body }

// Vitest names it `test.fails`, Jest (28.1+) `test.failing`.
const expectedToFail = (test.fails ?? test.failing)!

describe('expected to fail', () => {
  expectedToFail('body throws', async () => {
    await bench('measured then thrown', () => JSON.stringify({ a: [1, 2, 3] }), { time: '60ms' })
    throw new Error('the failure this test expects')
  })
})
