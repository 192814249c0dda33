import { describe, expect, test } from 'vitest'
import { distributionOfSamples, quantile, quantileInterval, type Distribution } from '../src/analyse/distribution.js'
import { normalQuantile } from '../src/analyse/normal.js'
import { logShift } from '../src/analyse/shift.js'
import { DEFAULT_GATE } from '../src/model/gate.js'
import { judge, type MetricSample } from '../src/compare/judge.js'
import { seededRandom } from '../src/analyse/random.js'

/** Deterministic pseudo-random numbers, so every run sees the same samples. */
const rng = seededRandom

/** Log-normal latencies around `median` ms, like real call timings: skewed to the right. */
function latencies(n: number, seed: number, median = 0.001, spread = 0.3): number[] {
  const next = rng(seed)
  return Array.from({ length: n }, () => median * Math.exp(spread * normalQuantile(Math.min(1 - 1e-9, Math.max(1e-9, next())))))
}

function sampleOf(values: number[], metric: 'p95' | 'p50' | 'mean' = 'p95', batchSize = 1): MetricSample {
  const d: Distribution = distributionOfSamples(values)
  const mean = values.reduce((s, v) => s + v, 0) / values.length
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1))
  const value = metric === 'mean' ? mean : quantile(d, metric === 'p95' ? 0.95 : 0.5)
  return { value, n: values.length, distribution: d, mean, sd, batchSize }
}

describe('statistics on distributions', () => {
  test('normal quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5)
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 5)
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5)
  })

  test('the order-statistic interval of p95 holds the value and narrows with n', () => {
    const small = distributionOfSamples(latencies(200, 1))
    const large = distributionOfSamples(latencies(20_000, 1))
    const [sLow, sHigh] = quantileInterval(small, 0.95, 2.576)
    const [lLow, lHigh] = quantileInterval(large, 0.95, 2.576)
    const truth = 0.001 * Math.exp(0.3 * 1.6449)
    expect(sLow).toBeLessThanOrEqual(truth)
    expect(sHigh).toBeGreaterThanOrEqual(truth)
    expect(lLow).toBeLessThanOrEqual(truth)
    expect(lHigh).toBeGreaterThanOrEqual(truth)
    expect(lHigh - lLow).toBeLessThan((sHigh - sLow) / 3)
  })

  test('the Hodges–Lehmann shift reads a 1.5x slowdown as +50%', () => {
    const base = distributionOfSamples(latencies(3000, 1))
    const slow = distributionOfSamples(latencies(3000, 2).map((v) => v * 1.5))
    const s = logShift(slow, base, 2.576)
    expect(s.estimate).toBeGreaterThan(0.45)
    expect(s.estimate).toBeLessThan(0.55)
    expect(s.low).toBeGreaterThan(0.4)
    expect(s.superiority).toBeGreaterThan(0.8)
    const same = logShift(distributionOfSamples(latencies(3000, 3)), base, 2.576)
    expect(Math.abs(same.estimate)).toBeLessThan(0.03)
    expect(same.low).toBeLessThan(0)
    expect(same.high).toBeGreaterThan(0)
  })
})

describe('the noise-aware gate (p95, 20 %, WARN from 10 %)', () => {
  const baseline = sampleOf(latencies(5000, 1))

  test('the same code measured again is ok', () => {
    for (const seed of [2, 3, 4, 5, 6]) expect(judge(sampleOf(latencies(5000, seed)), baseline, DEFAULT_GATE).status).toBe('ok')
  })

  test('a 1.5x slowdown regresses, with the change and its interval above the threshold', () => {
    const v = judge(sampleOf(latencies(5000, 7).map((x) => x * 1.5)), baseline, DEFAULT_GATE)
    expect(v.status).toBe('regressed')
    expect(v.reason).toBe('beyond-threshold')
    expect(v.change).toBeGreaterThan(0.4)
    expect(v.interval[0]).toBeGreaterThan(0.2)
    expect(v.shift?.estimate).toBeGreaterThan(0.4)
  })

  test('+25 % on a handful of samples is within the noise: WARN, not failed', () => {
    const few = sampleOf(latencies(30, 9).map((x) => x * 1.25))
    const v = judge(few, sampleOf(latencies(30, 9)), DEFAULT_GATE)
    expect(v.change).toBeGreaterThan(0.2)
    expect(v.status).toBe('warn')
    expect(v.reason).toBe('within-noise')
  })

  test("an imprecise p95 beyond the threshold fails when the typical call's interval lies beyond it: the whole distribution moved", () => {
    // A short measurement (200 samples) of code 1.45x slower: p95's own interval reaches below
    // +20 %, the typical call's does not.
    const now = sampleOf(latencies(200, 21).map((x) => x * 1.45))
    const then = sampleOf(latencies(200, 22))
    const v = judge(now, then, DEFAULT_GATE)
    expect(v.interval[0]).toBeLessThanOrEqual(0.2)
    expect(v.status).toBe('regressed')
    expect(v.typicalInterval![0]).toBeGreaterThan(0.2)
    // The same code against itself: nothing beyond the threshold, whichever way it reads.
    expect(judge(sampleOf(latencies(200, 23)), then, DEFAULT_GATE).status).not.toBe('regressed')
    // A typical call far beyond a p95 that barely moved is a distribution that changed shape
    // (another mode of the process): its interval does not stand for the p95's.
    // Two modes: 80 % of the calls near 1 µs and 20 % near 2.3 µs; then the fast mode moves to
    // 1.75 µs and the slow one to 2.9 µs.
    const modes = (fast: number, slow: number, seed: number) => [...latencies(160, seed, fast * 0.001, 0.05), ...latencies(40, seed + 1, slow * 0.001, 0.15)]
    const reshaped = judge(sampleOf(modes(1.75, 2.9, 31)), sampleOf(modes(1, 2.3, 33)), DEFAULT_GATE)
    expect(reshaped.change).toBeGreaterThan(0.2)
    expect(reshaped.shift!.low).toBeGreaterThan(0.2)
    expect(reshaped.interval[1]).toBeLessThan(reshaped.shift!.low)
    expect(reshaped.status).not.toBe('regressed')
    // A typical call that moved by less than the threshold leaves such a p95 within the noise.
    const mild = judge(sampleOf(latencies(200, 21).map((x) => x * 1.12)), then, DEFAULT_GATE)
    expect(mild.status === 'regressed' || mild.typicalInterval !== undefined).toBe(false)
  })

  test('a typical call slower beyond the threshold under a p95 that did not move is WARN typical-slower, never ok', () => {
    // 80 % of the calls move from 1 µs to 1.45 µs; the slowest fifth stays near 2.3 µs, and p95 with it.
    const modes = (fast: number, seed: number) => [...latencies(800, seed, fast * 0.001, 0.05), ...latencies(200, seed + 1, 0.0023, 0.05)]
    const then = sampleOf(modes(1, 41))
    const v = judge(sampleOf(modes(1.45, 43)), then, DEFAULT_GATE)
    expect(Math.abs(v.change)).toBeLessThan(0.1)
    expect(v).toMatchObject({ status: 'warn', reason: 'typical-slower' })
    expect(v.typicalInterval![0]).toBeGreaterThan(0.2)
    // The same code, and a bulk only 10 % slower: not said.
    expect(judge(sampleOf(modes(1, 45)), then, DEFAULT_GATE).reason).not.toBe('typical-slower')
    expect(judge(sampleOf(modes(1.1, 47)), then, DEFAULT_GATE).reason).not.toBe('typical-slower')
  })

  test('a tail blown up by interference while the typical call is unchanged is WARN', () => {
    const next = rng(10)
    const busy = latencies(5000, 11).map((x) => (next() < 0.08 ? x * 6 : x))
    const v = judge(sampleOf(busy), baseline, DEFAULT_GATE)
    expect(v.change).toBeGreaterThan(0.5)
    expect(v.status).toBe('warn')
    expect(v.reason).toBe('tail-only')
  })

  test('without a distribution on one side the same tail fails on the statistics alone, and the verdict says which side lacked one', () => {
    const next = rng(10)
    const busy = sampleOf(latencies(5000, 11).map((x) => (next() < 0.08 ? x * 6 : x)))
    const { distribution: _d, ...plainBaseline } = baseline
    const { distribution: _c, ...plainBusy } = busy
    expect(judge(busy, baseline, DEFAULT_GATE).withoutDistribution).toBeUndefined()
    expect(judge(busy, plainBaseline, DEFAULT_GATE)).toMatchObject({ status: 'regressed', reason: 'beyond-threshold', withoutDistribution: 'baseline' })
    expect(judge(plainBusy, baseline, DEFAULT_GATE)).toMatchObject({ status: 'regressed', withoutDistribution: 'current' })
    expect(judge(plainBusy, plainBaseline, DEFAULT_GATE)).toMatchObject({ status: 'regressed', withoutDistribution: 'both' })
    // A note, not a status: unchanged code stays ok without a distribution.
    expect(judge(sampleOf(latencies(5000, 2)), plainBaseline, DEFAULT_GATE)).toMatchObject({ status: 'ok', withoutDistribution: 'baseline' })
  })

  test('a p95 far up while the typical call moved less than the threshold is WARN', () => {
    const next = rng(20)
    const busier = latencies(5000, 21).map((x) => (next() < 0.1 ? x * 4 : x * 1.12))
    const v = judge(sampleOf(busier), baseline, DEFAULT_GATE)
    expect(v.change).toBeGreaterThan(0.4)
    expect(v.shift?.estimate).toBeGreaterThan(0.1)
    expect(v).toMatchObject({ status: 'warn', reason: 'tail-only' })
  })

  test('a run that fell partly in a slow stretch of the host (every call it covers 1.6x) is WARN: its fastest calls did not move', () => {
    const next = rng(30)
    const steady = sampleOf(latencies(5000, 33, 0.001, 0.1))
    // Half the calls in a stretch that runs everything 1.6x slower: the median and p95 move by
    // far more than the threshold, the fastest tenth does not.
    const v = judge(sampleOf(latencies(5000, 31, 0.001, 0.1).map((x) => (next() < 0.5 ? x * 1.6 : x))), steady, DEFAULT_GATE)
    expect(v.change).toBeGreaterThan(0.3)
    expect(v.shift!.estimate).toBeGreaterThan(0.2)
    expect(v).toMatchObject({ status: 'warn', reason: 'partly-slow-host' })
    expect(Math.abs(v.fastChange!)).toBeLessThan(0.1)
    // The same code 1.3x slower throughout moves its fastest calls too: a regression.
    expect(judge(sampleOf(latencies(5000, 32, 0.001, 0.1).map((x) => x * 1.3)), steady, DEFAULT_GATE)).toMatchObject({ status: 'regressed' })
  })

  test('+15 % is in the WARN band; 30 % faster is an improvement', () => {
    expect(judge(sampleOf(latencies(5000, 12).map((x) => x * 1.15)), baseline, DEFAULT_GATE)).toMatchObject({ status: 'warn', reason: 'warn-band' })
    expect(judge(sampleOf(latencies(5000, 13).map((x) => x * 0.7)), baseline, DEFAULT_GATE)).toMatchObject({ status: 'improved', reason: 'faster' })
  })

  test('per-call against batched sampling: percentiles differ in kind, but a slower typical and fastest call still fails', () => {
    // A code change that moves a benchmark across the batching boundary: its typical and fastest
    // calls slowed with it, so it is a regression whatever the sampling.
    expect(judge(sampleOf(latencies(5000, 14).map((x) => x * 1.5), 'p95', 40), baseline, DEFAULT_GATE)).toMatchObject({ status: 'regressed' })
    // Without distributions (plain files) only the percentiles are there: not comparable.
    const point = (value: number, batchSize: number): MetricSample => ({ value, n: 100, batchSize })
    expect(judge(point(1.5, 40), point(1, 1), DEFAULT_GATE)).toMatchObject({ status: 'warn', reason: 'sampling-differs' })
  })

  test('without distributions the threshold alone decides (plain result files)', () => {
    const point = (value: number): MetricSample => ({ value, n: 100 })
    expect(judge(point(1.25), point(1), DEFAULT_GATE).status).toBe('regressed')
    expect(judge(point(1.1), point(1), DEFAULT_GATE).status).toBe('ok')
    expect(judge(point(1.15), point(1), DEFAULT_GATE).status).toBe('warn')
    expect(judge(point(0.5), point(1), DEFAULT_GATE).status).toBe('improved')
  })

  test('the mean gate uses the standard error of the mean', () => {
    const gate = { ...DEFAULT_GATE, metric: 'mean' as const }
    expect(judge(sampleOf(latencies(5000, 15).map((x) => x * 1.5), 'mean'), sampleOf(latencies(5000, 1), 'mean'), gate).status).toBe('regressed')
    expect(judge(sampleOf(latencies(5000, 16), 'mean'), sampleOf(latencies(5000, 1), 'mean'), gate).status).toBe('ok')
  })
})
