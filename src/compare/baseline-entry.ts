import type { BaselineEntry } from '../model/baseline.js'
import type { BenchResult } from '../model/bench-result.js'
import type { Environment } from '../model/environment.js'

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
  if (previous?.notes !== undefined) entry.notes = previous.notes
  return entry
}
