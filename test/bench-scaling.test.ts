import { afterEach, describe, expect, test } from 'vitest'
import { benchScaling } from '../src/bench-scaling.js'
import { fitScaling } from '../src/analyse/scaling-fit.js'
import { seededRandom } from '../src/analyse/random.js'
import { prepare } from '../src/measure/sampler.js'
import { sampleInRounds } from '../src/measure/scaling-rounds.js'
import type { RecordEntry, ScalingEntry } from '../src/model/entries.js'
import { setTestContext } from '../src/record/context.js'
import { FakeClock } from './fake-clock.js'

// The clock moves only by what the timed function says it costs: every figure is exact.
const fast = { time: 150, rounds: 5, warmup: 5 }

afterEach(() => setTestContext(undefined))

describe('benchScaling with a fake clock', () => {
  test('a linear cost reads O(n) with exponent 1; each size is a full result of its own', async () => {
    const clock = new FakeClock()
    const r = await benchScaling('sum', (n) => () => clock.advance(2e-5 * n), { sizes: [10_000, 1_000, 100_000], clock, ...fast })
    expect(r.fit.best).toBe('n')
    expect(r.fit.exponent).toBeCloseTo(1, 6)
    expect(r.points.map((p) => p.size)).toEqual([1_000, 10_000, 100_000])
    expect(r.points.map((p) => p.time)).toEqual([0.02, 0.2, 2].map((t) => expect.closeTo(t, 9)))
    for (const p of r.points) {
      expect(p.rounds).toHaveLength(5)
      expect(p.result.name).toBe(`sum [n=${p.size.toLocaleString('en-US')}]`)
      expect(p.result.samples).toBeGreaterThanOrEqual(5)
      expect(p.result.latency.p50).toBeCloseTo(p.time, 9)
      expect(p.result.sampling.mode).toBe('per-call')
    }
    expect(r.rounds).toBe(5)
    expect(r.warnings).toEqual([])
  })

  test('a quadratic cost reads O(n²); short calls are timed in batches', async () => {
    const clock = new FakeClock()
    const r = await benchScaling('pairs', (n) => () => clock.advance(1e-9 * n * n), { sizes: [100, 400, 1_600], clock, ...fast })
    expect(r.fit.best).toBe('n^2')
    expect(r.fit.exponent).toBeCloseTo(2, 6)
    expect(r.points[0]!.result.sampling.mode).toBe('batched')
    expect(r.warnings).toEqual([expect.stringMatching(/^the sizes span a factor of 16 only: over less than 100x, neighbouring classes/)])
  })

  test('a size whose calls read as no work is named in the warnings, which do not repeat the per-size noise', async () => {
    const clock = new FakeClock()
    // Half a nanosecond at n=1: under the 1 ns below which a call reads as no work.
    const r = await benchScaling('nothing', (n) => () => clock.advance(n === 1 ? 5e-7 : 0.02 * n), { sizes: [1, 10, 100], clock, time: 30, rounds: 5, warmup: 1 })
    expect(r.warnings).toEqual([expect.stringMatching(/^n=1: looks optimized away: 0\.50ns per call is no slower than an empty loop/)])
    // The size's own result carries it too.
    expect(r.points[0]!.result.warnings.some((w) => w.startsWith('looks optimized away'))).toBe(true)
  })

  test('async factories and async functions', async () => {
    const clock = new FakeClock()
    const r = await benchScaling(
      'lookup',
      async (n) => {
        await Promise.resolve()
        return async () => clock.advance(0.02 * Math.log2(n))
      },
      { sizes: [16, 256, 4_096, 65_536], clock, ...fast },
    )
    expect(r.fit.best).toBe('log n')
    expect(r.points.every((p) => p.result.sampling.async)).toBe(true)
  })

  test('inside a test: recorded once under its id, and each size gets an id of its own', async () => {
    const entries: RecordEntry[] = []
    setTestContext({ file: 'src/sort.test.ts', titlePath: ['sorting'], entries })
    const clock = new FakeClock()
    const r = await benchScaling('sort', (n) => () => clock.advance(1e-5 * n * Math.log2(n)), { sizes: [1_000, 10_000, 100_000], clock, ...fast })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ kind: 'scaling', id: 'src/sort.test.ts > sorting > sort', name: 'sort', result: r })
    expect(r.id).toBe('src/sort.test.ts > sorting > sort')
    expect(r.points[0]!.result.id).toBe('src/sort.test.ts > sorting > sort [n=1,000]')
  })

  test('setup runs before the first factory call, teardown after the last call', async () => {
    const log: string[] = []
    const clock = new FakeClock()
    await benchScaling(
      'order',
      (n) => {
        log.push(`factory ${n}`)
        return () => clock.advance(0.02)
      },
      { sizes: [1, 10, 100], clock, ...fast, setup: () => void log.push('setup'), teardown: () => void log.push('teardown') },
    )
    expect(log).toEqual(['setup', 'factory 1', 'factory 10', 'factory 100', 'teardown'])
  })

  test('failures name the check and the size, and are recorded as failed', async () => {
    const entries: RecordEntry[] = []
    setTestContext({ file: 'f.test.ts', titlePath: ['t'], entries })
    const clock = new FakeClock()
    await expect(benchScaling('made', (n) => (n === 1_000 ? (42 as never) : () => clock.advance(0.02)), { sizes: [10, 1_000, 100_000], clock, ...fast })).rejects.toThrow(
      /^benchScaling "made" failed: the factory must return the function to time, e\.g\. .*; at n=1,000 it returned 42$/,
    )
    await expect(benchScaling('thrown', (n) => { if (n === 10) throw new Error('no input'); return () => 1 }, { sizes: [10, 1_000, 100_000], clock, ...fast })).rejects.toThrow(
      /^benchScaling "thrown" failed: the factory threw at n=10: no input$/,
    )
    await expect(benchScaling('calls', (n) => () => { if (n === 100_000) throw new Error('boom'); clock.advance(0.02) }, { sizes: [10, 1_000, 100_000], clock, ...fast })).rejects.toThrow(
      /^benchScaling "calls" failed: at n=100,000: boom$/,
    )
    await expect(benchScaling('down', () => () => clock.advance(0.02), { sizes: [1, 10, 100], clock, ...fast, teardown: () => { throw new Error('tore') } })).rejects.toThrow(
      /^benchScaling "down" failed: teardown threw: tore$/,
    )
    expect(entries.map((e) => [(e as ScalingEntry).name, (e as ScalingEntry).error, (e as ScalingEntry).result])).toEqual([
      ['made', expect.stringMatching(/^the factory must return/), undefined],
      ['thrown', 'the factory threw at n=10: no input', undefined],
      ['calls', 'at n=100,000: boom', undefined],
      ['down', 'teardown threw: tore', undefined],
    ])
  })

  test('an aborted signal stops it', async () => {
    const clock = new FakeClock()
    const controller = new AbortController()
    controller.abort(new Error('enough'))
    await expect(benchScaling('stopped', () => () => clock.advance(0.02), { sizes: [1, 10, 100], clock, ...fast, signal: controller.signal })).rejects.toThrow(/^benchScaling "stopped" failed: stopped before it finished: enough$/)
  })

  // Vitest sends a test's meta to the reporter as soon as the test has timed out, which can be
  // before a check awaiting something resumes: what it records after that never arrives.
  test("a check cut off by its test's timeout is recorded the moment the test's signal aborts, before it resumes", async () => {
    const ended = new AbortController()
    const entries: RecordEntry[] = []
    setTestContext({ file: 'a.test.ts', titlePath: ['slow'], entries, signal: ended.signal })
    let resume = () => undefined as void
    const clock = new FakeClock()
    const run = benchScaling('waits', () => () => clock.advance(0.02), { sizes: [1, 10, 100], clock, ...fast, setup: () => new Promise<void>((done) => (resume = done)) })
    await Promise.resolve()
    ended.abort(new Error('Test timed out in 200ms.'))
    // Synchronously, as the runner's timeout callback returns: nothing of the check has run since.
    expect(entries).toEqual([{ kind: 'scaling', id: 'a.test.ts > slow > waits', name: 'waits', error: 'stopped before it finished: Test timed out in 200ms.' }])
    resume()
    await expect(run).rejects.toThrow(/^benchScaling "waits" failed: stopped before it finished: Test timed out in 200ms\.$/)
    expect(entries).toHaveLength(1)
  })

  test('a clock that cannot time fails it at once with a TypeError naming the check and the clock, not the size', async () => {
    const error = await benchScaling('timed', () => () => 1, { sizes: [1, 10, 100], ...fast, clock: { now: () => Number.NaN } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toMatch(/^benchScaling "timed" failed: option "clock": its now\(\) returned NaN; /)
    let t = 1_000
    await expect(benchScaling('back', () => () => 1, { sizes: [1, 10, 100], ...fast, clock: { now: () => (t -= 0.001) } })).rejects.toThrow(/^benchScaling "back" failed: option "clock": its now\(\) went backwards/)
  })
})

describe('rounds under drift', () => {
  test('slow stretches of the machine (1.5x to 2x, 30 ms to 400 ms) bend neither the class nor the exponent', async () => {
    const clock = new FakeClock()
    // Slow stretches over the 600 ms of sampling: one long, several short.
    const stretches: Array<[number, number, number]> = [[40, 70, 1.8], [130, 530, 1.5], [600, 640, 2], [700, 730, 1.7]]
    const slowdown = () => stretches.find(([from, to]) => clock.t >= from && clock.t < to)?.[2] ?? 1
    const sizes = [1_000, 10_000, 100_000]
    const prepared = []
    for (const n of sizes) prepared.push(await prepare(() => clock.advance(1e-5 * n * Math.log2(n) * slowdown()), { warmup: 5, clock, signal: undefined }))
    const rounds = await sampleInRounds(prepared, { time: 600, rounds: 12, clock, random: seededRandom(3) })
    const { fit } = fitScaling(sizes, rounds.medians)
    expect(fit.best).toBe('n log n')
    const exact = Math.log((100_000 * Math.log2(100_000)) / (1_000 * Math.log2(1_000))) / Math.log(100)
    expect(Math.abs(fit.exponent - exact)).toBeLessThan(0.02)
  })
})
