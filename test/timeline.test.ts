import { describe, expect, test } from 'vitest'
import { seededRandom } from '../src/analyse/random.js'
import { TIMELINE_WINDOWS, Timeline } from '../src/measure/load/timeline.js'

describe('a load run over time', () => {
  test('calls go to the window in which they settled; each window has its calls, errors, mean and p95', () => {
    const t = new Timeline(1000, 2000)
    // Window 0 (1000–1100 ms): latencies 1..100; window 19 gets a late call too.
    for (let i = 1; i <= 100; i++) t.succeed(i, 1000 + i * 0.5)
    t.fail(1050)
    t.succeed(7, 3500) // settled after the planned length: the last window
    const w = t.figures()
    expect(w).toHaveLength(TIMELINE_WINDOWS)
    expect(w[0]).toEqual({ start: 0, calls: 100, errors: 1, mean: 50.5, p95: 95 })
    expect(w[1]).toEqual({ start: 100, calls: 0, errors: 0 })
    expect(w[19]).toMatchObject({ start: 1900, calls: 1, mean: 7, p95: 7 })
  })

  test('a window of many calls keeps a uniform sample: its p95 stays close, its mean exact', () => {
    const t = new Timeline(0, 20_000, seededRandom(7))
    const next = seededRandom(3)
    for (let i = 0; i < 100_000; i++) t.succeed(next() * 10, (i / 100_000) * 1000)
    const [first] = t.figures()
    expect(first!.calls).toBe(100_000)
    expect(first!.mean).toBeCloseTo(5, 1)
    expect(first!.p95).toBeGreaterThan(9)
    expect(first!.p95).toBeLessThan(10)
  })
})
