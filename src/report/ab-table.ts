import { abCounts } from '../compare/ab-outcome.js'
import { failsAbRun } from '../model/ab.js'
import type { AbRunReport } from '../model/ab-run.js'
import { formatChange, formatCount } from '../units/format.js'
import { abFileText, abOutcomeLine, abSentence, abStatusLabel, failureExcerpt, failureSentence, intervalText, revisionsLine, typicalText } from './ab-text.js'
import { fitMiddle, padEndColumns, textWidth } from './fit-text.js'
import { entryName, nameInTest } from './row-name.js'

/** Columns the figures take at most; the benchmark's name gets the rest of the width. */
const MIN_NAME = 16

/**
 * `perfspec ab`'s terminal output: the revisions, a table of base vs head (typical call on each
 * side, change, interval, pairs, status), a sentence for each benchmark that is not plainly
 * unchanged, the runner failures with the start of their output, and the outcome line.
 *
 * @param width - terminal columns; names are shortened in the middle to fit
 */
export function abTable(report: AbRunReport, exitCode: number, width = 100): string {
  const header = ['benchmark', 'base', 'head', 'change', 'interval', 'pairs', 'status']
  const figures = report.comparisons.map((c) => [typicalText(c.base.typicalNs), typicalText(c.head.typicalNs), formatChange(c.change), intervalText(c.interval), formatCount(c.pairs), abStatusLabel(c, report.failures)])
  const widths = header.slice(1).map((h, i) => Math.max(h.length, ...figures.map((row) => textWidth(row[i]!))))
  const nameWidth = Math.max(MIN_NAME, width - widths.reduce((a, b) => a + b + 2, 0))
  const names = report.comparisons.map((c) => `${abFileText(c.file)} › ${nameInTest(c.test, entryName(c))}`)
  const nameColumn = Math.min(nameWidth, Math.max(header[0]!.length, ...names.map(textWidth)))
  const line = (name: string, cells: string[]) => [padEndColumns(fitMiddle(name, nameColumn), nameColumn), ...cells.map((c, i) => c.padStart(widths[i]!))].join('  ').trimEnd()
  const out = [revisionsLine(report), '']
  if (report.comparisons.length) {
    out.push(line(header[0]!, header.slice(1)), [nameColumn, ...widths].map((w) => '-'.repeat(w)).join('  '))
    report.comparisons.forEach((c, i) => out.push(line(names[i]!, figures[i]!)))
    out.push('')
  } else out.push('No benchmark ran on either side.', '')
  for (const c of report.comparisons) {
    if (c.status === 'unchanged') continue
    out.push(`${failsAbRun(c) ? '✗' : c.status === 'faster' ? '✓' : '!'} ${abFileText(c.file)}: ${abSentence(c, report.failures, report.comparisons)}`)
  }
  for (const f of report.failures) {
    out.push(`✗ ${failureSentence(f)}`)
    const excerpt = failureExcerpt(f.output)
    if (excerpt) out.push(...excerpt.split('\n').map((l) => `    ${l}`))
  }
  out.push(abOutcomeLine(report, abCounts(report), exitCode))
  return `${out.join('\n')}\n`
}
