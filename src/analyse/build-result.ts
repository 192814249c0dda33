import type { BenchResult, SamplingInfo } from './bench-result.js'
import { diagnose } from './diagnostics.js'
import type { SampleSet } from './sample-set.js'

/** Everything measured for one benchmark, as plain data. */
export interface Measured {
  id: string
  name: string
  samples: SampleSet
  ops: number
  cold: number
  sampling: SamplingInfo
  emptyLoopCost: number
  cpu?: BenchResult['cpu']
  heap?: BenchResult['heap']
}

/** Turns what was measured into the {@link BenchResult} of the contract. */
export function buildResult(m: Measured): BenchResult {
  const latency = m.samples.summarize()
  const result: BenchResult = {
    id: m.id,
    name: m.name,
    samples: m.samples.count,
    ops: m.ops,
    latency,
    throughput: { mean: latency.mean > 0 ? 1000 / latency.mean : Number.POSITIVE_INFINITY },
    cold: m.cold,
    sampling: m.sampling,
    warnings: diagnose({
      latency,
      mode: m.sampling.mode,
      samples: m.samples.count,
      timerOverhead: m.sampling.timerOverhead,
      emptyLoopCost: m.emptyLoopCost,
    }),
    histogram: m.samples.histogram.encode(),
  }
  if (m.cpu) result.cpu = m.cpu
  if (m.heap) result.heap = m.heap
  return result
}
