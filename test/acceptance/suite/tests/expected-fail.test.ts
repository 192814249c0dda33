/**
 * Tests the runner expects to fail (Vitest `test.fails`, Jest `test.failing`) pass when their
 * body fails, so what their benchmarks measured is no reference: they write no baseline and are
 * compared with none (cause `expected-to-fail`), under every runner. What fails in them fails as
 * expected (XFAIL): an expectation missed there is how the test passes, not a failure of the run.
 *
 * `PERFSPEC_ACCEPTANCE_XPASS=1` gives "misses its budget" a budget it meets: its body passes, so
 * the runner fails the test, and perfspec's verdict must fail too.
 */
import { bench, expectLatency } from 'perfspec'

type Body = (name: string, fn: () => Promise<void>) => void
declare function describe(name: string, fn: () => void): void
declare const test: { fails?: Body; failing?: Body }

// Vitest names it `test.fails`, Jest (28.1+) `test.failing`.
const expectedToFail = (test.fails ?? test.failing)!
const bodyPasses = process.env.PERFSPEC_ACCEPTANCE_XPASS === '1'

describe('expected to fail', () => {
  expectedToFail('body throws', async () => {
    await bench('measured then thrown', () => JSON.stringify({ a: [1, 2, 3] }), { time: '60ms' })
    throw new Error('the failure this test expects')
  })
  expectedToFail('misses its budget', async () => {
    const r = await bench('over budget', () => JSON.stringify({ a: [1, 2, 3] }), { time: '60ms' })
    // No call takes under a nanosecond: the failure this test expects. Every call takes under ten seconds.
    expectLatency(r).p95.toBeLessThan(bodyPasses ? '10s' : '1ns')
  })
})
