import type { BenchRow } from '../model/run-report.js'
import { formatChange, formatCount, formatDuration, formatPercent, formatRate } from '../units/format.js'
import { timelineChart } from './charts.js'
import { markdownTable as table } from './markdown-table.js'
import { markdownCode, markdownText } from './markdown-text.js'

const VERDICT = { PASS: '✅ faster', WARN: '⚠️ faster', FAIL: '❌ not shown faster', XFAIL: '☑️ not shown faster, as expected', CAUGHT: '☑️ not shown faster, caught by the test' } as const

/**
 * The report's sections about load runs and comparisons: load parameters and what happened
 * (in flight, errors, late starts), per-item figures of batches, and every `toBeFasterThan`
 * verdict with its medians and interval. Empty when the run had none of them.
 */
export function renderLoadSections(rows: readonly BenchRow[]): string[] {
  const out: string[] = []
  const loaded = rows.filter((r) => r.bench.result?.load)
  if (loaded.length) {
    out.push('## Load', '')
    out.push(
      table(
        ['Benchmark', 'Model', 'Load', 'Duration', 'In flight (peak)', 'Started', 'Completed', 'Errors', 'Error rate', 'Late starts', 'Throughput'],
        loaded.map(({ bench }) => {
          const r = bench.result!
          const load = r.load!
          const shape = load.model === 'open' ? `${formatRate(load.rate!)} (max ${formatCount(load.maxInFlight!)} in flight)` : `${load.concurrency} concurrent`
          return [
            bench.id,
            load.model,
            shape,
            formatDuration(load.duration),
            formatCount(load.inFlightPeak),
            formatCount(load.started),
            formatCount(load.completed),
            `${formatCount(r.errors?.count ?? 0)}${r.errors?.timedOut ? ` (${formatCount(r.errors.timedOut)} timed out)` : ''}`,
            formatPercent(r.errors?.rate ?? 0),
            load.model === 'open' ? `${formatCount(load.late)}${load.late ? ` (up to ${formatDuration(load.maxLateness)})` : ''}` : '—',
            formatRate(r.throughput.mean),
          ]
        }),
      ),
      '',
    )
    const messages = loaded.flatMap(({ bench }) => (bench.result!.errors?.messages?.length ? [`- "${markdownText(bench.id)}": first errors: ${bench.result!.errors!.messages!.map(markdownCode).join(', ')}`] : []))
    if (messages.length) out.push(...messages, '')
    for (const { bench } of loaded) {
      const chart = timelineChart(bench.name, bench.result!.load!.timeline ?? [])
      if (chart) out.push(chart, '')
    }
  }

  const batches = rows.filter((r) => r.bench.result?.perItem)
  if (batches.length) {
    out.push('## Per item', '')
    out.push(
      table(
        ['Benchmark', 'Items per call', 'mean per item', 'median per item', 'p95 per item', 'items/s'],
        batches.map(({ bench }) => {
          const p = bench.result!.perItem!
          return [bench.id, formatCount(p.items), formatDuration(p.latency.mean), formatDuration(p.latency.p50), formatDuration(p.latency.p95), formatRate(p.throughput.mean)]
        }),
      ),
      '',
    )
  }

  const comparisons = rows.flatMap((r) => r.expectations.filter((e) => e.comparison))
  if (comparisons.length) {
    const method = comparisons[0]!.comparison!.method
    out.push('## Comparisons', '')
    out.push(
      table(
        ['Benchmark', 'Faster than', 'Median', 'Other median', 'Difference', 'Interval', 'Required', 'Verdict'],
        comparisons.map((e) => {
          const c = e.comparison!
          return [
            e.benchId,
            c.otherId,
            formatDuration(c.median),
            formatDuration(c.otherMedian),
            formatChange(c.change),
            `${formatPercent(c.confidence)} CI ${formatChange(c.interval[0])} to ${formatChange(c.interval[1])}`,
            `≤ −${formatPercent(c.required)}`,
            VERDICT[e.status],
          ]
        }),
      ),
      '',
      `Method: ${markdownText(method)}; "faster" means the whole interval lies below the required difference.`,
      '',
    )
  }
  return out
}
