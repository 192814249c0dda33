import { describe, expect, test } from 'vitest'
import { bench } from '../src/bench'
import { benchTogether } from '../src/bench-together'
import { ClockError, guardedClock, STALLED_CLOCK_LIMIT } from '../src/measure/clock-guard'
import type { Clock } from '../src/measure/clock'
import { FakeClock } from './fake-clock'

// A custom clock that cannot time anything used to hang bench(): its loops wait for time to pass.
// Each of these finishes in well under a second, the constant clock within the stall limit.

describe('guardedClock', () => {
  test('passes readings that grow or repeat for a while through', () => {
    let t = 0
    let real = 0
    const clock = guardedClock({ now: () => t }, 'option "clock"', { realNow: () => real })
    expect(clock.now()).toBe(0)
    real = STALLED_CLOCK_LIMIT - 1
    expect(clock.now()).toBe(0)
    t = 2.5
    real += STALLED_CLOCK_LIMIT - 1
    expect(clock.now()).toBe(2.5)
  })

  test('a reading that is not a finite number of at least 0: a TypeError naming the clock and the reading', () => {
    for (const [reading, shown] of [[Number.NaN, 'NaN'], [Number.POSITIVE_INFINITY, 'Infinity'], [-1, '-1'], ['12', '"12"'], [undefined, 'undefined']] as const) {
      const clock = guardedClock({ now: () => reading as number }, 'option "clock"')
      expect(() => clock.now()).toThrow(TypeError)
      expect(() => clock.now()).toThrow(`option "clock": its now() returned ${shown}; a clock reads milliseconds as a finite number of at least 0 that grows with time, e.g. { now: () => performance.now() }`)
    }
  })

  test('a clock going backwards', () => {
    const readings = [10, 12, 11]
    const clock = guardedClock(new (class MyClock implements Clock { now = () => readings.shift()! })(), 'option "clock"')
    clock.now()
    clock.now()
    expect(() => clock.now()).toThrow(/^option "clock" \(MyClock\): its now\(\) went backwards, from 12 to 11; /)
  })

  test('a clock that returns the same reading for the stall limit of real time', () => {
    let real = 0
    const clock = guardedClock({ now: () => 7 }, 'option "clock"', { realNow: () => real })
    clock.now()
    real = STALLED_CLOCK_LIMIT - 1
    clock.now()
    real = STALLED_CLOCK_LIMIT
    const error = (() => {
      try {
        clock.now()
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ClockError)
    expect((error as Error).message).toBe(
      `option "clock": its now() returned 7 for ${STALLED_CLOCK_LIMIT} ms of real time (3 readings), so no time passes for the measurement; a fake clock must be advanced by the measured code. A clock reads milliseconds as a finite number of at least 0 that grows with time, e.g. { now: () => performance.now() }`,
    )
  })
})

describe('bench() with a clock that cannot time', () => {
  test.each([
    ['NaN', () => Number.NaN, /returned NaN/],
    ['a string', () => 'soon' as unknown as number, /returned "soon"/],
    ['a negative reading', () => -5, /returned -5/],
  ])('%s: rejects at once with a TypeError naming the bench and the clock', async (_what, now, message) => {
    const error = await bench('timed', () => 1, { clock: { now } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toMatch(/^bench "timed" failed: option "clock": its now\(\) /)
    expect((error as Error).message).toMatch(message)
  })

  test('a clock going backwards rejects at once', async () => {
    let t = 1_000
    const started = performance.now()
    await expect(bench('timed', () => 1, { clock: { now: () => (t -= 0.001) } })).rejects.toThrow(/bench "timed" failed: option "clock": its now\(\) went backwards, from 999\.999 to 999\.998; /)
    expect(performance.now() - started).toBeLessThan(STALLED_CLOCK_LIMIT)
  })

  test('a constant clock rejects once it has stood still for the stall limit, not never', async () => {
    const started = performance.now()
    const error = await bench('timed', () => 1, { clock: { now: () => 42 }, time: '10ms' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toMatch(/^bench "timed" failed: option "clock": its now\(\) returned 42 for \d+ ms of real time/)
    // Generous: a loaded machine may take a while over its last batch of calls.
    expect(performance.now() - started).toBeLessThan(10_000)
  }, 15_000)

  test('under a load run too', async () => {
    await expect(bench('load', async () => 1, { clock: { now: () => Number.NaN }, concurrency: 2, time: '10ms' })).rejects.toThrow(/option "clock": its now\(\) returned NaN/)
    const error = await bench('load', async () => 1, { clock: { now: () => 3 }, concurrency: 2, time: '10ms', warmup: false }).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/option "clock": its now\(\) returned 3 for \d+ ms of real time/)
  }, 15_000)

  test('a fake clock that only the measured code advances is fine', async () => {
    const clock = new FakeClock()
    const r = await bench('stepped', () => clock.advance(0.01), { clock, time: '20ms', warmup: '5ms' })
    expect(r.latency.p50).toBeCloseTo(0.01, 5)
  })
})

describe('benchTogether() with a clock that cannot time', () => {
  test('NaN rejects at once; a constant clock once it has stood still for the stall limit, not never; neither is blamed on a function', async () => {
    const fns = { a: () => 1, b: () => 2 }
    const nan = await benchTogether(fns, { clock: { now: () => Number.NaN } }).catch((e: unknown) => e)
    expect((nan as Error).message).toMatch(/^bench "a", "b" failed: option "clock": its now\(\) returned NaN/)
    const started = performance.now()
    const constant = await benchTogether(fns, { clock: { now: () => 42 }, time: '10ms' }).catch((e: unknown) => e)
    expect((constant as Error).message).toMatch(/option "clock": its now\(\) returned 42 for \d+ ms of real time/)
    // Generous: a loaded machine may take a while over its last batch of calls.
    expect(performance.now() - started).toBeLessThan(10_000)
  }, 15_000)
})
