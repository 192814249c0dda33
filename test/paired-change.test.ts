import { describe, expect, test } from 'vitest'
import { judgeOverhead, overheadVerdict } from '../src/analyse/overhead'
import { pairedChange } from '../src/analyse/paired-change'
import { normal, seededRandom } from '../src/analyse/random'
import { EXACT_SIGNED_RANK_MAX, signedRankBound, signedRankCdf } from '../src/analyse/signed-rank'

/** P(T⁺ ≤ t) by enumerating every subset of the ranks 1…n: the definition, for small n. */
function bruteForceCdf(n: number): number[] {
  const max = (n * (n + 1)) / 2
  const counts = new Array<number>(max + 1).fill(0)
  for (let mask = 0; mask < 2 ** n; mask++) {
    let sum = 0
    for (let r = 1; r <= n; r++) if (mask & (1 << (r - 1))) sum += r
    counts[sum]!++
  }
  let seen = 0
  return counts.map((c) => (seen += c) / 2 ** n)
}

/** Figures whose log ratios a/b are exactly `logs` (b = 1). */
const pairsWithLogs = (logs: number[]) => ({ a: logs.map((d) => Math.exp(d)), b: logs.map(() => 1) })

describe('signed-rank distribution', () => {
  test.each([1, 2, 5, 10, 12])('n = %i: the exact distribution is the enumeration of all subsets of ranks', (n) => {
    const cdf = signedRankCdf(n)
    bruteForceCdf(n).forEach((p, t) => expect(cdf[t]).toBeCloseTo(p, 14))
  })

  test('n = 10: P(T⁺ ≤ 8) = 25/1024 and P(T⁺ ≤ 9) = 33/1024, so the 95 % interval runs from the 9th Walsh average', () => {
    const cdf = signedRankCdf(10)
    expect(cdf[8]).toBeCloseTo(25 / 1024, 15)
    expect(cdf[9]).toBeCloseTo(33 / 1024, 15)
    expect(signedRankBound(10, 0.95)).toBe(9)
  })

  test('too few pairs give no interval: under 6 at 95 %, under 8 at 99 %', () => {
    expect(signedRankBound(5, 0.95)).toBe(0)
    expect(signedRankBound(6, 0.95)).toBe(1)
    expect(signedRankBound(7, 0.99)).toBe(0)
    expect(signedRankBound(8, 0.99)).toBe(1)
    expect(signedRankBound(0, 0.95)).toBe(0)
  })

  test('past the exact range the normal approximation is within one rank of the exact bound', () => {
    const n = EXACT_SIGNED_RANK_MAX + 1
    const cdf = signedRankCdf(n)
    let exact = 0
    while (cdf[exact]! <= 0.025) exact++
    expect(Math.abs(signedRankBound(n, 0.95) - exact)).toBeLessThanOrEqual(1)
  })
})

describe('pairedChange: Hodges–Lehmann estimate and Wilcoxon interval of the log ratios', () => {
  test('log ratios 0.01 … 0.10: estimate e^0.055 − 1, 95 % interval from the 9th smallest to the 9th largest Walsh average', () => {
    // Walsh averages of 1…10 (in hundredths), sorted: 1, 1.5, 2, 2, 2.5, 2.5, 3, 3, 3, …: the 9th is 3,
    // and by symmetry the 9th largest is 11 − 3 = 8; their median is 5.5.
    const { a, b } = pairsWithLogs([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => i / 100))
    const c = pairedChange(a, b)
    expect(c.pairs).toBe(10)
    expect(c.change).toBeCloseTo(Math.expm1(0.055), 12)
    expect(c.interval![0]).toBeCloseTo(Math.expm1(0.03), 12)
    expect(c.interval![1]).toBeCloseTo(Math.expm1(0.08), 12)
  })

  test('six pairs at 95 %: the interval spans the smallest to the largest log ratio', () => {
    const { a, b } = pairsWithLogs([0.04, -0.02, 0.1, 0, 0.03, 0.01])
    const c = pairedChange(a, b)
    expect(c.interval![0]).toBeCloseTo(Math.expm1(-0.02), 12)
    expect(c.interval![1]).toBeCloseTo(Math.expm1(0.1), 12)
    // 21 Walsh averages; the 11th smallest is the median.
    expect(c.change).toBeCloseTo(Math.expm1(0.02), 12)
  })

  test('five pairs: an estimate but no 95 % interval', () => {
    const { a, b } = pairsWithLogs([0.01, 0.02, 0.03, 0.04, 0.05])
    const c = pairedChange(a, b)
    expect(c.pairs).toBe(5)
    expect(c.change).toBeCloseTo(Math.expm1(0.03), 12)
    expect(c.interval).toBeUndefined()
  })

  test('ratios, not differences: a figure twice its pair reads +100 % whatever the scale', () => {
    const c = pairedChange([2, 20, 2e-6, 200, 0.2, 2e6], [1, 10, 1e-6, 100, 0.1, 1e6])
    expect(c.change).toBeCloseTo(1, 12)
    expect(c.interval).toEqual([expect.closeTo(1, 12), expect.closeTo(1, 12)])
  })

  test('pairs with a figure that is 0, negative or not finite are left out; the offset is added to both', () => {
    const c = pairedChange([0, 1, Number.NaN, 1, -1, 1, 1, 1, 1], [1, 0, 1, Number.POSITIVE_INFINITY, 1, 1, 1, 1, 1])
    expect(c.pairs).toBe(4)
    const zeros = pairedChange([0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], { offset: 1 })
    expect(zeros.pairs).toBe(6)
    expect(zeros.change).toBe(0)
    expect(zeros.interval).toEqual([0, 0])
    // 3 B against 1 B per call, with 1 B added to both: (3 + 1) / (1 + 1).
    expect(pairedChange([3], [1], { offset: 1 }).change).toBeCloseTo(1, 12)
    expect(pairedChange([], []).change).toBeNaN()
  })

  test('on drifting pairs with symmetric noise the 95 % interval covers the true ratio about 95 % of the time', () => {
    const random = seededRandom(42)
    const trials = 1000
    let covered = 0
    for (let t = 0; t < trials; t++) {
      const a: number[] = []
      const b: number[] = []
      for (let i = 0; i < 30; i++) {
        // The machine's speed drifts by tens of percent from pair to pair and falls on both halves.
        const machine = Math.exp(0.3 * normal(random))
        a.push(1.1 * machine * Math.exp(0.05 * normal(random)))
        b.push(machine * Math.exp(0.05 * normal(random)))
      }
      const [lo, hi] = pairedChange(a, b).interval!
      if (lo <= 0.1 + 1e-12 && 0.1 - 1e-12 <= hi) covered++
    }
    expect(covered / trials).toBeGreaterThan(0.93)
    expect(covered / trials).toBeLessThan(0.97)
  })
})

describe('overhead verdict', () => {
  test('above only when the whole interval lies above the margin; within when it lies at or below; otherwise inconclusive', () => {
    expect(overheadVerdict([0.06, 0.2], 0.05)).toBe('above')
    expect(overheadVerdict([-0.1, 0.05], 0.05)).toBe('within')
    expect(overheadVerdict([-0.3, -0.1], 0.05)).toBe('within')
    expect(overheadVerdict([0.04, 0.06], 0.05)).toBe('inconclusive')
    expect(overheadVerdict([0.05, 0.06], 0.05)).toBe('inconclusive')
    expect(overheadVerdict(undefined, 0.05)).toBe('inconclusive')
  })

  test('judgeOverhead: a 20 % dearer a against b is above 5 %, the same figures are within it', () => {
    const random = seededRandom(7)
    const b = Array.from({ length: 40 }, () => Math.exp(0.2 * normal(random)))
    const noisy = (x: number) => x * Math.exp(0.02 * normal(random))
    const dearer = judgeOverhead(b.map((x) => noisy(1.2 * x)), b, 0.05)
    expect(dearer.verdict).toBe('above')
    expect(dearer.change).toBeCloseTo(0.2, 1)
    const same = judgeOverhead(b.map(noisy), b, 0.05)
    expect(same.verdict).toBe('within')
    expect(same.margin).toBe(0.05)
  })
})
