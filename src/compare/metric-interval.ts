import { quantileInterval, valueAtRank, type Distribution } from '../analyse/distribution.js'
import { QUANTILE_OF, type BaselineMetric } from '../model/metrics.js'

/** One side of a comparison: the gated metric of a run and what is known of its uncertainty. */
export interface MetricSample {
  /** Value of the gated metric, ms. */
  value: number
  /** Timing samples behind it. */
  n: number
  /** The latency distribution, when the run or baseline carries one. */
  distribution?: Distribution
  /** Mean and sample standard deviation, ms (for `mean`'s interval when there is no distribution). */
  mean?: number
  sd?: number
  /** Calls per timing sample (1: timed per call). */
  batchSize?: number
}

/**
 * Confidence interval `[low, high]` (ms) of a run's gated metric from its own sampling noise:
 * distribution-free order-statistic bounds for percentiles, `mean ± z·sd/√n` for the mean,
 * the next-to-largest samples for `max`. Without the data for an interval it is the point
 * itself, and the comparison falls back to the threshold alone.
 *
 * @param z - normal quantile of the confidence, e.g. 2.576 for 99 % two-sided
 */
export function metricInterval(sample: MetricSample, metric: BaselineMetric, z: number): [number, number] {
  const { value, distribution: d } = sample
  const q = QUANTILE_OF[metric]
  if (q !== undefined && d) {
    const [low, high] = quantileInterval(d, q, z)
    // The point comes from exact stats while the bounds come from histogram buckets: keep it inside.
    return [Math.min(low, value), Math.max(high, value)]
  }
  if (metric === 'max' && d) return [Math.min(value, valueAtRank(d, d.n - Math.ceil(z))), value]
  if (metric === 'mean' && sample.sd !== undefined && sample.n > 1) {
    const half = (z * sample.sd) / Math.sqrt(sample.n)
    return [Math.max(value - half, value * 1e-3), value + half]
  }
  return [value, value]
}

/**
 * Confidence interval of the relative change current/baseline − 1, combining the two runs'
 * intervals on the log scale: each side's half-widths (already at the wanted confidence) add in quadrature.
 */
export function changeInterval(current: [number, number, number], baseline: [number, number, number]): [number, number] {
  const [cLow, c, cHigh] = current.map((v) => Math.log(Math.max(v, 1e-15))) as [number, number, number]
  const [bLow, b, bHigh] = baseline.map((v) => Math.log(Math.max(v, 1e-15))) as [number, number, number]
  const ratio = c - b
  const below = Math.hypot(c - cLow, bHigh - b)
  const above = Math.hypot(cHigh - c, b - bLow)
  return [Math.exp(ratio - below) - 1, Math.exp(ratio + above) - 1]
}
