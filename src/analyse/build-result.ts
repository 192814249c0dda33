import type { BenchResult, SamplingInfo } from '../model/bench-result.js'
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
  /** Items handled per call (`items` option); per-item figures are added when above 1. */
  items?: number
  /** Load runs: settled calls per second, measured rather than derived from the mean latency. */
  throughput?: number
  errors?: BenchResult['errors']
  load?: BenchResult['load']
  /** Further warnings from the measuring stage. */
  notes?: string[]
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
    throughput: { mean: m.throughput ?? (latency.mean > 0 ? 1000 / latency.mean : Number.POSITIVE_INFINITY) },
    cold: m.cold,
    sampling: m.sampling,
    warnings: diagnose({
      latency,
      mode: m.sampling.mode,
      samples: m.samples.count,
      timerOverhead: m.sampling.timerOverhead,
      emptyLoopCost: m.emptyLoopCost,
    }).concat(m.notes ?? []),
    histogram: m.samples.histogram.encode(),
  }
  if (m.cpu) result.cpu = m.cpu
  if (m.heap) result.heap = m.heap
  if (m.errors) result.errors = m.errors
  if (m.load) result.load = m.load
  if (m.items !== undefined && m.items > 1) result.perItem = perItem(result, m.items)
  return result
}

/** Per-call figures divided among the `items` each call handles. */
function perItem(result: BenchResult, items: number): NonNullable<BenchResult['perItem']> {
  const { mean, p50, p95, p99 } = result.latency
  return {
    items,
    latency: { mean: mean / items, p50: p50 / items, p95: p95 / items, p99: p99 / items },
    throughput: { mean: result.throughput.mean * items },
  }
}
