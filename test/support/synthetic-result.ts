import { LatencyHistogram } from '../../src/analyse/histogram.js'
import { normalQuantile } from '../../src/analyse/normal.js'
import { seededRandom } from '../../src/analyse/random.js'
import type { BenchResult } from '../../src/model/bench-result.js'

/** Log-normal latencies (ms) around `median`, seeded: the same call always gives the same samples. */
export function latencies(n: number, seed: number, median = 0.001, spread = 0.3): number[] {
  const next = seededRandom(seed)
  return Array.from({ length: n }, () => median * Math.exp(spread * normalQuantile(Math.min(1 - 1e-9, Math.max(1e-9, next())))))
}

/** A bench result made from given latencies (ms per call), as `bench()` would return it. */
export function resultOf(id: string, values: readonly number[], batchSize = 1): BenchResult {
  const histogram = new LatencyHistogram()
  for (const v of values) histogram.record(v)
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
  const mean = values.reduce((s, v) => s + v, 0) / values.length
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, values.length - 1))
  return {
    id,
    name: id.split(' > ').at(-1)!,
    samples: values.length,
    ops: values.length * batchSize,
    latency: { min: sorted[0]!, max: sorted.at(-1)!, mean, sd, rme: 1, p50: at(0.5), p75: at(0.75), p90: at(0.9), p95: at(0.95), p99: at(0.99), p999: at(0.999) },
    throughput: { mean: 1000 / mean },
    cold: sorted.at(-1)!,
    sampling: { mode: batchSize === 1 ? 'per-call' : 'batched', batchSize, timerOverhead: 0, warmupTime: 100, sampleTime: 300, stoppedBy: 'time', async: false },
    warnings: [],
    histogram: histogram.encode(),
  }
}
