import type { DecidedRun } from '../model/run-report.js'
import { formatBytes, formatChange, formatCount, formatDuration, formatRate, formatRme } from '../units/format.js'
import { renderLoadSections } from './load-sections.js'
import { BADGE, markdownTable as table } from './markdown-table.js'
import { checkSentence, checkText, fileErrorText, machineText, obsoleteText, otherMachineText, unfinishedText } from './verdict-text.js'

/**
 * Renders `BENCHMARK_RESULTS.md`: executive summary, regressions first, per-benchmark table,
 * expectations, leak checks, baseline problems and the environment appendix.
 * `jsonName` is the raw JSON file the appendix points at.
 */
export function renderMarkdown(run: DecidedRun, jsonName = 'BENCHMARK_RESULTS.json'): string {
  const { report, rows, leaks } = run
  const { summary, environment: env } = report
  const out: string[] = []
  out.push('# Benchmark results', '')
  out.push(`**${BADGE[summary.status]}** · ${report.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} · ${report.runner.name} ${report.runner.version} · Node ${env.node} · run took ${formatDuration(report.duration)}`, '')
  out.push(
    table(
      ['Benchmarks', 'Expectations (pass / warn / fail)', 'Leak checks (pass / fail)', 'Regressions'],
      [[String(summary.benchmarks), `${summary.expectations.pass} / ${summary.expectations.warn} / ${summary.expectations.fail}`, `${summary.leaks.pass} / ${summary.leaks.fail}`, String(summary.regressions)]],
    ),
    '',
  )

  const other = otherMachineText(report.baselines)
  if (other) out.push(`> ℹ️ ${other}`, '')
  const unfinished = unfinishedText(report.unfinished)
  if (unfinished) out.push(`> ❌ ${unfinished}`, '')
  if (rows.length === 0 && leaks.length === 0) out.push('No benchmark or leak check finished in this run.', '')

  const regressions = report.baselines.filter((c) => c.status === 'regressed')
  if (regressions.length) {
    out.push('## Regressions', '')
    for (const r of regressions) out.push(`- ❌ ${checkSentence(r)}${r.line ? ` — ${r.file}:${r.line}` : ''}`)
    out.push('')
  }

  if (rows.length) {
    out.push('## Benchmarks', '')
    out.push(
      table(
        ['Benchmark', 'n', 'mean', 'median', 'p95', 'p99', 'max', 'sd', 'ops/s', 'CPU/call', 'heap/call', 'baseline', 'change', 'status'],
        rows.map(({ bench, baseline, status }) => {
          const r = bench.result
          if (!r) return [bench.id, '—', '—', '—', '—', '—', '—', '—', '—', '—', '—', '—', '—', `${BADGE.FAIL}: ${bench.error ?? ''}`]
          const l = r.latency
          return [
            bench.id,
            formatCount(r.samples),
            `${formatDuration(l.mean)} ${formatRme(l.rme)}`,
            formatDuration(l.p50),
            formatDuration(l.p95),
            formatDuration(l.p99),
            formatDuration(l.max),
            formatDuration(l.sd),
            formatRate(r.throughput.mean),
            r.cpu ? formatDuration(r.cpu.perOp) : '—',
            r.heap ? formatBytes(r.heap.bytesPerOp) : '—',
            baseline?.baseline !== undefined ? `${baseline.metric} ${formatDuration(baseline.baseline)}` : baseline ? baseline.status : '—',
            baseline?.change !== undefined ? formatChange(baseline.change) : '—',
            BADGE[status],
          ]
        }),
      ),
      '',
    )
    const warnings = rows.flatMap(({ bench }) => (bench.result?.warnings ?? []).map((w) => `- ⚠️ "${bench.id}": ${w}`))
    const notes = rows.flatMap(({ baseline }) => {
      const text = machineText(baseline?.machine)
      return text ? [`- ℹ️ "${baseline!.benchId}": baseline from another machine (${text}); differences may come from the machine`] : []
    })
    if (warnings.length || notes.length) out.push(...warnings, ...notes, '')
  }

  out.push(...renderLoadSections(rows))

  const expectations = rows.flatMap((r) => r.expectations)
  if (expectations.length) {
    out.push('## Expectations', '')
    out.push(table(['Benchmark', 'Expectation', 'Status', 'Details'], expectations.map((e) => [e.benchId, `${e.subject} ${e.comparator} ${e.comparison ? `"${e.comparison.otherName}"` : 'limit'}`, BADGE[e.status], e.message])), '')
  }

  if (leaks.length) {
    out.push('## Leak checks', '')
    out.push(
      table(
        ['Check', 'Calls', 'Retained per call', 'Growth', 'Status'],
        leaks.map(({ leak }) => [leak.id, formatCount(leak.iterations), formatBytes(leak.bytesPerCall), formatBytes(leak.growth), BADGE[leak.status]]),
      ),
      '',
    )
  }

  const slower = report.baselines.filter((c) => c.status === 'warn')
  if (slower.length) {
    out.push('## Slower than baseline, not failed', '')
    for (const c of slower) out.push(`- ⚠️ ${checkSentence(c)}${c.line ? ` — ${c.file}:${c.line}` : ''}`)
    out.push('')
  }

  const newOnes = report.baselines.filter((c) => c.status === 'new' || c.status === 'written' || c.status === 'updated' || c.status === 'unchecked')
  const obsolete = obsoleteText(report.obsolete)
  if (newOnes.length || report.baselineErrors.length || obsolete) {
    out.push('## Baselines', '')
    for (const e of report.baselineErrors) out.push(`- ❌ ${fileErrorText(e)}`)
    for (const c of newOnes) out.push(`- "${c.benchId}": ${checkText(c)}`)
    if (obsolete) out.push(`- ${obsolete}`)
    out.push('')
  }

  out.push('## Appendix: environment', '')
  out.push(
    table(
      ['', ''],
      [
        ['OS', `${env.os} (${env.arch})`],
        ['CPU', `${env.cpu}, ${env.cores} cores`],
        ['Memory', formatBytes(env.memory)],
        ['Node', env.node],
        ['Runner', `${report.runner.name} ${report.runner.version}`],
        ['Git commit', env.commit ?? '—'],
        ['CI', env.ci ? 'yes' : 'no'],
      ],
    ),
    '',
  )
  out.push(`Raw data: [\`${jsonName}\`](${jsonName}).`, '')
  return out.join('\n')
}
