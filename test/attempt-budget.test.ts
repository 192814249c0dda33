import { describe, expect, test } from 'vitest'
import { EXTRA_TIME_SHARE, extraTimeLeft, MIN_PAUSE, nextPause } from '../src/compare/attempt-budget'
import { baselineEntryOf } from '../src/compare/baseline-entry'
import { baselineVerdict } from '../src/compare/baseline-verdict'
import type { BenchResult } from '../src/model/bench-result'
import type { Environment } from '../src/model/environment'
import { DEFAULT_GATE } from '../src/model/gate'
import type { TestTimeBudget } from '../src/model/test-time'
import { testTimeBudget } from '../src/record/test-time'
import { briefCheckText, checkText, timeLimitedText } from '../src/report/verdict-text'
import type { WorkerGateConfig } from '../src/run/worker-config'
import { settleAgainstBaseline, type SettleInput } from '../src/run/worker-gate'
import { latencies, resultOf } from './support/synthetic-result'

// The measurements perfspec adds (a new baseline measured several times, a suspect measured
// again) fit into a share of the test's timeout. Everything here runs on a fake real-time clock:
// measuring and pausing advance it by what they would take.
const env: Environment = { os: 'Linux 6.1', arch: 'x64', cpu: 'Test CPU', cores: 2, memory: 4e9, node: 'v20.20.0', ci: false, speed: { ns: 5, version: 1 } }
const fingerprint = { os: 'Linux 6.1', arch: 'x64', cpu: 'Test CPU', cores: 2, node: 'v20.20.0' }
const config: WorkerGateConfig = { baselineDir: '/x', gate: DEFAULT_GATE, update: 'new', confirm: 2, baselineAttempts: 3, crossMachine: false, pause: 300 }
const at = (id: string, factor: number, seed: number): BenchResult => resultOf(id, latencies(2000, seed).map((v) => v * factor))

/** A fake real clock, and a settle of one bench whose every measurement takes `took` ms and reads `factor` times the baseline. */
function fakeTime(factor = 1) {
  let t = 0
  const pauses: number[] = []
  const settle = (first: BenchResult, took: number, budget: TestTimeBudget | undefined, over: Partial<SettleInput> = {}) => {
    t += took
    let seed = 100
    return settleAgainstBaseline({
      first,
      config,
      fileState: 'missing',
      environment: fingerprint,
      measure: async () => {
        t += took
        return at(first.id, factor, seed++)
      },
      pause: async (ms) => {
        pauses.push(ms)
        t += ms
      },
      took,
      ...(budget && { budget }),
      now: () => t,
      ...over,
    })
  }
  return { now: () => t, pauses, settle }
}

describe('the share of a test’s time', () => {
  test("a test's budget, from when it started and its timeout; none without a timeout", () => {
    expect(testTimeBudget(100, 5000)).toEqual({ timeout: 5000, deadline: 5100, spent: 0 })
    for (const timeout of [0, Number.POSITIVE_INFINITY, undefined, -1, Number.NaN]) expect(testTimeBudget(100, timeout)).toBeUndefined()
    expect(testTimeBudget(undefined, 5000)).toBeUndefined()
  })

  test('what is left: the share of the timeout less what was spent, and never more than the share of the time left', () => {
    expect(extraTimeLeft(undefined, 123)).toBe(Number.POSITIVE_INFINITY)
    expect(extraTimeLeft({ timeout: 5000, deadline: 5000, spent: 0 }, 0)).toBe(5000 * EXTRA_TIME_SHARE)
    expect(extraTimeLeft({ timeout: 5000, deadline: 5000, spent: 1200 }, 0)).toBe(5000 * EXTRA_TIME_SHARE - 1200)
    // The test's own measurements used 4 of its 5 s: a quarter of the last second.
    expect(extraTimeLeft({ timeout: 5000, deadline: 5000, spent: 0 }, 4000)).toBe(1000 * EXTRA_TIME_SHARE)
    expect(extraTimeLeft({ timeout: 5000, deadline: 5000, spent: 0 }, 6000)).toBe(0)
  })

  test('the next pause: the configured one when it fits, a shorter one for as many measurements as fit, none below the floor', () => {
    expect(nextPause(2, 300, 5, Number.POSITIVE_INFINITY)).toBe(300)
    expect(nextPause(2, 300, 5, 1000)).toBe(300)
    expect(nextPause(2, 300, 5, 400)).toBe(195)
    expect(nextPause(2, 300, 5, 2 * (5 + MIN_PAUSE))).toBe(MIN_PAUSE)
    // Room for one measurement only: it gets what is left as its pause.
    expect(nextPause(2, 300, 5, 2 * (5 + MIN_PAUSE) - 1)).toBe(24)
    expect(nextPause(2, 300, 5, 5 + MIN_PAUSE - 1)).toBeUndefined()
    expect(nextPause(0, 300, 5, 1000)).toBeUndefined()
  })
})

describe('baselines measured several times, within the test’s time', () => {
  test('without a timeout known: every measurement asked for, 300 ms apart', async () => {
    const time = fakeTime()
    const r = await time.settle(at('a > b', 1, 1), 5, undefined)
    expect(time.pauses).toEqual([300, 300])
    expect(r.attempts).toMatchObject({ purpose: 'baseline' })
    expect(r.attempts).not.toHaveProperty('asked')
    expect(r.attempts).not.toHaveProperty('pause')
  })

  test('200 tiny benches in one test of 5 s: it ends well within its timeout; the first get every measurement, the rest say how many they got', async () => {
    const time = fakeTime()
    const timeout = 5000
    const budget: TestTimeBudget = { timeout, deadline: timeout, spent: 0 }
    const results: BenchResult[] = []
    for (let i = 0; i < 200; i++) results.push(await time.settle(at(`t > b${i}`, 1, i), 5, budget))
    // 200 × 5 ms measured once, plus at most a quarter of the timeout for the rest.
    expect(time.now()).toBeLessThanOrEqual(200 * 5 + timeout * EXTRA_TIME_SHARE)
    expect(budget.spent).toBeLessThanOrEqual(timeout * EXTRA_TIME_SHARE)
    const taken = results.map((r) => r.attempts!.latency.length)
    expect(taken[0]).toBe(3)
    expect(results[0]!.attempts).not.toHaveProperty('asked')
    expect(Math.max(...taken)).toBe(3)
    const short = results.filter((r) => r.attempts!.asked !== undefined)
    expect(short.length).toBeGreaterThan(100)
    for (const r of short) {
      expect(r.attempts!.asked).toBe(3)
      expect(r.attempts!.latency.length).toBeLessThan(3)
    }
    // Honest baselines: as many attempts as were taken; a spread only from two or more.
    const once = baselineEntryOf(results.at(-1)!, env, 't')
    expect(once.attempts).toBe(1)
    expect(once.spread).toBeUndefined()
    expect(baselineEntryOf(results[0]!, env, 't')).toMatchObject({ attempts: 3, spread: expect.any(Object) })
  })

  test('the same benches without a budget would have taken two minutes', async () => {
    const time = fakeTime()
    for (let i = 0; i < 200; i++) await time.settle(at(`t > b${i}`, 1, i), 5, undefined)
    expect(time.now()).toBeGreaterThan(120_000)
  })

  test('shorter pauses before fewer measurements, and the shortest pause is recorded', async () => {
    const time = fakeTime()
    // 400 ms of the share left: two more measurements of 5 ms fit with 195 ms pauses.
    const r = await time.settle(at('a > b', 1, 1), 5, { timeout: 60_000, deadline: 60_000, spent: 60_000 * EXTRA_TIME_SHARE - 400 })
    expect(time.pauses).toEqual([195, 195])
    expect(r.attempts).toMatchObject({ purpose: 'baseline', pause: 195 })
    expect(r.attempts!.latency).toHaveLength(3)
    const check = baselineVerdict({ bench: { kind: 'bench', id: 'a > b', name: 'b', result: r }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'new', environment: env, baselineFile: 'baselines/a.json', fileState: 'missing' }).check
    expect(check).toMatchObject({ status: 'written', timeLimited: { taken: 3, asked: 3, pause: 195 } })
    expect(checkText(check)).toBe("new benchmark: baseline written to baselines/a.json (measured only 195ms apart: the test's timeout left no more time for them; give the test a longer timeout)")
    expect(timeLimitedText([check])).toBeUndefined()
  })

  test('a baseline written from fewer measurements than asked says so, and the run says which', async () => {
    const time = fakeTime()
    const r = await time.settle(at('a > b', 1, 1), 5, { timeout: 5000, deadline: 5000, spent: 5000 * EXTRA_TIME_SHARE })
    expect(time.pauses).toEqual([])
    expect(r.attempts).toMatchObject({ purpose: 'baseline', asked: 3, kept: 0 })
    const check = baselineVerdict({ bench: { kind: 'bench', id: 'a > b', name: 'b', result: r }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'new', environment: env, baselineFile: 'baselines/a.json', fileState: 'missing' }).check
    expect(check.timeLimited).toEqual({ taken: 1, asked: 3 })
    expect(checkText(check)).toBe("new benchmark: baseline written to baselines/a.json (measured 1 of 3 times asked: the test's timeout left no more time for them; give the test a longer timeout)")
    expect(timeLimitedText([check, { ...check, benchId: 'a > c', timeLimited: { taken: 2, asked: 3 } }])).toBe(
      `2 benchmarks were measured fewer times than asked ("a > b" 1 of 3, "a > c" 2 of 3): the measurements perfspec adds to write a baseline or confirm a regression take at most 25% of a test's timeout, and their tests' left no more; give those tests a longer timeout`,
    )
  })
})

describe('confirmation within the test’s time', () => {
  const previous = baselineEntryOf(at('a > b', 1, 1), env, 't')
  const suspect = () => at('a > b', 1.6, 3)
  const input = { fileState: 'ok' as const, previous, config: { ...config, update: 'none' as const } }

  test('a suspect with no time left to measure again: recorded as read, saying how many measurements were asked for', async () => {
    const time = fakeTime()
    const r = await time.settle(suspect(), 50, { timeout: 5000, deadline: 5000, spent: 5000 * EXTRA_TIME_SHARE }, input)
    expect(time.pauses).toEqual([])
    expect(r.attempts).toMatchObject({ purpose: 'confirm', regressed: 1, kept: 0, asked: 3 })
    const check = baselineVerdict({ bench: { kind: 'bench', id: 'a > b', name: 'b', result: r }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: env, baselineFile: 'b.json', fileState: 'ok', previous }).check
    expect(check).toMatchObject({ status: 'regressed', confirmation: { regressed: 1 }, timeLimited: { taken: 1, asked: 3 } })
    expect(checkText(check)).toMatch(/; confirmed by 1 of 1 measurement: \+\d+% \(measured 1 of 3 times asked: the test's timeout left no more time for them; give the test a longer timeout\)$/)
    expect(briefCheckText(check)).toMatch(/, confirmed by 1 of 1 measurements \(3 asked: the test's timeout left no time for more\)$/)
  })

  test('a suspect measured again within the time: the confirmation takes from the same share', async () => {
    const time = fakeTime(1.6)
    const budget: TestTimeBudget = { timeout: 60_000, deadline: 60_000, spent: 0 }
    const r = await time.settle(suspect(), 50, budget, input)
    expect(time.pauses).toEqual([300, 300])
    expect(r.attempts).toMatchObject({ purpose: 'confirm', regressed: 3 })
    expect(r.attempts).not.toHaveProperty('asked')
    expect(budget.spent).toBe(2 * 300 + 2 * 50)
  })
})
