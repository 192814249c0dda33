import { performance } from 'node:perf_hooks'
import { describe, expect, test } from 'vitest'
import {
  SPEED_KERNELS,
  measureKernels,
  measureSpeedReference,
  readSpeedReference,
  readSpeedReferenceAgain,
  speedRatio,
  summarizeSpeedRounds,
  type SpeedKernel,
} from '../src/measure/speed-reference'
import { FakeClock } from './fake-clock'

/** A kernel whose every unit "takes" `ns` on the fake clock; `stall` may add a one-off delay. */
function fakeKernel(name: string, ns: number, clock: FakeClock, stall?: { at: number; ms: number }): SpeedKernel {
  let stalled = false
  return {
    name,
    run(count) {
      clock.advance((count * ns) / 1e6)
      if (stall && !stalled && clock.t >= stall.at) {
        stalled = true
        clock.advance(stall.ms)
      }
      return count
    },
  }
}

describe('measureKernels with a fake clock', () => {
  test('constant kernels: exact medians, their geometric mean, no spread, all rounds', () => {
    const clock = new FakeClock()
    const r = measureKernels([fakeKernel('a', 2, clock), fakeKernel('b', 8, clock)], { clock })
    expect(r.rounds).toBe(5)
    expect(r.kernels.a).toBeCloseTo(2, 9)
    expect(r.kernels.b).toBeCloseTo(8, 9)
    expect(r.ns).toBeCloseTo(4, 9) // √(2 · 8)
    expect(r.spread).toBeCloseTo(0, 9)
    expect(r.elapsed).toBe(clock.t)
    // 6 ms of warm-up per kernel, then 5 rounds of two 1 ms batches; chunks overshoot a little.
    expect(r.elapsed).toBeGreaterThanOrEqual(22)
    expect(r.elapsed).toBeLessThan(25)
  })

  test('a kernel a thousand times slower does not dominate: the geometric mean weighs them alike', () => {
    const clock = new FakeClock()
    const r = measureKernels([fakeKernel('fast', 1, clock), fakeKernel('slow', 1000, clock)], { clock })
    expect(r.ns).toBeCloseTo(Math.sqrt(1000), 6)
  })

  test('a stalled chunk (a GC pause, the thread descheduled) does not count', () => {
    const clock = new FakeClock()
    const kernels = [fakeKernel('a', 2, clock, { at: 15, ms: 0.5 }), fakeKernel('b', 3, clock)]
    const r = measureKernels(kernels, { clock })
    expect(r.rounds).toBe(5)
    expect(r.kernels.a).toBeCloseTo(2, 9)
    expect(r.ns).toBeCloseTo(Math.sqrt(6), 9)
  })

  test('budget: a round that overruns it is dropped and no further round starts', () => {
    const clock = new FakeClock()
    // Warm-up ends after 12 ms, each round takes about 2 ms: the stall lands in the third
    // round's batch of "b" and pushes past the 100 ms budget.
    const kernels = [fakeKernel('a', 2, clock), fakeKernel('b', 3, clock, { at: 17, ms: 200 })]
    const r = measureKernels(kernels, { clock })
    expect(r.rounds).toBe(2)
    expect(r.kernels.a).toBeCloseTo(2, 9)
    expect(r.kernels.b).toBeCloseTo(3, 9)
    // The batch was abandoned at the stall: about 18 ms of work plus the 200 ms stall.
    expect(r.elapsed).toBeGreaterThan(200)
    expect(r.elapsed).toBeLessThan(220)
  })

  test('budget: the first round is kept even when it alone overruns', () => {
    const clock = new FakeClock()
    const kernels = [fakeKernel('a', 2, clock, { at: 12, ms: 500 }), fakeKernel('b', 3, clock)]
    const r = measureKernels(kernels, { clock, budget: 100 })
    expect(r.rounds).toBe(1)
    expect(r.kernels.a).toBeCloseTo(2, 9)
    expect(r.kernels.b).toBeCloseTo(3, 9)
  })

  test('budget: a warm-up stretched past it is cut short, and one round still runs', () => {
    const clock = new FakeClock()
    const kernels = [fakeKernel('a', 2, clock, { at: 2, ms: 150 }), fakeKernel('b', 3, clock)]
    const r = measureKernels(kernels, { clock })
    expect(r.rounds).toBe(1)
    expect(r.kernels.b).toBeCloseTo(3, 9)
    // About 3 ms of warm-up, the stall, then one round of two 1 ms batches: nothing more.
    expect(r.elapsed).toBeLessThan(3 + 150 + 2 + 1)
  })

  test('budget: rounds stop before one would not fit', () => {
    const clock = new FakeClock()
    const r = measureKernels([fakeKernel('a', 2, clock), fakeKernel('b', 3, clock)], { clock, budget: 10, rounds: 1000 })
    expect(r.rounds).toBeGreaterThanOrEqual(1)
    expect(r.rounds).toBeLessThan(1000)
    expect(r.elapsed).toBeLessThanOrEqual(10)
    expect(r.kernels.a).toBeCloseTo(2, 9)
  })

  test('a clock coarser than a chunk still gives the right figure', () => {
    const fine = new FakeClock()
    const coarse = { now: () => Math.floor(fine.t) } // 1 ms ticks, chunks last 0.05-0.1 ms
    const r = measureKernels([fakeKernel('a', 2, fine), fakeKernel('b', 8, fine)], { clock: coarse })
    expect(r.ns).toBeGreaterThan(4 * 0.8)
    expect(r.ns).toBeLessThan(4 * 1.25)
  })

  test('a clock that never advances is an error, not an endless loop', () => {
    const frozen = { now: () => 0 }
    expect(() => measureKernels([{ name: 'x', run: (n) => n }], { clock: frozen })).toThrow(/did not advance/)
  })

  test('options are checked', () => {
    expect(() => measureSpeedReference({ budget: 0 })).toThrow(TypeError)
    expect(() => measureSpeedReference({ budget: Number.NaN })).toThrow(/options\.budget/)
    expect(() => measureSpeedReference({ rounds: 1.5 })).toThrow(/options\.rounds/)
    expect(() => measureSpeedReference({ rounds: 0 })).toThrow(/options\.rounds/)
    expect(() => measureSpeedReference({ clock: {} as never })).toThrow(/options\.clock/)
    expect(() => measureSpeedReference({ time: 5 } as never)).toThrow(/unknown speed reference option "time"/)
    expect(() => measureKernels([], {})).toThrow(/kernels/)
  })
})

describe('summarizeSpeedRounds', () => {
  test('per-kernel median over rounds, geometric mean of the medians, spread of the round means', () => {
    const rows = [
      [10, 100],
      [12, 100],
      [11, 100],
      [30, 100],
      [9, 100],
    ]
    const s = summarizeSpeedRounds(['a', 'b'], rows)
    expect(s.rounds).toBe(5)
    expect(s.kernels).toEqual({ a: 11, b: 100 })
    expect(s.ns).toBeCloseTo(Math.sqrt(11 * 100), 12)
    const means = rows.map(([a, b]) => Math.sqrt(a! * b!))
    expect(s.spread).toBeCloseTo((Math.sqrt(3000) - Math.sqrt(900)) / Math.sqrt(1100), 12)
    expect(Math.max(...means)).toBeCloseTo(Math.sqrt(3000), 12)
  })

  test('an even number of rounds takes the mean of the middle two', () => {
    const s = summarizeSpeedRounds(['a'], [[4], [1], [3], [2]])
    expect(s.kernels.a).toBe(2.5)
    expect(s.ns).toBeCloseTo(2.5, 12)
    expect(s.spread).toBeCloseTo(3 / 2.5, 12)
  })

  test('one round is enough; none is an error', () => {
    expect(summarizeSpeedRounds(['a', 'b'], [[2, 8]])).toEqual({ ns: 4, rounds: 1, spread: 0, kernels: { a: 2, b: 8 } })
    expect(() => summarizeSpeedRounds(['a'], [])).toThrow(RangeError)
  })
})

describe('speedRatio', () => {
  test('current over baseline: above 1 means this machine is slower', () => {
    expect(speedRatio(2, 4)).toBe(2)
    expect(speedRatio(4, 2)).toBe(0.5)
    expect(speedRatio(3.5, 3.5)).toBe(1)
  })

  test.each([Number.NaN, 0, -1, Number.POSITIVE_INFINITY, '5' as unknown as number, undefined as unknown as number])(
    'rejects %s, naming the argument',
    (bad) => {
      expect(() => speedRatio(bad, 1)).toThrow(TypeError)
      expect(() => speedRatio(bad, 1)).toThrow(/baseline/)
      expect(() => speedRatio(1, bad)).toThrow(/current/)
    },
  )
})

describe('the real reference', () => {
  test('finishes well within a second and gives a finite positive figure per kernel', () => {
    const t0 = performance.now()
    const r = measureSpeedReference()
    const wall = performance.now() - t0
    // Wide margins: this runs on busy shared machines, beside other test files.
    expect(wall).toBeLessThan(1000)
    expect(r.elapsed).toBeLessThan(1000)
    expect(r.rounds).toBeGreaterThanOrEqual(1)
    expect(r.rounds).toBeLessThanOrEqual(5)
    expect(Number.isFinite(r.ns) && r.ns > 0).toBe(true)
    expect(Object.keys(r.kernels)).toEqual(SPEED_KERNELS.map((k) => k.name))
    for (const ns of Object.values(r.kernels)) expect(Number.isFinite(ns) && ns > 0).toBe(true)
    expect(r.spread).toBeGreaterThanOrEqual(0)
  })

  test('readSpeedReference measures once per process and hands out the same frozen object', () => {
    const first = readSpeedReference()
    const second = readSpeedReference()
    expect(second).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(Object.isFrozen(first.kernels)).toBe(true)
  })

  test('readSpeedReferenceAgain takes another reading: the fastest of them all is the one handed out', () => {
    const before = readSpeedReference()
    for (let i = 0; i < 3; i++) {
      const best = readSpeedReference().ns
      readSpeedReferenceAgain()
      expect(readSpeedReference().ns).toBeLessThanOrEqual(best)
    }
    expect(readSpeedReference().ns).toBeLessThanOrEqual(before.ns)
    expect(Object.isFrozen(readSpeedReference())).toBe(true)
  })
})
