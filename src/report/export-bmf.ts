import type { BenchResult } from '../model/bench-result.js'
import { exportNumber, nanoseconds } from './export-figures.js'

/**
 * One figure of a Bencher measure: `value`, with `lower_value` and `upper_value` when the spread
 * is known. Bencher requires `value` only.
 */
export interface BmfMetric {
  value: number
  lower_value?: number
  upper_value?: number
}

/**
 * A benchmark's measures in the Bencher Metric Format, under the slugs of the two measures every
 * Bencher project has built in: `latency` (nanoseconds) and `throughput` (operations per second).
 */
export interface BmfMeasures {
  latency?: BmfMetric
  throughput?: BmfMetric
}

/** A BMF document: measures by benchmark name (perfspec's bench id). */
export type BmfDocument = Record<string, BmfMeasures>

/**
 * The Bencher Metric Format of some benchmarks (https://bencher.dev/docs/reference/bencher-metric-format),
 * keyed by bench id, with the figures Bencher's own Vitest adapter gives a tinybench result:
 * - `latency`, ns per call: the mean, with the mean ∓ the standard deviation of the samples as
 *   its bounds; the lower bound stops at the fastest sample, since no call was faster and a
 *   heavy tail (sd above the mean) would otherwise give a negative time;
 * - `throughput`, calls per second: the mean rate, bounded by the mean latency's 95 % margin of
 *   error (`rme`) carried through `1000 / mean`. A load run's rate is calls settled over the
 *   elapsed time, a count with no margin: it goes alone.
 *
 * A figure that is not finite (the report keeps such figures as unknown) is left out, and so are
 * bounds that are unknown. Pure.
 */
export function bmfOf(results: readonly BenchResult[]): BmfDocument {
  const document: BmfDocument = {}
  for (const result of results) document[result.id] = measuresOf(result)
  return document
}

function measuresOf(result: BenchResult): BmfMeasures {
  const { mean, sd, min } = result.latency
  const measures: BmfMeasures = {}
  if (Number.isFinite(mean)) {
    measures.latency = metric(nanoseconds(mean), nanoseconds(Math.max(min, mean - sd)), nanoseconds(mean + sd))
  }
  const rate = result.throughput.mean
  if (Number.isFinite(rate)) {
    const margin = result.load ? Number.NaN : result.latency.rme / 100
    // A mean within ±margin gives a rate between rate / (1 + margin) and rate / (1 − margin).
    measures.throughput = metric(exportNumber(rate), exportNumber(rate / (1 + margin)), margin < 1 ? exportNumber(rate / (1 - margin)) : Number.NaN)
  }
  return measures
}

/** A metric with the bounds that are finite. */
function metric(value: number, lower: number, upper: number): BmfMetric {
  return {
    value,
    ...(Number.isFinite(lower) && { lower_value: lower }),
    ...(Number.isFinite(upper) && { upper_value: upper }),
  }
}
