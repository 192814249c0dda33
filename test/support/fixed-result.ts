import type { BenchResult } from '../../src/model/bench-result.js'

/**
 * A result of "cache.get" with chosen figures, as bench() returns it: 4,120 samples at ±1.1 %,
 * the given p95 (ms), and `extra` over the rest. For matchers' messages, which need no distribution.
 */
export function fixedResult(p95: number, extra: Partial<BenchResult> = {}): BenchResult {
  return {
    id: 'f > t > cache.get',
    name: 'cache.get',
    samples: 4120,
    ops: 4120,
    latency: { min: 0.01, max: 0.1, mean: 0.04, sd: 0.01, rme: 1.1, p50: 0.04, p75: 0.045, p90: 0.05, p95, p99: 0.08, p999: 0.09 },
    throughput: { mean: 25_000 },
    cold: 0.5,
    sampling: { mode: 'per-call', batchSize: 1, timerOverhead: 0, warmupTime: 100, sampleTime: 200, stoppedBy: 'time', async: false },
    warnings: [],
    histogram: '',
    ...extra,
  }
}
