import { decodeDistribution } from '../analyse/distribution.js'
import { TIME_UNIT_TO_MS as TO_MS, type BaselineEntry } from '../model/baseline.js'
import type { BenchResult } from '../model/bench-result.js'
import type { BaselineMetric } from '../model/metrics.js'
import type { MetricSample } from './metric-interval.js'

/**
 * The gated metric of a baseline entry in ms, or `undefined` when the entry lacks it (or holds
 * no finite figure for it: a run report keeps a figure that was not finite as NaN).
 */
export function baselineValue(entry: BaselineEntry, metric: BaselineMetric): number | undefined {
  const value = entry[metric]
  return typeof value === 'number' && Number.isFinite(value) ? value * TO_MS[entry.unit] : undefined
}

/** The gated metric of a fresh result with what the gate needs of its noise. */
export function sampleOfResult(result: BenchResult, metric: BaselineMetric): MetricSample {
  const distribution = decodeDistribution(result.histogram)
  return {
    value: result.latency[metric],
    n: result.samples,
    mean: result.latency.mean,
    sd: result.latency.sd,
    batchSize: result.sampling.batchSize,
    ...(distribution && { distribution }),
  }
}

/**
 * The gated metric of a baseline entry (any unit, converted to ms) with what the gate needs of
 * its noise, or `undefined` when the entry lacks the metric.
 */
export function sampleOfBaseline(entry: BaselineEntry, metric: BaselineMetric): MetricSample | undefined {
  const value = baselineValue(entry, metric)
  if (value === undefined) return undefined
  const toMs = TO_MS[entry.unit]
  const distribution = decodeDistribution(entry.histogram)
  return {
    value,
    n: entry.n,
    ...(entry.mean !== undefined && { mean: entry.mean * toMs }),
    ...(entry.sd !== undefined && { sd: entry.sd * toMs }),
    ...(entry.batch_size !== undefined && { batchSize: entry.batch_size }),
    ...(distribution && { distribution }),
  }
}
