import { describe, expect, it } from 'vitest'
import { theilSenSlope } from '../src/analyse/theil-sen.js'
import { judgeSeries, type VerdictRule } from '../src/measure/leak/verdict.js'

const rule: VerdictRule = { perCall: 0, minRising: 0.9, maxGrowth: Number.POSITIVE_INFINITY }
const calls = Array.from({ length: 11 }, (_, k) => k * 1000)
const base = 6_000_000

/** Heap series: `perCall` bytes retained per call plus the given per-checkpoint offsets. */
function series(perCall: number, offsets: number[] = []): number[] {
  return calls.map((c, k) => base + perCall * c + (offsets[k] ?? 0))
}

describe('theilSenSlope', () => {
  it('finds the slope of a line', () => {
    expect(theilSenSlope([0, 1, 2, 3], [1, 3, 5, 7])).toBe(2)
  })
  it('ignores a single wild point', () => {
    expect(theilSenSlope(calls, series(0.5, [0, 0, 0, 0, 0, 5_000_000]))).toBeCloseTo(0.5, 6)
  })
  it('is NaN without two distinct x', () => {
    expect(theilSenSlope([1, 1], [2, 3])).toBeNaN()
  })
})

describe('judgeSeries', () => {
  it('flags one small object per 100 calls (0.56 B per call)', () => {
    const v = judgeSeries(calls, series(0.56), rule)
    expect(v).toMatchObject({ leaked: true, reason: 'steady growth', rising: 1 })
    expect(v.bytesPerCall).toBeCloseTo(0.56, 6)
    expect(v.growth).toBeCloseTo(5600, 6)
  })

  it('passes a flat heap, and one with a single spike', () => {
    expect(judgeSeries(calls, series(0), rule).leaked).toBe(false)
    expect(judgeSeries(calls, series(0, [0, 0, 0, 0, 40_000]), rule).leaked).toBe(false)
  })

  it('still flags a leak with one outlier reading, up or down', () => {
    expect(judgeSeries(calls, series(5, [0, 0, 0, 0, 0, 90_000]), rule).leaked).toBe(true)
    expect(judgeSeries(calls, series(5, [0, 0, 0, -90_000]), rule).leaked).toBe(true)
  })

  it('passes oscillation even when its slope is positive', () => {
    const swing = calls.map((_, k) => (k % 2 === 0 ? -13_000 : 13_000))
    const v = judgeSeries(calls, series(0.7, swing), rule)
    expect(v.bytesPerCall).toBeGreaterThan(0)
    expect(v.leaked).toBe(false)
  })

  it('passes growth that rises at only 8 of 10 steps (one-off allocations, then flat)', () => {
    const v = judgeSeries(calls, series(0, [0, 176, 2000, 2000, 2232, 2232, 2408, 2488, 2488, 2488, 2640]), rule)
    expect(v.leaked).toBe(false)
  })

  it('tolerates steady growth up to perCall', () => {
    expect(judgeSeries(calls, series(60), { ...rule, perCall: 64 }).leaked).toBe(false)
    expect(judgeSeries(calls, series(70), { ...rule, perCall: 64 }).leaked).toBe(true)
  })

  it('fails any growth beyond maxGrowth, steady or not', () => {
    const v = judgeSeries(calls, series(0, [0, 0, 0, 0, 0, 2e6, 2e6, 2e6, 2e6, 2e6, 2e6]), { ...rule, maxGrowth: 1e6 })
    expect(v).toMatchObject({ leaked: true, reason: 'total growth', growth: 2e6 })
  })

  it('needs at least 3 checkpoints', () => {
    expect(() => judgeSeries([0, 1], [0, 1], rule)).toThrow(RangeError)
  })
})
