import { formatDuration } from '../units/duration.js'
import { formatPercent } from '../units/percent.js'
import type { RunReport } from './run-report.js'
import { benchRows } from './summarize.js'

/** The few lines printed in the terminal at the end of a run. */
export function consoleSummary(report: RunReport, written: string[]): string {
  const rows = benchRows(report.tests, report.baselines, report.environment.ci)
  const lines: string[] = ['', ' perfspec']
  for (const { bench, baseline, status } of rows) {
    const r = bench.result
    const figures = r
      ? `p50 ${formatDuration(r.latency.p50)}  p95 ${formatDuration(r.latency.p95)}  mean ${formatDuration(r.latency.mean)} ±${Number.isFinite(r.latency.rme) ? r.latency.rme.toFixed(1) : '∞'}%  n=${r.samples}`
      : `failed: ${bench.error ?? ''}`
    const base = baseline?.change !== undefined ? `  ${baseline.metric} ${baseline.change >= 0 ? '+' : '−'}${formatPercent(Math.abs(baseline.change))} vs baseline` : baseline ? `  baseline: ${baseline.status}` : ''
    lines.push(`   ${status.padEnd(4)} ${bench.id}  ${figures}${base}`)
  }
  const env = (c: { environmentNote?: string }) => (c.environmentNote ? ` (baseline taken on another environment: ${c.environmentNote})` : '')
  for (const check of report.baselines.filter((c) => c.status === 'regressed')) lines.push(`   ✗ ${check.message}${env(check)}`)
  for (const check of report.baselines.filter((c) => c.status === 'warn')) lines.push(`   ! ${check.message}${env(check)}`)
  for (const e of report.baselineErrors) lines.push(`   ✗ ${e.message}`)
  const s = report.summary
  lines.push(
    ` ${s.status}: ${s.benchmarks} benchmarks, expectations ${s.expectations.pass} pass / ${s.expectations.warn} warn / ${s.expectations.fail} fail, ` +
      `leak checks ${s.leaks.pass} pass / ${s.leaks.fail} fail, ${s.regressions} regressions`,
  )
  if (written.length) lines.push(` wrote ${written.join(', ')}`)
  return `${lines.join('\n')}\n`
}
