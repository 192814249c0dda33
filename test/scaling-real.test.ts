import { expect, test } from 'vitest'
import { benchScaling } from '../src/bench-scaling.js'
import { expectScaling } from '../src/assert/scaling.js'
import { PerfAssertionError } from '../src/assert/assertion-error.js'

// Real code, real clock, default options, on whatever machine runs the suite: only verdicts with
// wide margins are asserted (two classes and more apart), as a busy 2-core machine bends curves.

function pairsWithin(a: Float64Array): number {
  let count = 0
  for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) if (Math.abs(a[i]! - a[j]!) < 1e-3) count++
  return count
}

test('a constant-time function passes at most O(n log n); every pair of an array fails at most O(n)', async () => {
  const constant = await benchScaling('length plus first', (n) => {
    const a = new Float64Array(n).fill(1)
    return () => a.length + a[0]!
  }, { sizes: [100, 1_000, 10_000, 100_000] })
  expectScaling(constant).toBeAtMost('n log n')
  expect(constant.fit.exponent).toBeLessThan(0.5)

  const quadratic = await benchScaling('every pair', (n) => {
    const a = Float64Array.from({ length: n }, (_, i) => (i * 0.618) % 1)
    return () => pairsWithin(a)
  }, { sizes: [100, 200, 400, 800, 1_600] })
  expect(() => expectScaling(quadratic).toBeAtMost('n')).toThrow(PerfAssertionError)
  expect(() => expectScaling(quadratic).toBeAtMost('n')).toThrow(/^growth of "every pair" looked like O\(n/)
  expect(quadratic.fit.exponent).toBeGreaterThan(1.5)
})
