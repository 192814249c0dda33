import type { BenchRow } from '../model/run-report.js'
import { formatBytes, formatChange, formatCount, formatDuration, formatPercent } from '../units/format.js'
import { markdownTable as table } from './markdown-table.js'
import { markdownText } from './markdown-text.js'

const VERDICT = { PASS: '✅ within', WARN: '⚠️ cannot tell', FAIL: '❌ above', XFAIL: '☑️ above, as expected', CAUGHT: '☑️ above, caught by the test' } as const

/**
 * The report's section on `toBeWithin(…).of(…)`: each comparison of two results measured
 * together, with both figures, the difference, its interval, the difference allowed and the
 * verdict. Empty when the run had none.
 */
export function renderOverheadSection(rows: readonly BenchRow[]): string[] {
  const checks = rows.flatMap((r) => r.expectations.filter((e) => e.overhead))
  if (!checks.length) return []
  const method = checks[0]!.overhead!.method
  return [
    '## Overhead',
    '',
    table(
      ['Benchmark', 'Compared with', 'Figure', 'This', 'Other', 'Difference', 'Interval', 'Allowed', 'Rounds', 'Verdict'],
      checks.map((e) => {
        const o = e.overhead!
        const format = o.figureUnit === 'bytes' ? formatBytes : formatDuration
        return [
          e.benchId,
          o.otherId,
          e.subject,
          format(o.figure),
          format(o.otherFigure),
          formatChange(o.change),
          o.interval ? `${formatPercent(o.confidence)} CI ${formatChange(o.interval[0])} to ${formatChange(o.interval[1])}` : '—',
          `≤ +${formatPercent(o.margin)}`,
          formatCount(o.rounds),
          VERDICT[e.status],
        ]
      }),
    ),
    '',
    `Method: ${markdownText(method)}, over rounds that alternate the functions; "within" means the whole interval lies at or below the allowed difference, "above" that it lies wholly above it; otherwise these measurements cannot tell, which passes with a warning.`,
    '',
  ]
}
