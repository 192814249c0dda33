import { describe, expect, test } from 'vitest'
import { bench, type StoppingRule } from '../src/index'
import { defaultStoppingRule } from '../src/measure/stopping-rule'
import { YIELD_INTERVAL } from '../src/measure/pacer'
import { setTestContext, type TestContext } from '../src/record/context'
import type { RecordEntry } from '../src/model/entries'
import { FakeClock } from './fake-clock'
import { largestGap, turnsDuring } from './support/event-loop-turns'

const stopAfter = (n: number): StoppingRule => ({ check: ({ samples }) => (samples >= n ? 'iterations' : undefined) })

describe('sampler driven by a fake clock', () => {
  test('a 2µs function is batched and its mean is exact', async () => {
    const clock = new FakeClock()
    const r = await bench('two micros', () => clock.advance(0.002), { clock })
    expect(r.sampling.mode).toBe('batched')
    expect(r.sampling.batchSize).toBe(25) // 50µs target sample / 2µs
    expect(r.latency.mean).toBeCloseTo(0.002, 12)
    expect(r.latency.p95).toBeCloseTo(0.002, 5)
    expect(r.latency.sd).toBeCloseTo(0, 12)
    expect(r.throughput.mean).toBeCloseTo(500_000, 3)
    expect(r.ops).toBe(r.samples * 25)
    expect(r.sampling.stoppedBy).toBe('precision')
    // warm-up of 100 ms by default, then at least half of the 300 ms budget
    expect(r.sampling.warmupTime).toBeGreaterThanOrEqual(100)
    expect(r.sampling.sampleTime).toBeGreaterThanOrEqual(150)
  })

  test('a 20µs function is timed per call', async () => {
    const clock = new FakeClock()
    const r = await bench('twenty micros', () => clock.advance(0.02), { clock, stoppingRule: stopAfter(50) })
    expect(r.sampling.mode).toBe('per-call')
    expect(r.sampling.batchSize).toBe(1)
    expect(r.samples).toBe(50)
    expect(r.latency.mean).toBeCloseTo(0.02, 12)
  })

  test('warm-up samples reach neither the stopping rule nor the result', async () => {
    const clock = new FakeClock()
    let calls = 0
    const seen: Array<{ samples: number; elapsed: number }> = []
    const r = await bench(
      'warm sampling',
      () => {
        calls++
        clock.advance(0.002)
      },
      {
        clock,
        stoppingRule: {
          check: ({ samples, elapsed }) => {
            seen.push({ samples, elapsed })
            return samples >= 3 ? 'iterations' : undefined
          },
        },
      },
    )
    // The stopping rule sees only kept samples, timed from the first kept one.
    expect(seen[0]!.samples).toBe(1)
    expect(seen[0]!.elapsed).toBeCloseTo(0.05, 9)
    expect(r.samples).toBe(3)
    expect(r.ops).toBe(75)
    // Warm-up: 100 ms of 2 µs calls in all, whatever share went to calibration.
    expect(r.sampling.warmupTime).toBeGreaterThanOrEqual(100)
    expect(calls - 1 - r.ops).toBeGreaterThanOrEqual(100 / 0.002)
  })

  test('the first call is reported apart as cold', async () => {
    const clock = new FakeClock()
    let calls = 0
    const r = await bench('cold start', () => clock.advance(calls++ === 0 ? 5 : 0.5), { clock, stoppingRule: stopAfter(20) })
    expect(r.cold).toBeCloseTo(5, 9)
    expect(r.latency.max).toBeCloseTo(0.5, 9)
  })

  test('percentiles follow the distribution', async () => {
    const clock = new FakeClock()
    let i = 0
    // 1..100 ms in turn: p50 ≈ 50, p95 ≈ 95, p99 ≈ 99 once warm-up is past
    const r = await bench('spread', () => clock.advance((i++ % 100) + 1), { clock, warmup: false, stoppingRule: stopAfter(1000) })
    expect(r.sampling.mode).toBe('per-call')
    expect(r.latency.min).toBe(1)
    expect(r.latency.max).toBe(100)
    expect(r.latency.p50).toBeCloseTo(50, -0.5)
    expect(r.latency.p95).toBeCloseTo(95, -0.5)
    expect(r.latency.p99).toBeCloseTo(99, -0.5)
    expect(r.latency.mean).toBeCloseTo(50.5, 0)
  })

  test('async functions are awaited and flagged', async () => {
    const clock = new FakeClock()
    const r = await bench('async', async () => {
      await Promise.resolve()
      clock.advance(1)
    }, { clock, stoppingRule: stopAfter(10) })
    expect(r.sampling.async).toBe(true)
    expect(r.latency.mean).toBeCloseTo(1, 9)
  })

  test('setup runs before the first call and teardown after the last', async () => {
    const clock = new FakeClock()
    const log: string[] = []
    await bench('lifecycle', () => { log.push('call'); clock.advance(1) }, {
      clock,
      stoppingRule: stopAfter(3),
      setup: () => { log.push('setup') },
      teardown: () => { log.push('teardown') },
    })
    expect(log[0]).toBe('setup')
    expect(log.at(-1)).toBe('teardown')
    expect(log.filter((l) => l === 'call').length).toBeGreaterThan(3)
  })
})

describe('default stopping rule', () => {
  const rule = defaultStoppingRule({ time: 300, minSamples: 10, targetRme: 1, minTime: 100 })
  test('waits for the minimum samples', () => {
    expect(rule.check({ elapsed: 1000, samples: 9, rme: 0 })).toBeUndefined()
  })
  test('stops early once precise enough after the minimum time', () => {
    expect(rule.check({ elapsed: 50, samples: 100, rme: 0.5 })).toBeUndefined()
    expect(rule.check({ elapsed: 120, samples: 100, rme: 0.5 })).toBe('precision')
  })
  test('stops at the budget when still imprecise', () => {
    expect(rule.check({ elapsed: 200, samples: 100, rme: 3 })).toBeUndefined()
    expect(rule.check({ elapsed: 300, samples: 100, rme: 3 })).toBe('time')
  })
})

/** Sets a test context for `body`, as a runner adapter would, and clears it after. */
async function inTest<T>(context: TestContext, body: () => Promise<T>): Promise<T> {
  setTestContext(context)
  try {
    return await body()
  } finally {
    setTestContext(undefined)
  }
}

describe('the event loop and stopping', () => {
  test('a synchronous function gives the event loop a turn every ~50 ms of measuring', async () => {
    const clock = new FakeClock()
    const turns = await turnsDuring(clock, () => bench('sync 1ms', () => clock.advance(1), { clock, time: '2s', warmup: '200ms' }))
    expect(clock.now()).toBeGreaterThan(1_000)
    // One 1 ms sample past the interval at most (the turn comes between samples, never inside one).
    expect(largestGap(turns)).toBeLessThanOrEqual(YIELD_INTERVAL + 1)
  })

  test('so does a batched function, and an async one that settles in microtasks', async () => {
    const clock = new FakeClock()
    const fast = await turnsDuring(clock, () => bench('sync 2µs', () => clock.advance(0.002), { clock, time: '1s', stoppingRule: { check: ({ elapsed }) => (elapsed >= 1_000 ? 'time' : undefined) } }))
    expect(largestGap(fast)).toBeLessThanOrEqual(YIELD_INTERVAL + 0.1)
    const asyncClock = new FakeClock()
    const microtasks = await turnsDuring(asyncClock, () => bench('async 1ms', async () => asyncClock.advance(1), { clock: asyncClock, time: '1s', stoppingRule: stopAfter(1_000) }))
    expect(largestGap(microtasks)).toBeLessThanOrEqual(YIELD_INTERVAL + 1)
  })

  test('an aborted signal stops the bench within one interval, naming it and the reason', async () => {
    const clock = new FakeClock()
    const controller = new AbortController()
    let calls = 0
    let abortedAt = Number.NaN
    const watch = setInterval(() => {
      if (clock.now() >= 300 && !controller.signal.aborted) {
        abortedAt = clock.now()
        controller.abort(new Error('enough'))
      }
    }, 0)
    const run = bench('long', () => (calls++, clock.advance(1)), { clock, time: '10min', signal: controller.signal })
    await expect(run).rejects.toThrow(/^bench "long" failed: stopped before it finished: enough$/)
    clearInterval(watch)
    expect(clock.now() - abortedAt).toBeLessThanOrEqual(YIELD_INTERVAL + 1)
    const after = calls
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(calls).toBe(after)
  })

  test('an already aborted signal: fn is never called', async () => {
    let calls = 0
    await expect(bench('never', () => calls++, { signal: AbortSignal.abort(new Error('cancelled')) })).rejects.toThrow(/bench "never" failed: stopped before it finished: cancelled/)
    expect(calls).toBe(0)
  })

  test('an awaited call that never settles is abandoned once the signal aborts', async () => {
    const clock = new FakeClock()
    const controller = new AbortController()
    let calls = 0
    const fn = () => (calls++ < 200 ? (clock.advance(1), Promise.resolve()) : new Promise(() => undefined))
    // With the call hanging the event loop is idle: a timer can abort.
    setTimeout(() => controller.abort(new Error('test timed out')), 30)
    await expect(bench('hangs', fn, { clock, warmup: false, time: '10s', signal: controller.signal })).rejects.toThrow(/bench "hangs" failed: stopped before it finished: test timed out/)
  })

  test("the test's own signal stops the bench, and the failure goes to that test even after it ended", async () => {
    const clock = new FakeClock()
    const ended = new AbortController()
    const entries: RecordEntry[] = []
    const watch = setInterval(() => {
      if (clock.now() >= 200 && !ended.signal.aborted) {
        ended.abort(new Error('Test timed out in 500ms.'))
        setTestContext({ file: 'next.test.ts', titlePath: ['next'], entries: [] })
      }
    }, 0)
    const run = inTest({ file: 'a.test.ts', titlePath: ['slow'], entries, signal: ended.signal }, () => bench('in a test', () => clock.advance(1), { clock, time: '10min' }))
    await expect(run).rejects.toThrow(/bench "in a test" failed: stopped before it finished: Test timed out in 500ms\./)
    clearInterval(watch)
    expect(entries).toEqual([{ kind: 'bench', id: 'a.test.ts > slow > in a test', name: 'in a test', error: 'stopped before it finished: Test timed out in 500ms.' }])
  })

  // Vitest sends a test's meta to the reporter as soon as the test has timed out, which can be
  // before a bench awaiting something resumes: what it records after that never arrives.
  test("a bench cut off by its test's timeout is recorded the moment the test's signal aborts, before it resumes", async () => {
    const ended = new AbortController()
    const entries: RecordEntry[] = []
    let resume = () => undefined as void
    const run = inTest({ file: 'a.test.ts', titlePath: ['slow'], entries, signal: ended.signal }, () =>
      bench('waits', () => 1, { setup: () => new Promise<void>((done) => (resume = done)) }),
    )
    await Promise.resolve()
    ended.abort(new Error('Test timed out in 200ms.'))
    // Synchronously, as the runner's timeout callback returns: nothing of the bench has run since.
    expect(entries).toEqual([{ kind: 'bench', id: 'a.test.ts > slow > waits', name: 'waits', error: 'stopped before it finished: Test timed out in 200ms.' }])
    resume()
    await expect(run).rejects.toThrow(/bench "waits" failed: stopped before it finished: Test timed out in 200ms\./)
    expect(entries).toHaveLength(1)
  })

  test('a measurement that finishes after the stop (its last step does not check the signal) is not recorded as a result', async () => {
    const clock = new FakeClock()
    const ended = new AbortController()
    const entries: RecordEntry[] = []
    // The stopping rule says "enough" as the test's signal aborts: the loop then returns normally.
    const rule: StoppingRule = {
      check: ({ samples }) => {
        if (samples < 5) return undefined
        ended.abort(new Error('Test timed out in 200ms.'))
        return 'iterations'
      },
    }
    const run = inTest({ file: 'a.test.ts', titlePath: ['late'], entries, signal: ended.signal }, () => bench('late', () => clock.advance(1), { clock, warmup: false, stoppingRule: rule }))
    await expect(run).rejects.toThrow(/bench "late" failed: stopped before it finished: Test timed out in 200ms\./)
    expect(entries).toEqual([{ kind: 'bench', id: 'a.test.ts > late > late', name: 'late', error: 'stopped before it finished: Test timed out in 200ms.' }])
  })
})

describe('failures', () => {
  test('a throwing function fails the bench with its name and error', async () => {
    await expect(bench('explodes', () => { throw new Error('boom') })).rejects.toThrow('bench "explodes" failed: boom')
  })
  test('a rejecting async function fails the bench too', async () => {
    await expect(bench('rejects', async () => { throw new Error('nope') })).rejects.toThrow(/bench "rejects" failed: nope/)
  })
  test('a throwing setup names the bench and the setup; teardown still runs', async () => {
    let tornDown = false
    const run = bench('setup fails', () => 1, { setup: () => { throw new Error('no db') }, teardown: () => { tornDown = true } })
    await expect(run).rejects.toThrow(/^bench "setup fails" failed: setup threw: no db$/)
    expect(tornDown).toBe(true)
  })
  test('when fn and teardown both throw, both errors show', async () => {
    const fnError = new Error('boom')
    const teardownError = new Error('disconnect failed')
    const error = await bench('both', () => { throw fnError }, { time: 5, teardown: () => { throw teardownError } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AggregateError)
    expect((error as AggregateError).message).toBe('bench "both" failed: boom; then teardown threw: disconnect failed')
    expect((error as AggregateError).errors).toEqual([fnError, teardownError])
    expect((error as AggregateError).cause).toBe(fnError)
  })
  test('a throwing teardown fails the bench, and it is recorded as failed, without a result', async () => {
    const clock = new FakeClock()
    const entries: RecordEntry[] = []
    const run = inTest({ file: 'a.test.ts', titlePath: ['t'], entries }, () =>
      bench('teardown fails', () => clock.advance(1), { clock, stoppingRule: stopAfter(3), teardown: async () => { throw new Error('leaked handle') } }),
    )
    await expect(run).rejects.toThrow(/^bench "teardown fails" failed: teardown threw: leaked handle$/)
    expect(entries).toEqual([{ kind: 'bench', id: 'a.test.ts > t > teardown fails', name: 'teardown fails', error: 'teardown threw: leaked handle' }])
  })
})

describe('bad input', () => {
  const fn = () => 1
  test.each([
    [() => bench('', fn), /name.*non-empty string/],
    [() => bench(42 as unknown as string, fn), /name/],
    [() => bench('x', 'nope' as unknown as () => void), /bench\("x"\) needs a function/],
    [() => bench('x', fn, { time: 'soon' }), /option "time".*'5ms'/],
    [() => bench('x', fn, { time: '1m' }), /option "time" "1m" is ambiguous: write '1min' for minutes or '1ms' for milliseconds/],
    [() => bench('x', fn, { warmup: -5 }), /option "warmup"/],
    [() => bench('x', fn, { iterations: 0 }), /option "iterations"/],
    [() => bench('x', fn, { fast: true } as never), /unknown bench\(\) option "fast"/],
    [() => bench('x', fn, { rate: '200/s' }), /"rate" needs "duration"/],
    [() => bench('x', fn, { rate: 'fast', duration: '1s' }), /option "rate".*'500\/s'/],
    [() => bench('x', fn, { concurrency: 0 }), /option "concurrency"/],
    [() => bench('x', fn, { baseline: { metric: 'p42' as never } }), /baseline.metric/],
    [() => bench('x', fn, { baseline: { threshold: 20 } }), /baseline.threshold" 20 is ambiguous/],
    [() => bench('x', fn, { baseline: { metrc: 'p95' } as never }), /unknown bench\(\) baseline option "metrc"; accepted options: metric, threshold/],
    [() => bench('x', fn, { cpu: 'yes' as never }), /option "cpu"/],
    // Absurd budgets and sizes: refused, not a benchmark that never returns.
    [() => bench('x', fn, { time: 1e308 }), /option "time" must be a positive duration of at most '10min'/],
    [() => bench('x', fn, { time: '11min' }), /option "time".*at most '10min'/],
    [() => bench('x', fn, { time: Number.POSITIVE_INFINITY }), /option "time"/],
    [() => bench('x', fn, { time: Number.NaN }), /option "time"/],
    [() => bench('x', fn, { time: 0 }), /option "time" must be a positive duration/],
    [() => bench('x', fn, { warmup: '1000000000s' }), /option "warmup".*at most '10min'/],
    [() => bench('x', fn, { iterations: 1e9 }), /option "iterations" must be a whole number from 1 to 1000000/],
    [() => bench('x', fn, { iterations: Number.POSITIVE_INFINITY }), /option "iterations"/],
    [() => bench('x', fn, { items: 1e300 }), /option "items"/],
    [() => bench('x', fn, { cpu: { pid: 1e300 } }), /option "cpu"/],
    [() => bench('x', fn, { signal: 'stop' as never }), /option "signal" must be an AbortSignal/],
    [() => bench('x', fn, { callTimeout: '1s' }), /"callTimeout" bounds the calls of a load run and goes with "concurrency" or "rate"/],
  ])('%# rejects with a TypeError naming the argument', async (call, message) => {
    await expect(call()).rejects.toThrow(TypeError)
    await expect(call()).rejects.toThrow(message)
  })
})
