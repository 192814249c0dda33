import type { CompareRow } from '../model/baseline-check.js'
import type { DecidedRun } from '../model/run-report.js'
import { checkSentence, compareRowText } from './verdict-text.js'

/** GitHub's workflow-command escaping of a message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** GitHub's workflow-command escaping of a property (file, title). */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function annotation(level: 'error' | 'warning', file: string, line: number | undefined, title: string, message: string): string {
  const where = [`file=${escapeProperty(file)}`, ...(line ? [`line=${line}`] : []), `title=${escapeProperty(title)}`].join(',')
  return `::${level} ${where}::${escapeData(message)}`
}

/**
 * GitHub Actions annotations for a decided run: `::error` for regressions, failed leak checks and
 * (in CI) baselines that could not be checked; `::warning` for WARN results, at the test's file and line.
 */
export function runAnnotations(run: DecidedRun): string[] {
  const lines: string[] = []
  for (const row of run.rows) {
    const check = row.baseline
    if (check) {
      const text = checkSentence(check)
      if (check.status === 'regressed') lines.push(annotation('error', check.file, check.line, 'perfspec: performance regression', text))
      else if (check.status === 'warn') lines.push(annotation('warning', check.file, check.line, 'perfspec: slower than baseline', text))
      // Whether an unchecked baseline fails the run was decided with the row's status.
      else if (check.status === 'unchecked') lines.push(annotation(row.status === 'FAIL' ? 'error' : 'warning', check.file, check.line, 'perfspec: baseline not checked', text))
    }
    for (const e of row.expectations) {
      if (e.status === 'WARN') lines.push(annotation('warning', row.test.file, row.test.line, 'perfspec: little headroom', e.message))
    }
  }
  for (const { test, leak } of run.leaks) {
    if (leak.status === 'FAIL') lines.push(annotation('error', test.file, test.line, 'perfspec: memory leak', leak.message))
  }
  return lines
}

/** GitHub Actions workflow commands for `perfspec compare`: a `::warning::` line per regression or WARN. */
export function compareAnnotations(rows: readonly CompareRow[], gate: { metric: string; threshold: number }): string[] {
  return rows.filter((r) => r.status === 'regressed' || r.status === 'warn').map((r) => `::warning::${escapeData(compareRowText(r, gate))}`)
}
