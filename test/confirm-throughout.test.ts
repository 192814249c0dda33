import { describe, expect, test } from 'vitest'
import { keptResult, readsAsRegression, type AttemptContext } from '../src/compare/attempt-plan.js'
import { baselineVerdict } from '../src/compare/baseline-verdict.js'
import { withFreshAttempts } from '../src/compare/fresh-attempts.js'
import { slowerThroughout } from '../src/compare/judge.js'
import { sampleOfBaseline, sampleOfResult } from '../src/compare/metric-sample.js'
import type { BenchResult } from '../src/model/bench-result.js'
import { DEFAULT_GATE } from '../src/model/gate.js'
import { checkText } from '../src/report/verdict-text.js'
import { settleAgainstBaseline, type SettleInput } from '../src/run/worker-gate.js'
import { at, config, env, fingerprint, id, previous } from './support/gate-fixture.js'
import { latencies, resultOf } from './support/synthetic-result.js'

// A measurement taken to confirm a regression counts when its whole distribution is slower beyond
// the threshold (typical and fastest calls, each with its 99 % interval), even when its p95 alone
// stays within its noise or the threshold. Synthetic distributions: deterministic.

/** `factor` times slower up to its 85th percentile, its slowest calls as the baseline's: p95 about +12 %, typical call about +35 %. */
function slowerBulk(seed: number, factor = 1.4): BenchResult {
  const xs = latencies(3000, seed)
  const cut = [...xs].sort((a, b) => a - b)[Math.floor(0.85 * xs.length)]!
  return resultOf(id, xs.map((v) => (v <= cut ? v * factor : v)))
}

/** Slower by `factor` except its fastest fifth: what a measurement partly in a slow stretch of the host reads. */
function slowerButFastest(seed: number, factor = 1.5): BenchResult {
  const xs = latencies(3000, seed)
  const cut = [...xs].sort((a, b) => a - b)[Math.floor(0.2 * xs.length)]!
  return resultOf(id, xs.map((v) => (v <= cut ? v : v * factor)))
}

const context: AttemptContext = { gate: DEFAULT_GATE, update: 'none', fileState: 'ok', previous, environment: fingerprint, confirm: 2, baselineAttempts: 3 }
const verdictOf = (result: BenchResult) =>
  baselineVerdict({ bench: { kind: 'bench', id, name: 'b', result }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: { ...env, ...fingerprint }, baselineFile: 'b.json', fileState: 'ok', previous }).check

function settle(readings: BenchResult[], over: Partial<SettleInput> = {}) {
  let measured = 0
  const input: SettleInput = { first: readings[0]!, config, fileState: 'ok', previous, environment: fingerprint, measure: async () => readings[++measured]!, pause: async () => {}, ...over }
  return { run: () => settleAgainstBaseline(input), measured: () => measured }
}

describe('a confirmation reads the whole distribution', () => {
  test('slowerThroughout: the typical and the fastest calls both beyond the threshold, with their intervals', () => {
    const base = sampleOfBaseline(previous, 'p95')!
    expect(slowerThroughout(sampleOfResult(slowerBulk(4), 'p95'), base, 0.2)).toBe(true)
    expect(slowerThroughout(sampleOfResult(at(1.5, 4), 'p95'), base, 0.2)).toBe(true)
    expect(slowerThroughout(sampleOfResult(at(1.1, 4), 'p95'), base, 0.2)).toBe(false)
    expect(slowerThroughout(sampleOfResult(slowerButFastest(4), 'p95'), base, 0.2)).toBe(false)
    const { distribution: _d, ...bare } = base
    expect(slowerThroughout(sampleOfResult(at(1.5, 4), 'p95'), bare, 0.2)).toBe(false)
  })

  test('p95 within the threshold, the whole distribution slower: not a regression by itself, a confirmation when confirming', () => {
    expect(verdictOf(slowerBulk(4))).toMatchObject({ status: 'warn', reason: 'typical-slower' })
    expect(readsAsRegression(slowerBulk(4), context)).toMatchObject({ regressed: false })
    const reading = readsAsRegression(slowerBulk(4), context, true)
    expect(reading).toMatchObject({ regressed: true, throughout: true })
    expect(reading.change).toBeGreaterThan(0)
    expect(reading.change).toBeLessThan(0.2)
  })

  test('what a slow host reads never confirms: fastest calls at full speed, only the tail slower, or nothing slower', () => {
    expect(readsAsRegression(slowerButFastest(4), context, true)).toMatchObject({ regressed: false })
    expect(readsAsRegression(resultOf(id, latencies(3000, 4).map((v) => (v > 0.0013 ? v * 3 : v))), context, true)).toMatchObject({ regressed: false })
    expect(readsAsRegression(at(1, 4), context, true)).toEqual({ regressed: false, change: expect.any(Number) })
  })

  test("against another machine's baseline (not gated) nothing confirms", () => {
    const other = { ...context, previous: { ...previous, environment: { ...previous.environment!, cpu: 'Other CPU' } } }
    expect(readsAsRegression(slowerBulk(4), other, true)).toMatchObject({ regressed: false })
  })

  test('in the worker: a first reading beyond, a second slower throughout, a third beyond: confirmed by 3 of 3, the kept one read beyond at p95', async () => {
    const s = settle([at(1.5, 3), slowerBulk(4), at(1.6, 5)])
    const r = await s.run()
    expect(s.measured()).toBe(2)
    expect(r.attempts).toMatchObject({ purpose: 'confirm', regressed: 3 })
    // slowerBulk has the lowest typical call of the three; the fastest kept is the 1.5x one.
    expect(slowerBulk(4).latency.p50).toBeLessThan(at(1.5, 3).latency.p50)
    expect(r.attempts!.kept).toBe(0)
    const check = verdictOf(r)
    expect(check).toMatchObject({ status: 'regressed', reason: 'beyond-threshold', confirmation: { regressed: 3 } })
    // The one that counted by its whole distribution is marked, whatever its p95 read (probe 25's observation: one above the threshold but within its noise was not).
    expect(r.attempts!.throughout).toEqual([1])
    expect(checkText(check)).toMatch(/confirmed by 3 of 3 measurements: \+\d+%, \+\d+% \(slower throughout\), \+\d+% \("slower throughout": p95 within its noise or the threshold, typical and fastest calls slower beyond it\)$/)
  })

  test('a first reading slower throughout only is not a suspect in the run; in a fresh process it is confirmed further', async () => {
    const inRun = settle([slowerBulk(3), at(1.5, 4), at(1.5, 5)])
    expect((await inRun.run()).attempts).toBeUndefined()
    expect(inRun.measured()).toBe(0)
    const fresh = settle([slowerBulk(3), at(1.5, 4), at(1.5, 5)], { config: { ...config, recheck: true } })
    const r = await fresh.run()
    expect(fresh.measured()).toBe(2)
    expect(r.attempts).toMatchObject({ regressed: 3 })
    // The kept one read beyond at p95 (the first, faster by typical call, counted throughout only).
    expect(r.attempts!.kept).not.toBe(0)
  })

  test('a confirmation still ends at a measurement that is not slower throughout', async () => {
    const s = settle([at(1.5, 3), slowerButFastest(4), at(1.6, 5)])
    const r = await s.run()
    expect(s.measured()).toBe(1)
    expect(verdictOf(r)).toMatchObject({ status: 'warn', reason: 'not-confirmed' })
  })

  test('keptResult and a fresh process: a measurement that counted throughout only is never kept over one read beyond', () => {
    const full = [{ regressed: true, change: 0.5 }, { regressed: true, change: 0.6 }] as const
    const confirmed = keptResult('confirm', [at(1.5, 3), at(1.6, 4)], [...full])
    expect(confirmed.attempts?.kept).toBe(0)
    const read = (r: BenchResult) => readsAsRegression(r, context, true)
    // Faster by typical call than the confirmed result, but counted only by its whole distribution.
    const merged = withFreshAttempts(confirmed, slowerBulk(5), read)
    expect(merged.attempts).toMatchObject({ regressed: 3, fresh: 2, kept: 0 })
    // The fresh process's reading is marked where it lies among all of them.
    expect(merged.attempts!.throughout).toEqual([2])
    expect(merged.latency).toEqual(confirmed.latency)
    expect(verdictOf(merged)).toMatchObject({ status: 'regressed' })
    // Every measurement counted throughout only: the fastest of them, as before.
    const only = keptResult('confirm', [slowerBulk(6, 1.5), slowerBulk(7, 1.4)], [{ regressed: true, change: 0.1, throughout: true }, { regressed: true, change: 0.1, throughout: true }])
    expect(only.attempts?.kept).toBe(1)
  })
})
