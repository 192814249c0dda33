import { LatencyHistogram } from './histogram.js'
import { RunningStats } from './running-stats.js'
import type { LatencyStats } from '../model/bench-result.js'

/**
 * Accumulates per-call latencies (ms) as they are sampled: exact moments for the mean and its
 * margin of error, an HDR histogram for percentiles. Memory stays bounded whatever the count.
 */
export class SampleSet {
  readonly stats = new RunningStats()
  readonly histogram = new LatencyHistogram()

  /** Records one sample (ms per call). */
  add(ms: number): void {
    this.stats.add(ms)
    this.histogram.record(ms)
  }

  /** Samples recorded. */
  get count(): number {
    return this.stats.count
  }

  /** Relative margin of error of the mean, percent. */
  get rme(): number {
    return this.stats.rme
  }

  /**
   * The latency statistics of the contract. `min`, `max` and `mean` are exact; percentiles come
   * from the histogram (3 significant digits), clamped into [min, max].
   */
  summarize(): LatencyStats {
    const { stats, histogram } = this
    const at = (p: number) => Math.min(stats.max, Math.max(stats.min, histogram.percentile(p)))
    return {
      min: stats.min,
      max: stats.max,
      mean: stats.mean,
      sd: stats.sd,
      rme: stats.rme,
      p50: at(50),
      p75: at(75),
      p90: at(90),
      p95: at(95),
      p99: at(99),
      p999: at(99.9),
    }
  }
}
