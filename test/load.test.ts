import { describe, expect, test } from 'vitest'
import { bench } from '../src/bench'
import { timerScheduler } from '../src/measure/load/scheduler'
import { systemClock } from '../src/measure/clock'
import { YIELD_INTERVAL } from '../src/measure/pacer'
import { seededRandom as seeded } from '../src/analyse/random'
import { FakeClock } from './fake-clock'
import { largestGap, turnsDuring } from './support/event-loop-turns'
import { VirtualTime } from './support/virtual-time'

/**
 * A service answering in `serviceTime` ms that freezes once, from `stallAt` for `stallFor` ms:
 * every call arriving in that window completes only when it ends.
 */
function stallingService(time: VirtualTime, { serviceTime = 1, stallAt = 2_000, stallFor = 500 } = {}) {
  return async () => {
    const now = time.now()
    const stalled = now >= stallAt && now < stallAt + stallFor
    await time.sleepUntil((stalled ? stallAt + stallFor : now) + serviceTime)
  }
}

function virtual() {
  const time = new VirtualTime()
  return { time, options: { clock: time, scheduler: time, warmup: false as const } }
}

describe('open model (rate + duration)', () => {
  test('a 500 ms stall shows in the p99, where a closed model with one call in flight hides it', async () => {
    const openRun = virtual()
    const open = await bench('stall, open', stallingService(openRun.time), { ...openRun.options, rate: '200/s', duration: '5s' })
    const closedRun = virtual()
    const closed = await bench('stall, closed', stallingService(closedRun.time), { ...closedRun.options, concurrency: 1, time: '5s' })

    // Open: 100 of the 1,000 calls were scheduled inside the stall and waited up to 500 ms.
    expect(open.load).toMatchObject({ model: 'open', rate: 200, duration: 5_000, started: 1_000, completed: 1_000, late: 0 })
    expect(open.latency.p99).toBeGreaterThan(300)
    expect(open.latency.p99).toBeLessThan(510)
    expect(open.latency.p50).toBeCloseTo(1, 1)
    expect(open.load!.inFlightPeak).toBeGreaterThanOrEqual(100)

    // Closed: one call waited 500 ms and thousands of others took 1 ms; only the max tells.
    expect(closed.load).toMatchObject({ model: 'closed', concurrency: 1, inFlightPeak: 1 })
    expect(closed.latency.p99).toBeLessThan(2)
    expect(closed.latency.max).toBeGreaterThan(490)
    expect(closed.samples).toBeGreaterThan(4_000)
  })

  test('starts that wait for a free slot under maxInFlight are counted late, and their wait is in their latency', async () => {
    const { time, options } = virtual()
    const r = await bench('stall, bounded', stallingService(time), { ...options, rate: '200/s', duration: '5s', maxInFlight: 10 })
    expect(r.load!.inFlightPeak).toBe(10)
    // 100 starts fall inside the 500 ms stall; 10 take the free slots, the other ~90 wait.
    expect(r.load!.late).toBeGreaterThanOrEqual(85)
    expect(r.load!.late).toBeLessThanOrEqual(95)
    expect(r.load!.maxLateness).toBeGreaterThan(400)
    expect(r.latency.p99).toBeGreaterThan(300)
    expect(r.load!.started).toBe(1_000)
  })

  test('a steady service at a rate it sustains: throughput matches the rate, nothing late', async () => {
    const { time, options } = virtual()
    const r = await bench('steady', () => time.sleep(3), { ...options, rate: '100/s', duration: '2s' })
    expect(r.load).toMatchObject({ started: 200, completed: 200, late: 0, inFlightPeak: 1, maxInFlight: 1000 })
    expect(r.throughput.mean).toBeCloseTo(100, 0)
    expect(r.latency.p50).toBeCloseTo(3, 1)
    expect(r.errors).toEqual({ count: 0, rate: 0, timedOut: 0, messages: [] })
  })
})

describe('closed model (concurrency)', () => {
  test('keeps N calls in flight; throughput is completed calls per second', async () => {
    const { time, options } = virtual()
    const r = await bench('fixed 10 ms', () => time.sleep(10), { ...options, concurrency: 8, time: '1s' })
    expect(r.load).toMatchObject({ model: 'closed', concurrency: 8, inFlightPeak: 8, duration: 1_000 })
    expect(r.throughput.mean).toBeCloseTo(800, -1)
    expect(r.latency.p95).toBeCloseTo(10, 1)
    expect(r.cold).toBeCloseTo(10, 6)
  })

  test('warm-up runs under the same load and is not measured', async () => {
    const time = new VirtualTime()
    let calls = 0
    const r = await bench('warmed', () => (calls++, time.sleep(10)), { clock: time, scheduler: time, concurrency: 4, time: '200ms', warmup: '100ms' })
    expect(r.sampling.warmupTime).toBeCloseTo(100, 0)
    expect(r.ops).toBe(80)
    expect(calls).toBe(1 + 40 + 80) // cold call, warm-up, measured
  })
})

describe('errors under load', () => {
  // Values that String() cannot turn into text: a load run that met one used to throw inside
  // perfspec and never end.
  const unprintable: Array<[string, () => unknown]> = [
    ['an object without a prototype', () => Object.create(null)],
    ['a Proxy', () => new Proxy({}, { get: () => { throw new Error('no') } })],
    ['an object whose toString throws', () => ({ toString: () => { throw new Error('no') } })],
    ['a revoked Proxy', () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy }],
  ]
  test.each(unprintable)('a call that rejects with %s is counted as failed, and the run ends', async (_what, value) => {
    for (const load of [{ concurrency: 2, time: '20ms' }, { rate: '200/s', duration: '50ms' }] as const) {
      // Every call failed: the bench fails, saying what the first threw.
      await expect(bench('unprintable', async () => { throw value() }, { ...load, warmup: false })).rejects.toThrow(/all [\d,]+ calls failed under load; first error: .*cannot be turned into text/)
      // Some failed: counted, with their message.
      let n = 0
      const r = await bench('sometimes', async () => { if (n++ % 2) throw value() }, { ...load, warmup: false })
      expect(r.errors!.count).toBeGreaterThan(0)
      expect(r.errors!.messages?.[0]).toMatch(/cannot be turned into text/)
    }
    await expect(bench('sync', () => { throw value() }, { time: '10ms', warmup: false })).rejects.toThrow(/bench "sync" failed: .*cannot be turned into text/)
    // Thrown by setup or teardown: the bench fails, saying so; the next bench is not told it ran beside another.
    await expect(bench('setup', () => 1, { time: '10ms', warmup: false, setup: () => { throw value() } })).rejects.toThrow(/setup threw: .*cannot be turned into text/)
    await expect(bench('teardown', () => 1, { time: '10ms', warmup: false, teardown: () => { throw value() } })).rejects.toThrow(/teardown threw: .*cannot be turned into text/)
    const next = await bench('next', () => 1, { time: '10ms', warmup: false })
    expect(next.warnings ?? []).not.toContainEqual(expect.stringMatching(/at the same time/))
  })

  const failing = (time: VirtualTime, rate: number, seed: number) => {
    const random = seeded(seed)
    return async () => {
      await time.sleep(2)
      const roll = random()
      if (roll < rate / 2) throw new Error('ECONNRESET')
      if (roll < rate) throw new TypeError('bad response')
    }
  }

  test.each([
    ['closed', { concurrency: 10, time: '3s' }],
    ['open', { rate: '1000/s', duration: '3s' }],
  ] as const)('%s model: failures are counted at the injected rate, with distinct messages', async (_model, load) => {
    const { time, options } = virtual()
    const r = await bench('flaky', failing(time, 0.05, 42), { ...options, ...load })
    expect(r.ops).toBeGreaterThan(2_900)
    expect(r.errors!.rate).toBeGreaterThan(0.04)
    expect(r.errors!.rate).toBeLessThan(0.06)
    expect(r.errors!.count).toBe(Math.round(r.errors!.rate * r.ops))
    expect(r.samples).toBe(r.ops - r.errors!.count) // latencies are of successful calls
    expect(new Set(r.errors!.messages)).toEqual(new Set(['Error: ECONNRESET', 'TypeError: bad response']))
  })

  test('a run in which every call fails is an error naming the bench and the first failure', async () => {
    const { time, options } = virtual()
    const fn = async () => {
      await time.sleep(1)
      throw new Error('connection refused')
    }
    await expect(bench('down', fn, { ...options, concurrency: 2, time: '50ms' })).rejects.toThrow(/bench "down" failed: all \d+ calls failed under load; first error: Error: connection refused/)
  })

  test('a failing cold call is noted, not counted', async () => {
    const { time, options } = virtual()
    let n = 0
    const fn = async () => {
      await time.sleep(1)
      if (n++ === 0) throw new Error('not connected yet')
    }
    const r = await bench('first fails', fn, { ...options, concurrency: 1, time: '100ms' })
    expect(r.errors!.count).toBe(0)
    expect(r.warnings.join('\n')).toMatch(/first \(cold\) call failed.*not connected yet/)
  })

  test('outside load mode a throw still fails the bench', async () => {
    await expect(bench('throws', () => { throw new Error('boom') }, { time: 5, warmup: false })).rejects.toThrow(/bench "throws" failed: boom/)
  })
})

describe('calls that never settle', () => {
  // Before calls could time out, each of these runs never returned: the tests fail by their timeout.
  const never = () => new Promise<void>(() => undefined)

  test('closed model: a hung call times out at callTimeout, is counted, and its worker goes on', { timeout: 10_000 }, async () => {
    const { time, options } = virtual()
    let n = 0
    const fn = () => (n++ % 10 === 5 ? never() : time.sleep(2))
    const r = await bench('sometimes hangs', fn, { ...options, concurrency: 4, time: '1s', callTimeout: '100ms' })
    // Each worker: ~9 calls of 2 ms, then one that hangs 100 ms: ~9 timeouts per worker in 1 s.
    expect(r.errors!.timedOut).toBeGreaterThanOrEqual(30)
    expect(r.errors!.timedOut).toBeLessThanOrEqual(40)
    expect(r.errors!.count).toBe(r.errors!.timedOut)
    expect(r.errors!.messages).toEqual(['TimeoutError: did not settle within 100ms (callTimeout)'])
    expect(r.samples).toBe(r.ops - r.errors!.count)
    // The run ends at most one call timeout after its budget.
    expect(r.sampling.sampleTime).toBeLessThanOrEqual(1_000 + 100)
    expect(r.warnings.join('\n')).toMatch(/\d+ of [\d,]+ calls did not settle within 100ms \(callTimeout\) and were counted as failed \(errors\.timedOut\); they were abandoned, not cancelled/)
  })

  test('open model: calls that hang from mid-run time out from their scheduled start', { timeout: 10_000 }, async () => {
    const { time, options } = virtual()
    const fn = () => (time.now() >= 500 ? never() : time.sleep(1))
    const r = await bench('hangs from 500 ms', fn, { ...options, rate: '100/s', duration: '1s', callTimeout: '200ms' })
    expect(r.load).toMatchObject({ started: 100, completed: 100 })
    expect(r.errors!.timedOut).toBe(50)
    expect(r.errors!.rate).toBeCloseTo(0.5, 9)
    expect(r.load!.elapsed).toBeLessThanOrEqual(1_000 + 200)
  })

  test('the default call timeout is 10 s', { timeout: 10_000 }, async () => {
    const { time, options } = virtual()
    let n = 0
    const r = await bench('one hangs', () => (n++ === 3 ? never() : time.sleep(5)), { ...options, concurrency: 2, time: '1s' })
    expect(r.errors!.timedOut).toBe(1)
    expect(r.errors!.messages).toEqual(['TimeoutError: did not settle within 10.0s (callTimeout)'])
    expect(r.sampling.sampleTime).toBeGreaterThanOrEqual(10_000)
    expect(r.sampling.sampleTime).toBeLessThanOrEqual(11_000)
  })

  test('a run in which every call hangs fails, saying so', { timeout: 10_000 }, async () => {
    const { options } = virtual()
    await expect(bench('down', never, { ...options, concurrency: 3, time: '100ms', callTimeout: '50ms' })).rejects.toThrow(
      /bench "down" failed: all \d+ calls failed under load; first error: TimeoutError: did not settle within 50\.0ms \(callTimeout\)/,
    )
  })

  test('an aborted signal stops a load run at once, hung calls and all', { timeout: 10_000 }, async () => {
    const { time, options } = virtual()
    const controller = new AbortController()
    void time.sleepUntil(300).then(() => controller.abort(new Error('test ended')))
    let n = 0
    // Every worker is soon stuck on a hung call, 10 s (the default call timeout) from giving up.
    const fn = () => (n++ % 2 ? never() : time.sleep(1))
    await expect(bench('stopped', fn, { ...options, concurrency: 4, time: '5s', signal: controller.signal })).rejects.toThrow(/bench "stopped" failed: stopped before it finished: test ended/)
    expect(time.now()).toBe(300)
  })
})

describe('the event loop during a load run', () => {
  test('closed model: calls that settle in microtasks still let the event loop turn every ~50 ms', async () => {
    const clock = new FakeClock()
    const turns = await turnsDuring(clock, () => bench('microtasks', async () => clock.advance(0.01), { clock, scheduler: timerScheduler(clock), warmup: false, concurrency: 4, time: '1s' }))
    expect(clock.now()).toBeGreaterThan(1_000)
    expect(largestGap(turns)).toBeLessThanOrEqual(YIELD_INTERVAL + 0.1)
  })

  test('the timer scheduler gives the event loop a turn even for a time already past', async () => {
    let turned = false
    setImmediate(() => (turned = true))
    await timerScheduler(systemClock).sleepUntil(systemClock.now() - 5)
    expect(turned).toBe(true)
  })
})

describe('items', () => {
  test('per-item latency and throughput beside the per-call figures', async () => {
    const { time, options } = virtual()
    const r = await bench('upload batch of 50', () => time.sleep(25), { ...options, concurrency: 2, time: '1s', items: 50 })
    expect(r.throughput.mean).toBeCloseTo(80, 0)
    expect(r.perItem!.items).toBe(50)
    expect(r.perItem!.throughput.mean).toBeCloseTo(4_000, -1)
    expect(r.perItem!.latency.mean).toBeCloseTo(0.5, 3)
    expect(r.perItem!.latency.p95).toBeCloseTo(r.latency.p95 / 50, 9)
  })

  test('no per-item figures without items', async () => {
    const { time, options } = virtual()
    const r = await bench('single', () => time.sleep(1), { ...options, concurrency: 1, time: '10ms' })
    expect(r.perItem).toBeUndefined()
  })
})

describe('bad load options', () => {
  test.each([
    [{ rate: '200/s' }, /"rate" needs "duration".*duration: '10s'/],
    [{ duration: '10s' }, /"duration" goes with "rate"/],
    [{ concurrency: 0 }, /option "concurrency" must be a whole number from 1 to 100000, such as 50; received 0/],
    [{ concurrency: -4 }, /option "concurrency"/],
    [{ concurrency: 2.5 }, /option "concurrency"/],
    [{ rate: 'fast', duration: '1s' }, /option "rate" must be a rate such as .*'500\/s'.*received "fast"/],
    [{ rate: 0, duration: '1s' }, /option "rate"/],
    [{ rate: '10/s', duration: '1s', concurrency: 4 }, /"rate" and "concurrency" exclude each other/],
    [{ rate: '10/s', duration: '1s', maxInFlight: 0 }, /option "maxInFlight"/],
    [{ concurrency: 2, items: 0 }, /option "items"/],
    [{ concurrency: 2, maxInFlight: 10 }, /"maxInFlight" bounds the open model and goes with "rate"/],
    [{ concurrency: 2, scheduler: {} }, /option "scheduler".*sleepUntil/],
    [{ concurrency: 1e6 }, /option "concurrency" must be a whole number from 1 to 100000/],
    [{ rate: '2M/s', duration: '1s' }, /option "rate" must be a positive rate of at most '1M\/s'/],
    [{ rate: 1e308, duration: '1s' }, /option "rate"/],
    [{ rate: '10/s', duration: 1e308 }, /option "duration" must be a positive duration of at most '10min'/],
    [{ rate: '10/s', duration: '1s', maxInFlight: 1e9 }, /option "maxInFlight" must be a whole number from 1 to 100000/],
    [{ concurrency: 2, callTimeout: '1h' }, /option "callTimeout"/],
    [{ concurrency: 2, callTimeout: 0 }, /option "callTimeout" must be a positive duration/],
    [{ concurrency: 2, callTimeout: '11min' }, /option "callTimeout" must be a positive duration of at most '10min'/],
  ])('%o → TypeError naming the option', async (options, message) => {
    const call = bench('x', async () => undefined, options as never)
    await expect(call).rejects.toThrow(TypeError)
    await expect(bench('x', async () => undefined, options as never)).rejects.toThrow(message)
  })
})

describe('real timers (wide margins: the machine is shared)', () => {
  test('the timer scheduler never wakes early and is rarely far late', async () => {
    const scheduler = timerScheduler(systemClock)
    for (const wait of [0.3, 2, 7]) {
      const target = systemClock.now() + wait
      await scheduler.sleepUntil(target)
      const late = systemClock.now() - target
      expect(late).toBeGreaterThanOrEqual(0)
      expect(late).toBeLessThan(50)
    }
  })

  test('an open-model run on the real clock starts every scheduled call', async () => {
    const r = await bench('timeout 2ms', () => new Promise((resolve) => setTimeout(resolve, 2)), { rate: '200/s', duration: '300ms', warmup: false })
    expect(r.load).toMatchObject({ model: 'open', started: 60, completed: 60 })
    // Node timers may fire up to 1 ms early against performance.now() (libuv caches loop time in whole ms).
    expect(r.latency.p50).toBeGreaterThanOrEqual(0.9)
    expect(r.latency.p50).toBeLessThan(100)
    expect(r.throughput.mean).toBeGreaterThan(50)
    expect(r.throughput.mean).toBeLessThan(260)
  })
})
