import { MAX_SPREAD, type BaselineEntry } from '../model/baseline.js'
import type { BenchAttempts, BenchResult } from '../model/bench-result.js'
import { atFullSpeed } from './host-speed-rule.js'
import type { Environment } from '../model/environment.js'
import { GATE_METRICS, type BaselineMetric } from '../model/metrics.js'

/**
 * How far apart good measurements of unchanged code fall on this machine, per gate metric: the
 * gap from the fastest measurement to the next fastest, relative to the fastest. The slowest of
 * the measurements is left out on purpose: a slow stretch of the host that covered one of them
 * says nothing of the code, and the gate compares fastest with fastest (the baseline keeps its
 * fastest measurement, and confirmation keeps the fastest reading of a regression). Capped at
 * {@link MAX_SPREAD}, so that what perfspec writes its reader accepts.
 */
export function spreadOf(latency: ReadonlyArray<Partial<Record<BaselineMetric, number>>>): Partial<Record<BaselineMetric, number>> {
  const spread: Partial<Record<BaselineMetric, number>> = {}
  for (const metric of GATE_METRICS) {
    const values = latency
      .map((l) => l[metric])
      .filter((v): v is number => v !== undefined && Number.isFinite(v) && v > 0)
      .sort((a, b) => a - b)
    if (values.length > 1) spread[metric] = Math.min(MAX_SPREAD, values[1]! / values[0]! - 1)
  }
  return spread
}

/**
 * The measurements a baseline's spread is read from: those the host-speed probe found taken at
 * full speed, when there are two or more (a slow stretch of the host says nothing of the code);
 * otherwise all of them.
 */
function trustedAttempts(attempts: BenchAttempts): BenchAttempts['latency'] {
  const host = attempts.host
  if (!host || host.length !== attempts.latency.length) return attempts.latency
  const full = attempts.latency.filter((_, i) => atFullSpeed(host[i]!))
  return full.length >= 2 ? full : attempts.latency
}

/**
 * The spread of a baseline measured in several processes: at least the gap from the fastest
 * process to the next fastest, each process read at its lowest per statistic. The slowest process is left out as the slowest measurement is; but the host's slow
 * stretches last up to minutes, and a process can run its code slower for its whole life, so
 * that what two of three processes read is what a later run may read of unchanged code.
 */
function spreadOfProcesses(attempts: BenchAttempts): Partial<Record<BaselineMetric, number>> {
  const within = spreadOf(trustedAttempts(attempts))
  const starts = attempts.processes
  if (!starts || starts.length < 2) return within
  const perProcess = starts.map((start, i) => {
    const part = attempts.latency.slice(start, starts[i + 1])
    return Object.fromEntries(GATE_METRICS.map((m) => [m, Math.min(...part.map((l) => l[m]))]))
  })
  const between = spreadOf(perProcess)
  const spread: Partial<Record<BaselineMetric, number>> = { ...within }
  for (const m of GATE_METRICS) if (between[m] !== undefined) spread[m] = Math.max(within[m] ?? 0, between[m]!)
  return spread
}

/**
 * How slow the host ran while a baseline was measured: the least slow of the probe's readings
 * after its measurements (the stored statistics are the lowest any of them read), rounded to
 * three decimals and never below full speed (1). `undefined` when the probe was not read after
 * every measurement.
 */
export function hostSlowdownOf(attempts: BenchAttempts): number | undefined {
  const host = attempts.host
  if (!host || host.length === 0 || host.length !== attempts.latency.length || !host.every(Number.isFinite)) return undefined
  return Math.max(1, Math.round(Math.min(...host) * 1000) / 1000)
}

/** The baseline entry for a measured result, in ms, keeping the old entry's `notes`. */
export function baselineEntryOf(result: BenchResult, environment: Environment, timestamp: string, previous?: BaselineEntry): BaselineEntry {
  const l = result.latency
  const entry: BaselineEntry = {
    bench_id: result.id,
    metric: 'latency',
    unit: 'ms',
    p50: l.p50,
    p75: l.p75,
    p90: l.p90,
    p95: l.p95,
    p99: l.p99,
    mean: l.mean,
    min: l.min,
    max: l.max,
    sd: l.sd,
    rme: Number.isFinite(l.rme) ? l.rme : 0,
    n: result.samples,
    ops: result.ops,
    batch_size: result.sampling.batchSize,
    timestamp,
    histogram: result.histogram,
    environment,
  }
  const attempts = result.attempts
  // Measured once because the test's timeout left no time for more: said, with no spread.
  if (attempts?.purpose === 'baseline' && (attempts.latency.length > 1 || attempts.asked !== undefined)) {
    entry.attempts = attempts.latency.length
    if (attempts.processes && attempts.processes.length > 1) entry.processes = attempts.processes.length
    if (attempts.latency.length > 1) entry.spread = spreadOfProcesses(attempts)
  }
  const slowdown = attempts?.purpose === 'baseline' ? hostSlowdownOf(attempts) : undefined
  if (slowdown !== undefined) entry.host_slowdown = slowdown
  if (previous?.notes !== undefined) entry.notes = previous.notes
  return entry
}
