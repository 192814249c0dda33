import { createColors } from 'picocolors'
import type { Status } from '../model/entries.js'
import { printable } from '../model/names.js'
import type { BenchRow, DecidedRun } from '../model/run-report.js'
import { formatChange, formatDuration, formatRate } from '../units/format.js'
import { fitMiddle } from './fit-text.js'
import { rowName, versusBaseline } from './row-name.js'
import { briefCheckText, fileErrorText, obsoleteText, otherMachineText, unfinishedText } from './verdict-text.js'

/** How the terminal that shows the summary looks. */
export interface TerminalStyle {
  /** ANSI colours on. */
  color: boolean
  /** Columns: rows are fitted to it, names shortened in the middle. */
  width: number
}

/** The style when the caller does not know the terminal: no colour, 100 columns. */
export const PLAIN_STYLE: TerminalStyle = { color: false, width: 100 }

// The figure columns after a benchmark's name: p50, p95, calls per second, change vs baseline.
const COLUMNS = [
  { title: 'p50', width: 8 },
  { title: 'p95', width: 8 },
  { title: 'calls/s', width: 9 },
  { title: 'vs base', width: 12 },
] as const
const INDENT = '   '
const MARK: Record<Status, string> = { PASS: '✓', WARN: '!', FAIL: '✗' }
const MIN_NAME = 16

/**
 * The few lines printed in the terminal at the end of a run: one aligned row per benchmark,
 * grouped by test file; then one line for each thing that needs attention (regressions, WARNs,
 * failures, baseline problems); then the verdict and the files written. Pure.
 *
 * @param written - the files written, shown on the verdict line
 * @param failures - what went wrong after the run was decided (an export not written): each a
 *   line, and the verdict FAIL
 */
export function consoleSummary(run: DecidedRun, written: string[], style: TerminalStyle = PLAIN_STYLE, failures: readonly string[] = []): string {
  const c = createColors(style.color)
  const paint: Record<Status, (s: string) => string> = { PASS: c.green, WARN: c.yellow, FAIL: c.red }
  const { report } = run
  const figuresWidth = COLUMNS.reduce((sum, col) => sum + col.width, 0)
  const nameWidth = Math.max(MIN_NAME, Math.min(Math.max(0, ...run.rows.map((r) => rowName(r).length)), style.width - INDENT.length - 2 - figuresWidth - 1))
  const lines: string[] = ['', ` ${c.bold('perfspec')}`]
  if (run.rows.length) {
    lines.push(c.dim(`${' '.repeat(INDENT.length + 2 + nameWidth)}${COLUMNS.map((col) => col.title.padStart(col.width)).join('')}`))
  }
  let file: string | undefined
  for (const row of run.rows) {
    if (row.test.file !== file) {
      file = row.test.file
      lines.push(` ${c.cyan(fitMiddle(file, style.width - 1))}`)
    }
    const name = rowName(row, nameWidth).padEnd(nameWidth)
    const r = row.bench.result
    const figures = r
      ? [formatDuration(r.latency.p50), formatDuration(r.latency.p95), formatRate(r.throughput.mean).replace(/\/s$/, ''), versusBaseline(row)].map((text, i) => text.padStart(COLUMNS[i]!.width))
      : [` failed: ${fitMiddle(printable(row.bench.error ?? ''), figuresWidth - 9)}`]
    const change = r && row.baseline?.status === 'regressed' ? c.red(figures[3]!) : r && row.baseline?.status === 'improved' ? c.green(figures[3]!) : figures[3]
    lines.push(`${INDENT}${paint[row.status](MARK[row.status])} ${name}${r ? `${figures.slice(0, 3).join('')}${change}` : c.red(figures[0]!)}`)
  }

  // What needs attention, one line each; the whole sentences are in the Markdown report.
  const attention: string[] = []
  for (const row of run.rows) {
    const where = `${row.bench.name} (${row.test.file}${row.test.line !== undefined ? `:${row.test.line}` : ''})`
    if (row.bench.error) attention.push(`${c.red('✗')} ${where}: failed: ${printable(row.bench.error)}`)
    const brief = row.baseline ? briefCheckText(row.baseline) : undefined
    if (brief) attention.push(`${paint[row.status](MARK[row.status])} ${where}: ${brief}`)
    for (const e of row.expectations.filter((x) => x.status !== 'PASS')) attention.push(`${paint[e.status](MARK[e.status])} ${where}: ${printable(e.message)}`)
  }
  for (const { leak, test } of run.leaks.filter((l) => l.leak.status === 'FAIL')) attention.push(`${c.red('✗')} ${leak.name} (${test.file}${test.line !== undefined ? `:${test.line}` : ''}): ${printable(leak.message)}`)
  for (const { check, test } of run.retention.filter((r) => r.check.status === 'FAIL')) attention.push(`${c.red('✗')} ${check.name} (${test.file}${test.line !== undefined ? `:${test.line}` : ''}): ${printable(check.message)}`)
  for (const e of report.baselineErrors) attention.push(`${c.red('✗')} ${fileErrorText(e)}`)
  const unfinished = unfinishedText(report.unfinished)
  if (unfinished) attention.push(`${c.red('✗')} ${unfinished}`)
  const other = otherMachineText(report.baselines)
  if (other) attention.push(`${c.blue('i')} ${other}`)
  const obsolete = obsoleteText(report.obsolete)
  if (obsolete) attention.push(`${c.blue('i')} ${obsolete}`)
  for (const f of failures) attention.push(`${c.red('✗')} ${f}`)
  if (attention.length) lines.push('', ...attention.map((line) => ` ${line}`))

  const s = { ...report.summary, ...(failures.length > 0 && { status: 'FAIL' as const }) }
  const counts = [
    `${s.benchmarks} ${s.benchmarks === 1 ? 'benchmark' : 'benchmarks'}`,
    `${s.regressions} ${s.regressions === 1 ? 'regression' : 'regressions'}`,
    `expectations ${s.expectations.pass} pass / ${s.expectations.warn} warn / ${s.expectations.fail} fail`,
    ...(s.leaks.pass + s.leaks.fail > 0 ? [`leak checks ${s.leaks.pass} pass / ${s.leaks.fail} fail`] : []),
  ]
  lines.push('', ` ${paint[s.status](c.bold(s.status))}  ${counts.join(' · ')}`)
  if (written.length) lines.push(c.dim(` wrote ${written.join(', ')}`))
  return `${lines.join('\n')}\n`
}
