import { printable } from '../model/names.js'
import type { DecidedRun } from '../model/run-report.js'
import { formatChange, formatDuration, formatRme } from '../units/format.js'
import { checkSentence, fileErrorText, obsoleteText, otherMachineText, unfinishedText } from './verdict-text.js'

/** The few lines printed in the terminal at the end of a run; `written` lists the files written. */
export function consoleSummary(run: DecidedRun, written: string[]): string {
  const { report } = run
  const lines: string[] = ['', ' perfspec']
  for (const { bench, baseline, status } of run.rows) {
    const r = bench.result
    const figures = r
      ? `p50 ${formatDuration(r.latency.p50)}  p95 ${formatDuration(r.latency.p95)}  mean ${formatDuration(r.latency.mean)} ${formatRme(r.latency.rme)}  n=${r.samples}`
      : `failed: ${printable(bench.error ?? '')}`
    const base = baseline?.change !== undefined ? `  ${baseline.metric} ${formatChange(baseline.change)} vs baseline` : baseline ? `  baseline: ${baseline.status}` : ''
    lines.push(`   ${status.padEnd(4)} ${bench.id}  ${figures}${base}`)
  }
  for (const check of report.baselines.filter((c) => c.status === 'regressed')) lines.push(`   ✗ ${checkSentence(check)}`)
  for (const check of report.baselines.filter((c) => c.status === 'warn')) lines.push(`   ! ${checkSentence(check)}`)
  for (const check of report.baselines.filter((c) => c.cause === 'duplicate-id' || c.cause === 'not-written')) lines.push(`   ✗ "${check.benchId}": ${checkSentence(check)}`)
  for (const e of report.baselineErrors) lines.push(`   ✗ ${fileErrorText(e)}`)
  const unfinished = unfinishedText(report.unfinished)
  if (unfinished) lines.push(`   ✗ ${unfinished}`)
  const obsolete = obsoleteText(report.obsolete)
  if (obsolete) lines.push(`   i ${obsolete}`)
  const other = otherMachineText(report.baselines)
  if (other) lines.push(`   i ${other}`)
  const s = report.summary
  lines.push(
    ` ${s.status}: ${s.benchmarks} benchmarks, expectations ${s.expectations.pass} pass / ${s.expectations.warn} warn / ${s.expectations.fail} fail, ` +
      `leak checks ${s.leaks.pass} pass / ${s.leaks.fail} fail, ${s.regressions} regressions`,
  )
  if (written.length) lines.push(` wrote ${written.join(', ')}`)
  return `${lines.join('\n')}\n`
}
