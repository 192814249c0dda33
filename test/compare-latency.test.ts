import { describe, expect, test } from 'vitest'
import { compareLatency } from '../src/analyse/compare-latency'
import { distributionOf, type Distribution } from '../src/analyse/distribution'
import { LatencyHistogram } from '../src/analyse/histogram'
import { normal, seededRandom } from '../src/analyse/random'

/**
 * Synthetic latencies (ms) as an HDR histogram's buckets, like a bench result carries: log-normal
 * around `median` with a 2 % tail of slow outliers (GC pauses, preemption).
 */
function latencies(random: () => number, n: number, median: number, spread = 0.3): Distribution {
  const histogram = new LatencyHistogram()
  for (let i = 0; i < n; i++) {
    const outlier = random() < 0.02 ? median * 10 * random() : 0
    histogram.record(median * Math.exp(spread * normal(random)) + outlier)
  }
  return distributionOf(histogram.buckets())
}

const TRIALS = 200

describe('compareLatency (bootstrap CI of the ratio of medians)', () => {
  test('two runs of the same code are judged faster no more often than the 95 % level allows', () => {
    const random = seededRandom(2024)
    let aFaster = 0
    let bFaster = 0
    for (let trial = 0; trial < TRIALS; trial++) {
      const a = latencies(random, 300, 1)
      const b = latencies(random, 300, 1)
      if (compareLatency(a, b, { seed: trial }).faster) aFaster += 1
      if (compareLatency(b, a, { seed: trial }).faster) bFaster += 1
    }
    // Each direction may err 2.5 % of the time (5 of 200); the binomial's 99.9th percentile is 13.
    expect(aFaster).toBeLessThanOrEqual(13)
    expect(bFaster).toBeLessThanOrEqual(13)
    expect(aFaster + bFaster).toBeLessThanOrEqual(20)
  })

  test('and the interval covers the true ratio (1) about 95 % of the time', () => {
    const random = seededRandom(7)
    let covered = 0
    for (let trial = 0; trial < TRIALS / 2; trial++) {
      const c = compareLatency(latencies(random, 500, 2, 0.5), latencies(random, 500, 2, 0.5), { seed: trial })
      if (c.interval[0] <= 0 && c.interval[1] >= 0) covered += 1
    }
    expect(covered / (TRIALS / 2)).toBeGreaterThan(0.9)
  })

  test('a 20 % faster median is found nearly always at n = 300', () => {
    const random = seededRandom(99)
    let found = 0
    for (let trial = 0; trial < TRIALS / 2; trial++) {
      if (compareLatency(latencies(random, 300, 0.8), latencies(random, 300, 1), { seed: trial }).faster) found += 1
    }
    expect(found / (TRIALS / 2)).toBeGreaterThan(0.95)
  })

  test('`by` asks for a minimum speed-up', () => {
    const random = seededRandom(5)
    const fast = latencies(random, 5_000, 0.5, 0.2)
    const slow = latencies(random, 5_000, 1, 0.2)
    const c = compareLatency(fast, slow, { by: 0.3 })
    expect(c.faster).toBe(true)
    expect(c.change).toBeCloseTo(-0.5, 1)
    expect(c.interval[0]).toBeLessThan(c.change)
    expect(c.interval[1]).toBeGreaterThan(c.change)
    expect(compareLatency(fast, slow, { by: 0.6 }).faster).toBe(false)
    expect(compareLatency(slow, fast).faster).toBe(false)
  })

  test('is deterministic for the same data', () => {
    const random = seededRandom(1)
    const a = latencies(random, 200, 1)
    const b = latencies(random, 200, 1.05)
    expect(compareLatency(a, b)).toEqual(compareLatency(a, b))
  })

  test('identical constant distributions are never faster; an empty one is refused', () => {
    const same = distributionOf([[1, 100]])
    expect(compareLatency(same, same)).toMatchObject({ change: 0, interval: [0, 0], faster: false })
    expect(() => compareLatency(distributionOf([]), same)).toThrow(RangeError)
  })
})
