import { isLimitComparator, statusOf } from '../analyse/limit-status.js'
import { gateFor, type Gate, type GateOverride } from '../model/gate.js'
import { formatChange, formatPercent } from '../units/format.js'
import { isRecord } from './json-value.js'
import { fieldPath } from './schema-problems.js'

/**
 * What in a run report's baseline checks (`baselines`) no run writes: a check naming no benchmark
 * of the report, a verdict its own figures contradict (a regression within the threshold, a pass
 * or an improvement above it, an improvement that is slower), a new or written baseline with a
 * value compared, a `current` that is not its result's figure, a change that does not follow from
 * its figures, and a threshold or metric that is not the gate the run judged it by. The
 * commands that read a run report render each check's verdict as stored, so such a check would
 * make `report` say PASS where `compare` says REGRESSED. Checks of other statuses (`warn`, `new`,
 * `unchecked`, …) carry their reasons and are not second-guessed.
 *
 * @param benches - the report's benchmarks (entries of kind `bench`), by id; `undefined` for an id
 *   several carry, whose checks are held to no benchmark's figures
 * @param runGate - the run's gate (`gate`), when the report has one
 */
export function baselineCheckProblems(baselines: unknown, benches: ReadonlyMap<string, Record<string, unknown> | undefined>, runGate?: unknown): string[] {
  if (!Array.isArray(baselines)) return []
  const problems: string[] = []
  const redo = 'write the report again (run the tests) rather than edit it'
  baselines.forEach((check, k) => {
    if (!isRecord(check)) return
    const at = fieldPath(`/baselines/${k}`)
    const bench = typeof check.benchId === 'string' ? benches.get(check.benchId) : undefined
    if (typeof check.benchId === 'string' && !benches.has(check.benchId)) problems.push(`${fieldPath('/benchId', at)} ${JSON.stringify(check.benchId)} names no benchmark of the report; ${redo}`)
    const { status, change, threshold, interval, baseline, current, metric } = check
    const said = `${fieldPath('/status', at)} ${JSON.stringify(status)}`
    if (isFigure(change) && isFigure(threshold)) {
      const low = Array.isArray(interval) && typeof interval[0] === 'number' ? interval[0] : undefined
      if (status === 'regressed' && !(change > threshold)) problems.push(`${said} with a change of ${formatChange(change)}, within its threshold of ${formatPercent(threshold)}: a regression is beyond it; ${redo}`)
      if ((status === 'ok' || status === 'improved') && low !== undefined && low > threshold) problems.push(`${said} with the interval of its change wholly above its threshold of ${formatPercent(threshold)} (from ${formatChange(low)}): that is a regression; ${redo}`)
      else if ((status === 'ok' || status === 'improved') && change > threshold + 1e-9) problems.push(`${said} with a change of ${formatChange(change)}, beyond its threshold of ${formatPercent(threshold)}: a pass lies within it; ${redo}`)
      if (status === 'improved' && change >= 0) problems.push(`${said} with a change of ${formatChange(change)}: an improvement is faster; ${redo}`)
      if (COMPARED.has(String(status)) && isFigure(baseline) && baseline > 0 && isFigure(current) && !same(change, (current - baseline) / baseline)) problems.push(`${fieldPath('/change', at)} ${formatChange(change)} does not follow from its current ${current} and baseline ${baseline} (${formatChange((current - baseline) / baseline)}); ${redo}`)
    }
    // Probe 66 #1: what no run writes, each of which made `report` say PASS over a regression.
    if ((status === 'new' || status === 'written' || status === 'updated') && (isFigure(baseline) || isFigure(change))) problems.push(`${said} with a baseline value or a change: a benchmark whose baseline is new, written or rewritten has none to be compared with; ${redo}`)
    if (bench && isRecord(bench.result) && isRecord(bench.result.latency) && typeof metric === 'string') {
      const measured = bench.result.latency[metric]
      if (isFigure(current) && isFigure(measured) && !same(current, measured)) problems.push(`${fieldPath('/current', at)} ${current} is not its result's ${metric} (${measured}): the check compares what the run measured; ${redo}`)
    }
    if (bench && isRecord(runGate) && typeof runGate.metric === 'string' && isFigure(runGate.threshold) && typeof metric === 'string' && isFigure(threshold)) {
      // The run's gate with the benchmark's own over it, as the reporter decided it (the schema has checked their types).
      const expected = gateFor(runGate as unknown as Gate, isRecord(bench.baseline) ? (bench.baseline as GateOverride) : undefined)
      if (metric !== expected.metric || !same(threshold, expected.threshold)) problems.push(`${fieldPath('/threshold', at)} ${formatPercent(threshold)} on ${metric} is not the gate the run judged it by (${formatPercent(expected.threshold)} on ${expected.metric}: ${isRecord(bench.baseline) ? "the benchmark's own" : "the run's, the benchmark setting none of its own"}); ${redo}`)
    }
  })
  return problems
}

/**
 * What in an expectation entry of a limit matcher (`<`, `<=`, `>`, `>=`) no run writes: a status
 * that is not the one its own `actual` and `limit` decide (probe 67 #1: a FAIL made PASS). A FAIL
 * reads XFAIL in a test expected to fail and CAUGHT in one that caught it. Other comparisons
 * (`faster than`, `within`, `at most`) are decided from statistics the entry does not all carry.
 *
 * @param at - the entry's place in the report, for the message (`/tests/1/entries/1`)
 */
export function expectationProblems(entry: Record<string, unknown>, at: string): string[] {
  const { comparator, actual, limit, status } = entry
  if (entry.kind !== 'expectation' || !isLimitComparator(comparator) || !isFigure(actual) || !isFigure(limit) || typeof status !== 'string') return []
  const decided = statusOf(actual, limit, comparator)
  const as = status === 'XFAIL' || status === 'CAUGHT' ? 'FAIL' : status
  if (as === decided) return []
  return [`${fieldPath('/status', at)} ${JSON.stringify(status)} where its actual ${actual} ${comparator} its limit ${limit} is ${decided}: an expectation's status is what its figures decide; write the report again (run the tests) rather than edit it`]
}

/** The statuses of a check compared with its baseline. */
const COMPARED = new Set(['ok', 'improved', 'warn', 'regressed'])

function isFigure(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x)
}

/** Equal but for the last bits of a figure written to JSON and read back. */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}
