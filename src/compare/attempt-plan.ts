import type { BaselineEntry } from '../model/baseline.js'
import type { AttemptLatency, BenchAttempts, BenchResult } from '../model/bench-result.js'
import type { Environment } from '../model/environment.js'
import { GATE_METRICS } from '../model/metrics.js'
import { gateFor, type Gate, type GateOverride, type UpdateMode } from '../model/gate.js'
import { writesBaseline } from './baseline-verdict.js'
import { atFullSpeed } from './host-speed-rule.js'
import { compareEntry } from './compare-entry.js'
import { slowerThroughout } from './judge.js'
import { sampleOfBaseline, sampleOfResult } from './metric-sample.js'

/** What the worker knows when a benchmark's first measurement is done. */
export interface AttemptContext {
  /** The bench's own gate: `false` opts out of baselines. */
  override?: false | GateOverride
  gate: Gate
  update: UpdateMode
  /** The state of the test file's baseline file, and the bench's entry in it. */
  fileState: 'missing' | 'ok' | 'invalid'
  previous?: BaselineEntry
  /** This machine, to tell a baseline from another machine (which is not gated, so not confirmed). */
  environment?: Partial<Environment>
  crossMachine?: boolean
  /** Further measurements to confirm a regression (0: none). */
  confirm: number
  /** Measurements in all when a baseline is written (1: just the first). */
  baselineAttempts: number
  /**
   * This process measures the run's suspects again (a fresh process after the run): the first
   * measurement of a benchmark confirms one taken before, and is read as a confirmation
   * (see {@link readsAsRegression}). Default `false`.
   */
  recheck?: boolean
}

/** What to do after the first measurement: nothing, measure for a baseline, or confirm a regression. */
export type AttemptPlan = { kind: 'none' } | { kind: 'baseline'; more: number } | { kind: 'confirm'; more: number }

/** What one measurement read against its baseline: whether it counts as a regression, and its change (a fraction). */
export interface AttemptReadingOf {
  regressed: boolean
  change: number
  /**
   * Set when it counted as a confirmation only by its whole distribution (see
   * {@link readsAsRegression}): the gated metric alone did not read as a regression.
   */
  throughout?: true
}

/**
 * Whether a result reads as a regression against the baseline, with its change (the same judge as
 * the reporter's). The load of other processes is left out here: a suspect measured on a busy
 * machine is exactly one to measure again, and the reporter judges the kept result with its load.
 *
 * With `confirming` (a measurement taken to confirm one that read as a regression, in its
 * process or a fresh one), a measurement whose gated metric alone stayed within its noise or
 * the threshold (`within-noise`, `typical-slower`) counts too when its whole distribution is
 * slower beyond the threshold ({@link slowerThroughout}): its typical and its fastest calls, each
 * with its 99 % interval. The first measurement established the gated metric beyond the
 * threshold; what its confirmations must show is that the code, not the host, was slow, and a
 * tail is their least precise reading (a real 1.5x change read p95 +25 % to +37 % with its
 * typical call +40 % to +51 % in confirmations that ended it; docs/regression-gate.md).
 */
export function readsAsRegression(result: BenchResult, context: AttemptContext, confirming = false): AttemptReadingOf {
  if (!context.previous || context.override === false) return { regressed: false, change: 0 }
  const gate = gateFor(context.gate, context.override)
  const current = sampleOfResult(result, gate.metric)
  const c = compareEntry(current, context.previous, gate, { ...(context.environment && { environment: context.environment }), crossMachine: context.crossMachine ?? false })
  if (!c.compared) return { regressed: false, change: 0 }
  if (c.status === 'regressed') return { regressed: true, change: c.change }
  const baseline = sampleOfBaseline(context.previous, gate.metric)
  const counts = confirming && c.gated !== false && (c.reason === 'within-noise' || c.reason === 'typical-slower') && baseline !== undefined && slowerThroughout(current, baseline, gate.threshold)
  return counts ? { regressed: true, change: c.change, throughout: true } : { regressed: false, change: c.change }
}

/**
 * Decides what the first measurement of a benchmark calls for: when the run is about to write its
 * baseline, more measurements spread in time (the fastest is kept, their spread stored); when it
 * reads as a regression against its baseline, more measurements to confirm it. Pure.
 */
export function planAttempts(first: BenchResult, context: AttemptContext): AttemptPlan {
  if (context.override === false) return { kind: 'none' }
  if (writesBaseline(context.update, context.fileState, context.previous !== undefined)) {
    return context.baselineAttempts > 1 ? { kind: 'baseline', more: context.baselineAttempts - 1 } : { kind: 'none' }
  }
  if (context.confirm > 0 && readsAsRegression(first, context, context.recheck ?? false).regressed) return { kind: 'confirm', more: context.confirm }
  return { kind: 'none' }
}

/**
 * Measurements a new baseline may take beyond `baselineAttempts` while fewer than two of them
 * were taken at full speed (each after {@link SLOW_HOST_PAUSE}, within the test's time).
 */
export const SLOW_HOST_RETRIES = 3

/** Pause before a measurement taken because the host ran slow, ms: its slow stretches last a tenth of a second to seconds. */
export const SLOW_HOST_PAUSE = 1000

/**
 * Whether a new baseline should be measured once more because the host ran slow: fewer than two
 * of its measurements so far were taken at full speed (`slowdowns`, one per measurement, 1 is
 * full speed), and fewer than `most` ({@link SLOW_HOST_RETRIES} by default) were already added
 * for that. Pure.
 */
export function wantsFullSpeedAttempt(slowdowns: readonly number[], retried: number, most = SLOW_HOST_RETRIES): boolean {
  return retried < most && slowdowns.filter(atFullSpeed).length < 2
}

/**
 * The CPU for extra measurement `attempt` (1: the first after the first measurement): the CPUs
 * the measuring thread may run on in turn, starting after the one the first measurement ran on,
 * so that no two measurements in a row share a CPU. A slow stretch of one virtual CPU then
 * covers at most every other measurement. `undefined`: leave the thread where it is (fewer than
 * two CPUs). Pure.
 *
 * @param first - the CPU of the first measurement, when known (otherwise the turn starts at the lowest)
 */
export function attemptCpu(allowed: readonly number[], first: number | undefined, attempt: number): number | undefined {
  if (allowed.length < 2) return undefined
  const start = first === undefined ? -1 : allowed.indexOf(first)
  return allowed[(start + attempt) % allowed.length]
}

/**
 * `stats` with each gate statistic at the lowest any of `measurements` read: the host slows a
 * measurement's tail and its typical call in different stretches, and a baseline stands for the
 * host at full speed.
 */
export function lowestOf(stats: BenchResult['latency'], measurements: readonly AttemptLatency[]): BenchResult['latency'] {
  return { ...stats, ...lowestReadings(measurements) }
}

/** Each gate statistic at the lowest any of `measurements` read. */
export function lowestReadings(measurements: readonly AttemptLatency[]): AttemptLatency {
  return Object.fromEntries(GATE_METRICS.map((m) => [m, Math.min(...measurements.map((l) => l[m]))])) as AttemptLatency
}

/** The gate's statistics of a result: what is kept of each measurement. */
export function latencyOf(r: BenchResult): AttemptLatency {
  return Object.fromEntries(GATE_METRICS.map((m) => [m, r.latency[m]])) as AttemptLatency
}

/**
 * The result to record after several measurements, carrying what each one read:
 * - `'baseline'`: the fastest by typical call (p50), its distribution, with each statistic at
 *   the lowest any of the measurements read;
 * - `'confirm'`: when every measurement read as a regression, the fastest of them by typical call
 *   among those whose gated metric read as one (a confirmed regression, with its mildest reading;
 *   see `throughout`); otherwise the last one, the measurement that did not read as a regression
 *   and ended the confirmation.
 *
 * @param extra - what else the record carries: what the test's time limit changed (the
 *   measurements asked for when fewer were taken, the shortest pause when shorter than the
 *   configured one), how slow the host ran after each measurement, and the CPU each ran on
 */
export function keptResult(
  purpose: BenchAttempts['purpose'],
  results: readonly BenchResult[],
  readings?: readonly AttemptReadingOf[],
  extra: Pick<BenchAttempts, 'asked' | 'pause' | 'host' | 'cpus'> = {},
): BenchResult {
  const fastest = results.reduce((best, r, i) => (r.latency.p50 < results[best]!.latency.p50 ? i : best), 0)
  const latency = results.map(latencyOf)
  if (purpose === 'baseline') {
    // Each statistic at the lowest any measurement read: the host slows a measurement's tail and
    // its typical call in different stretches, and the baseline stands for the host at full speed.
    const best = results[fastest]!
    return { ...best, latency: lowestOf(best.latency, latency), attempts: { purpose, latency, kept: fastest, ...extra } }
  }
  const regressed = readings?.filter((r) => r.regressed).length ?? 0
  const kept = regressed === results.length ? fastestConfirmed(results, readings!) : results.length - 1
  const throughout = readings?.flatMap((r, i) => (r.throughout ? [i] : [])) ?? []
  return { ...results[kept]!, attempts: { purpose, latency, changes: readings?.map((r) => r.change) ?? [], regressed, ...(throughout.length > 0 && { throughout }), kept, ...extra } }
}

/**
 * The fastest by typical call (p50) of confirmed measurements, among those whose gated metric read
 * as a regression by itself when there is one: one that counted only by its whole distribution
 * would be reported as what its gated metric read, not as the regression it confirmed.
 */
function fastestConfirmed(results: readonly BenchResult[], readings: readonly AttemptReadingOf[]): number {
  const byMetric = results.map((_, i) => i).filter((i) => !readings[i]?.throughout)
  const among = byMetric.length > 0 ? byMetric : results.map((_, i) => i)
  return among.reduce((best, i) => (results[i]!.latency.p50 < results[best]!.latency.p50 ? i : best), among[0]!)
}
