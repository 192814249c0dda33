import { afterEach, describe, expect, test } from 'vitest'
import { expectScaling } from '../src/assert/scaling.js'
import { benchScaling } from '../src/bench-scaling.js'
import { PerfAssertionError } from '../src/assert/assertion-error.js'
import type { ExpectationEntry, RecordEntry } from '../src/model/entries.js'
import { setTestContext } from '../src/record/context.js'
import { syntheticScaling } from './support/synthetic-scaling.js'
import { fixedResult } from './support/fixed-result.js'

const WIDE = [100, 1_000, 10_000, 100_000]
const ID = 'src/pairs.test.ts > pairs > grows > pairs'
const quadratic = syntheticScaling(ID, { sizes: [100, 200, 400, 800, 1_600], cost: (n) => 1e-4 + 1e-6 * n * n, seed: 3 })
const linear = syntheticScaling('f > t > sum', { sizes: WIDE, cost: (n) => 1e-6 * n, seed: 4 })

function recording(run: () => void): { entries: RecordEntry[]; error: unknown } {
  const entries: RecordEntry[] = []
  setTestContext({ file: 'src/pairs.test.ts', titlePath: ['pairs', 'grows'], entries })
  let error: unknown
  try {
    run()
  } catch (e) {
    error = e
  }
  return { entries, error }
}

afterEach(() => setTestContext(undefined))

describe('expectScaling(r).toBeAtMost()', () => {
  test('passes at the class the data look like and above, in every accepted form', () => {
    for (const limit of ['n', 'O(n)', 'n log n', 'n^2', 'n²', 'O(n³)'] as const) expect(() => expectScaling(linear).toBeAtMost(limit)).not.toThrow()
  })

  test('a faster growth fails with the exponent and its interval, the time at each size and the class it looks like', () => {
    const { entries, error } = recording(() => expectScaling(quadratic).toBeAtMost('n'))
    expect(error).toBeInstanceOf(PerfAssertionError)
    const message = (error as Error).message
    const lines = message.split('\n')
    expect(lines[0]).toMatch(/^growth of "pairs" looked like O\(n²\) \(exponent [12]\.\d\d, 95% CI [12]\.\d\d to [12]\.\d\d\), expected at most O\(n\) \(O\(n\) or slower-growing in 0\.00% of 500 resamples of the 12 rounds\)$/)
    expect(lines[1]).toMatch(/^ {2}time per call: n=100: [\d.]+µs, n=200: [\d.]+µs, n=400: [\d.]+µs, n=800: [\d.]+µs, n=1,600: [\d.]+ms$/)
    expect(lines[2]).toMatch(/^ {2}fits \(rms of relative residuals\): O\(1\) \d+%, O\(log n\) \d+%, O\(n\) \d+%, O\(n log n\) \d+%, O\(n²\) [\d.]+% \(chosen\), O\(n³\) \d+%$/)
    const entry = entries[0] as ExpectationEntry
    expect(entry).toMatchObject({ kind: 'expectation', benchId: ID, subject: 'growth', comparator: 'at most', actual: 4, limit: 2, unit: 'class', status: 'FAIL', message })
    expect(entry.complexity).toMatchObject({ limit: 'n', best: 'n^2', atMost: 0, confidence: 0.95 })
    expect(entry.complexity!.interval[0]).toBeLessThanOrEqual(entry.complexity!.exponent)
  })

  test('a pass is recorded with its figures', () => {
    const { entries, error } = recording(() => expectScaling(quadratic).toBeAtMost('n^2'))
    expect(error).toBeUndefined()
    expect(entries).toEqual([expect.objectContaining({ status: 'PASS', actual: 4, limit: 4, message: expect.stringMatching(/^growth of "pairs" looked like O\(n²\) .*expected at most O\(n²\) \(O\(n²\) or slower-growing in 100% of 500 resamples of the 12 rounds\)$/) })])
  })

  test('fails when the class is within the limit but the resamples are not confident of it', () => {
    const unsure = { ...linear, fit: { ...linear.fit, atMost: [0, 0, 0.9, 1, 1, 1] } }
    const { error } = recording(() => expectScaling(unsure).toBeAtMost('n'))
    expect((error as Error).message).toMatch(/^growth of "sum" looked like O\(n\) \(.*\), expected at most O\(n\) with 95% confidence, but only O\(n\) or slower-growing in 90% of 500 resamples of the 12 rounds; raise "rounds" or "time", or widen the sizes\n/)
  })

  test('warnings of the check are in the failure', () => {
    const warned = { ...quadratic, warnings: ['the sizes span a factor of 16 only'] }
    const { error } = recording(() => expectScaling(warned).toBeAtMost('1'))
    expect((error as Error).message.split('\n').at(-1)).toBe('  warning: the sizes span a factor of 16 only')
  })

  test('bad input is a TypeError that says what is accepted', async () => {
    expect(() => expectScaling(linear).toBeAtMost('linear' as never)).toThrow(/expectScaling\(…\)\.toBeAtMost\(\) limit must be a growth class, one of '1', 'O\(1\)', /)
    expect(() => expectScaling(Promise.resolve(linear) as never)).toThrow(/expectScaling\(\) received a Promise; await the check first/)
    expect(() => expectScaling(fixedResult(0.05) as never)).toThrow(/expectScaling\(\) needs the result of benchScaling\(\), e\.g\. expectScaling\(await benchScaling\('sort'/)
    expect(() => (expectScaling(linear) as unknown as { toBeLessThan: unknown }).toBeLessThan).toThrow(/expectScaling\(…\) has no property "toBeLessThan"; valid properties: toBeAtMost/)
  })

  test('extra arguments, which JavaScript would drop without a word, are refused, as bench() refuses them', async () => {
    const loose = (f: unknown) => f as (...args: unknown[]) => unknown
    expect(() => loose(expectScaling)(linear, { confidence: 0.99 })).toThrow('perfspec: expectScaling() takes one argument (result); received 2, and the extra {"confidence":0.99} would be ignored: remove it')
    expect(() => loose(expectScaling(linear).toBeAtMost)('n', 0.99)).toThrow('perfspec: expectScaling(…).toBeAtMost() takes one argument (limit); received 2, and the extra 0.99 would be ignored: remove it')
    await expect(loose(benchScaling)('sum', (n: number) => () => n, { sizes: [10, 100, 1000] }, { rounds: 3 }) as Promise<unknown>).rejects.toThrow(
      'perfspec: benchScaling() takes 3 arguments (name, factory, options); received 4, and the extra {"rounds":3} would be ignored: remove it',
    )
  })
})
