import { afterEach, describe, expect, test } from 'vitest'
import { expectCpu, expectHeap, expectLatency, PerfAssertionError, type BenchResult } from '../src/index'
import type { ExpectationEntry, RecordEntry } from '../src/model/entries'
import { setTestContext, type TestContext } from '../src/record/context'
import { renderMarkdown } from '../src/report/markdown'
import { decideRun } from '../src/run/decide'
import { runReportProblems } from '../src/run/run-report-schema'
import { fixedResult } from './support/fixed-result'
import { resultOf } from './support/synthetic-result'
import { oneTestReport } from './support/one-test-report'

afterEach(() => setTestContext(undefined))

/**
 * Two results of one benchTogether() call, "next" and "old", whose per-round figures (p50, mean,
 * CPU and heap alike) have the log ratios `logs`: next's are e^d, old's 1.
 */
function pair(logs: number[], group = 'g1'): { next: BenchResult; old: BenchResult } {
  const rounds = (values: number[]) => ({ p50: values, mean: values, cpu: values })
  // A histogram whose figures agree with the fixed result's (its p50, and tail figures at or above them), as a run report requires.
  const histogram = resultOf('x', [0.01, ...Array<number>(60).fill(0.04), ...Array<number>(40).fill(0.1)]).histogram
  const common = { cpu: { user: 10, system: 1, perOp: 0.002, utilization: 0.9 }, heap: { bytesPerOp: 1000, growth: 0, readings: 10 }, histogram }
  const next = fixedResult(0.05, { ...common, id: 'f > t > next', name: 'next' })
  const old = fixedResult(0.05, { ...common, id: 'f > t > old', name: 'old' })
  const ups = logs.map((d) => Math.exp(d))
  const ones = logs.map(() => 1)
  next.together = { group, others: [old.id], block: 10, rounds: rounds(ups), heapRounds: ups.map((x) => x * 1000 + (x - 1)) }
  old.together = { group, others: [next.id], block: 10, rounds: rounds(ones), heapRounds: ones.map(() => 1000) }
  return { next, old }
}

/** Log ratios 0.01 … 0.10: change +5.7 %, 95 % interval +3.0 % to +8.3 % (see paired-change.test.ts). */
const TEN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => i / 100)

function recording(): ExpectationEntry[] {
  const context: TestContext = { file: 'f', titlePath: ['t'], entries: [] }
  setTestContext(context)
  return context.entries as ExpectationEntry[]
}

describe('toBeWithin(margin).of(other)', () => {
  test('FAIL when the whole interval lies above the margin, with both figures, the difference and its interval', () => {
    const { next, old } = pair(TEN)
    expect(() => expectCpu(next).perOp.toBeWithin('2%').of(old)).toThrow(
      new PerfAssertionError('CPU per call of "next" was more than 2.0% above "old" with 95% confidence: 2.00µs vs 2.00µs, difference +5.7% (95% CI +3.0% to +8.3%, 10 rounds), needed ≤ +2.0%'),
    )
  })

  test('PASS when it lies wholly at or below the margin', () => {
    const entries = recording()
    const { next, old } = pair(TEN)
    expectLatency(next).p50.toBeWithin('10%').of(old)
    expect(entries[0]!.message).toBe('p50 latency of "next" is within 10% of "old": 40.0µs vs 40.0µs, difference +5.7% (95% CI +3.0% to +8.3%, 10 rounds), needed ≤ +10%')
    expect(entries[0]!.status).toBe('PASS')
  })

  test('WARN, not a failure, when the interval reaches both sides: the measurements cannot tell', () => {
    const entries = recording()
    const { next, old } = pair(TEN)
    expect(() => expectLatency(next).mean.toBeWithin('5%').of(old)).not.toThrow()
    expect(entries[0]!.status).toBe('WARN')
    expect(entries[0]!.message).toBe(
      'mean latency of "next" could not be shown within 5.0% of "old" at this precision: 40.0µs vs 40.0µs, difference +5.7% (95% CI +3.0% to +8.3%, 10 rounds), needed ≤ +5.0%; the interval reaches both sides of +5.0%, so it passes with a warning (it fails only when the whole interval lies above +5.0%): measure longer (benchTogether option "time") or on a quieter machine to decide',
    )
  })

  test('too few rounds for an interval: WARN, saying so', () => {
    const entries = recording()
    const { next, old } = pair([0.3, 0.3, 0.3, 0.3, 0.3])
    expectCpu(next).perOp.toBeWithin('5%').of(old)
    expect(entries[0]!.status).toBe('WARN')
    expect(entries[0]!.message).toContain('difference +35% (no 95% interval, 5 rounds), needed ≤ +5.0%; 5 rounds are too few for a 95% interval, so it passes with a warning')
    expect(entries[0]!.overhead!.interval).toBeUndefined()
  })

  test('being cheaper always passes; margins under the 1 % noise floor count as 1 %', () => {
    const entries = recording()
    const { next, old } = pair(TEN.map((d) => -d))
    expectLatency(next).p50.toBeWithin('0%').of(old)
    expect(entries[0]!.status).toBe('PASS')
    expect(entries[0]!.limit).toBe(0.01)
    expect(entries[0]!.message).toContain('is within 1.0% of "old"')
  })

  test('heap: per-round bytes, with one byte added to both sides of each reading', () => {
    const entries = recording()
    const { next, old } = pair(TEN)
    expect(() => expectHeap(next).bytesPerOp.toBeWithin('2%').of(old)).toThrow(/^heap allocated per call of "next" was more than 2\.0% above "old" with 95% confidence: 1000 B vs 1000 B, difference \+5\.7% \(95% CI \+3\.0% to \+8\.3%, 10 rounds\)/)
    expect(entries[0]!.overhead).toMatchObject({ figureUnit: 'bytes', verdict: 'above', rounds: 10 })
  })

  test('the outcome is recorded with the statistics behind it', () => {
    const entries = recording()
    const { next, old } = pair(TEN)
    // At 99 % the interval runs from the 4th smallest to the 4th largest Walsh average (P(T⁺ ≤ 3) = 5/1024): +2.0 % to +9.4 %.
    expect(() => expectCpu(next).perOp.toBeWithin('3%', { confidence: '99%' }).of(old)).not.toThrow()
    const e = entries[0]!
    expect(e).toMatchObject({ kind: 'expectation', benchId: 'f > t > next', subject: 'CPU per call', comparator: 'within', unit: 'fraction', limit: 0.03, status: 'WARN' })
    expect(e.overhead).toMatchObject({ otherId: 'f > t > old', otherName: 'old', figure: 0.002, otherFigure: 0.002, figureUnit: 'ms', confidence: 0.99, margin: 0.03, rounds: 10, verdict: 'inconclusive' })
    expect(e.overhead!.interval![0]).toBeCloseTo(Math.expm1(0.02), 12)
    expect(e.overhead!.interval![1]).toBeCloseTo(Math.expm1(0.09), 12)
    expect(e.overhead!.method).toBe('Hodges–Lehmann estimate and Wilcoxon signed-rank CI of the per-round ratios')
    expect(e.actual).toBeCloseTo(Math.expm1(0.055), 12)
  })
})

describe('what toBeWithin refuses', () => {
  test('results measured apart are a TypeError that says why and shows benchTogether', () => {
    const a = fixedResult(0.05, { id: 'a', name: 'a' })
    const b = fixedResult(0.05, { id: 'b', name: 'b' })
    expect(() => expectLatency(a).p50.toBeWithin('5%').of(b)).toThrow(TypeError)
    expect(() => expectLatency(a).p50.toBeWithin('5%').of(b)).toThrow(
      'perfspec: expectLatency(…).p50.toBeWithin(…).of() compares results measured together, and "a" and "b" were measured apart (not in one benchTogether() call): a machine\'s speed drifts between two measurements by more than the few percent asked about, so no interval from them would hold. Measure both in one call: const { next, old } = await benchTogether({ next: () => …, old: () => … })',
    )
    const first = pair(TEN, 'g1')
    const second = pair(TEN, 'g2')
    expect(() => expectCpu(first.next).perOp.toBeWithin('5%').of(second.old)).toThrow(/were measured apart \(in two benchTogether\(\) calls\)/)
  })

  test('a result compared with itself, bad margins, options and others are TypeErrors', () => {
    const { next, old } = pair(TEN)
    expect(() => expectCpu(next).perOp.toBeWithin('5%').of(next)).toThrow('perfspec: expectCpu(…).perOp.toBeWithin(…).of() received "next" itself; pass another result of its benchTogether() call')
    expect(() => expectCpu(next).perOp.toBeWithin('close')).toThrow(`perfspec: expectCpu(…).perOp.toBeWithin() margin must be a percentage string such as '5%', or a fraction below 1 such as 0.05; received "close"`)
    expect(() => expectCpu(next).perOp.toBeWithin(-0.1)).toThrow(TypeError)
    expect(() => expectCpu(next).perOp.toBeWithin('5%', { by: 1 } as never)).toThrow('perfspec: unknown expectCpu(…).perOp.toBeWithin() option "by"; accepted options: confidence')
    expect(() => expectCpu(next).perOp.toBeWithin('5%', { confidence: '100%' })).toThrow(/option "confidence" must be a level from 50% to 99\.9%/)
    // A level shown rounded to 100 %, or one at which an interval decides nothing, is refused too.
    for (const confidence of [0.9999999, 0.01, '49%']) expect(() => expectCpu(next).perOp.toBeWithin('5%', { confidence }).of(old)).toThrow(/option "confidence" must be a level from 50% to 99\.9%, such as '95%', '99%' or 0\.95/)
    // 1 is no level either way (100 %, or 1 %): the advice names levels it takes, not '1%' or 0.01.
    for (const confidence of [1, 99.95]) expect(() => expectCpu(next).perOp.toBeWithin('5%', { confidence }).of(old)).toThrow(`option "confidence" must be a level from 50% to 99.9%, such as '95%', '99%' or 0.95; received ${confidence}`)
    expect(() => expectCpu(next).perOp.toBeWithin('5%', { confidence: 95 }).of(old)).toThrow("Write '95%' for 95 percent, or 0.95 as a fraction")
    expect(() => expectCpu(next).perOp.toBeWithin('5%', { confidence: '99.9%' })).not.toThrow()
    expect(() => expectCpu(next).perOp.toBeWithin('5%').of(Promise.resolve(old) as never)).toThrow(/received a Promise; await the bench first/)
    expect(() => (expectCpu(next).perOp.toBeWithin('5%') as unknown as Record<string, unknown>).than).toThrow('perfspec: expectCpu(…).perOp.toBeWithin(…) has no property "than"; valid properties: of')
  })

  test('only the typical call of latency has it: p50 and mean', () => {
    const { next } = pair(TEN)
    expect(() => (expectLatency(next).p95 as unknown as Record<string, unknown>).toBeWithin).toThrow('perfspec: expectLatency(…).p95 has no property "toBeWithin"; valid properties: toBeLessThan, toBeLessThanOrEqual')
    expect(Object.keys(expectLatency(next).p50)).toEqual(['toBeLessThan', 'toBeLessThanOrEqual', 'toBeWithin'])
    expect(Object.keys(expectHeap(next).growth)).toEqual(['toBeLessThan', 'toBeLessThanOrEqual'])
  })
})

describe('in the report', () => {
  test('BENCHMARK_RESULTS.md lists each comparison in an Overhead section, and the run JSON validates', () => {
    const entries = recording() as RecordEntry[]
    const { next, old } = pair(TEN)
    entries.push({ kind: 'bench', id: next.id, name: next.name, result: next, baseline: false }, { kind: 'bench', id: old.id, name: old.name, result: old, baseline: false })
    expectLatency(next).p50.toBeWithin('10%').of(old)
    expectCpu(next).perOp.toBeWithin('5%').of(old)
    expect(() => expectHeap(next).bytesPerOp.toBeWithin('2%').of(old)).toThrow(PerfAssertionError)
    const report = oneTestReport('f', 't', entries, { benchmarks: 2, expectations: { pass: 1, warn: 1, fail: 1 }, status: 'FAIL' })
    // The heap comparison's failure failed the test (caught, it would be CAUGHT).
    report.tests[0]!.state = 'failed'
    const problems = runReportProblems(JSON.parse(JSON.stringify(report)))
    expect(problems).toEqual([])
    const md = renderMarkdown(decideRun(report))
    expect(md).toContain('| Benchmark | Compared with | Figure | This | Other | Difference | Interval | Allowed | Rounds | Verdict |')
    expect(md).toContain('| f > t > next | f > t > old | p50 latency | 40.0µs | 40.0µs | +5.7% | 95% CI +3.0% to +8.3% | ≤ +10% | 10 | ✅ within |')
    expect(md).toContain('| f > t > next | f > t > old | CPU per call | 2.00µs | 2.00µs | +5.7% | 95% CI +3.0% to +8.3% | ≤ +5.0% | 10 | ⚠️ cannot tell |')
    expect(md).toContain('| f > t > next | f > t > old | heap allocated per call | 1000 B | 1000 B | +5.7% | 95% CI +3.0% to +8.3% | ≤ +2.0% | 10 | ❌ above |')
    expect(md).toContain('CPU per call within 5.0% of "old"')
    expect(md).toContain('Method: Hodges–Lehmann estimate and Wilcoxon signed-rank CI of the per-round ratios, over rounds that alternate the functions')
  })
})
