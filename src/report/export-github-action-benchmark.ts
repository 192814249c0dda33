import type { BenchResult } from '../model/bench-result.js'
import { formatCount, formatDuration, formatPercent, formatRate, formatRme } from '../units/format.js'
import { nanoseconds } from './export-figures.js'

/**
 * One entry of github-action-benchmark's custom JSON: `name`, `unit` and `value` are required;
 * `range` (the result's variance) and `extra` (the data point's tooltip) are free text.
 */
export interface GithubActionBenchmarkEntry {
  name: string
  unit: string
  value: number
  range?: string
  extra?: string
}

/** The unit of every entry: nanoseconds per call, one of the time units the action converts between. */
export const GITHUB_ACTION_BENCHMARK_UNIT = 'ns/iter'

/**
 * The JSON array github-action-benchmark reads with `tool: 'customSmallerIsBetter'`
 * (https://github.com/benchmark-action/github-action-benchmark#examples), one entry per benchmark:
 * - `name`: the bench id; `value`: the mean latency in ns per call (`unit` `ns/iter`), the figure
 *   the action charts and alerts on;
 * - `range`: the mean's 95 % margin of error, `±1.1%`, as the action's own Benchmark.js
 *   extractor writes it (a percentage, so it needs no conversion when the action rescales a unit);
 * - `extra`: the percentiles, sample count and rate, and for a load run its errors, for the tooltip.
 *
 * Throughput is bigger-is-better and cannot share a smaller-is-better file; it is in `extra`.
 * Pure.
 */
export function githubActionBenchmarkOf(results: readonly BenchResult[]): GithubActionBenchmarkEntry[] {
  return results.map((result) => {
    const { mean, rme } = result.latency
    return {
      name: result.id,
      unit: GITHUB_ACTION_BENCHMARK_UNIT,
      value: nanoseconds(mean),
      ...(Number.isFinite(rme) && { range: formatRme(rme) }),
      extra: extraOf(result),
    }
  })
}

/** The tooltip: `p50 812ns, p95 1.02µs, p99 1.50ms` then `4,120 samples, throughput 1.23M/s`. */
function extraOf(result: BenchResult): string {
  const { p50, p95, p99 } = result.latency
  const lines = [`p50 ${formatDuration(p50)}, p95 ${formatDuration(p95)}, p99 ${formatDuration(p99)}`]
  const rate = Number.isFinite(result.throughput.mean) ? `, throughput ${formatRate(result.throughput.mean)}` : ''
  lines.push(`${formatCount(result.samples)} samples${rate}`)
  if (result.errors) lines.push(`${formatCount(result.errors.count)} failed calls (${formatPercent(result.errors.rate)})`)
  return lines.join('\n')
}
