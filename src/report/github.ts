import { appendFileSync } from 'node:fs'
import type { RunReport } from './run-report.js'
import { benchRows, leakEntries } from './summarize.js'

/** GitHub's workflow-command escaping for data and for properties. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function annotation(level: 'error' | 'warning', file: string, line: number | undefined, title: string, message: string): string {
  const where = [`file=${escapeProperty(file)}`, ...(line ? [`line=${line}`] : []), `title=${escapeProperty(title)}`].join(',')
  return `::${level} ${where}::${escapeData(message)}`
}

/**
 * GitHub Actions annotations for a run: `::error` for regressions, failed leak checks and
 * unreadable baselines; `::warning` for WARN-band results, at the test's file and line.
 */
export function githubAnnotations(report: RunReport): string[] {
  const lines: string[] = []
  for (const check of report.baselines) {
    const env = check.environmentNote ? ` (baseline taken on another environment: ${check.environmentNote})` : ''
    if (check.status === 'regressed') lines.push(annotation('error', check.file, check.line, 'perfspec: performance regression', check.message + env))
    else if (check.status === 'warn') lines.push(annotation('warning', check.file, check.line, 'perfspec: slower than baseline', check.message + env))
    else if (check.status === 'unchecked') lines.push(annotation(report.environment.ci ? 'error' : 'warning', check.file, check.line, 'perfspec: baseline not checked', check.message))
  }
  for (const row of benchRows(report.tests, report.baselines, report.environment.ci)) {
    for (const e of row.expectations) {
      if (e.status === 'WARN') lines.push(annotation('warning', row.test.file, row.test.line, 'perfspec: little headroom', e.message))
    }
  }
  for (const { test, leak } of leakEntries(report.tests)) {
    if (leak.status === 'FAIL') lines.push(annotation('error', test.file, test.line, 'perfspec: memory leak', leak.message))
  }
  return lines
}

/** Appends the Markdown summary to `$GITHUB_STEP_SUMMARY` when GitHub provides one. */
export function writeStepSummary(markdown: string, path = process.env.GITHUB_STEP_SUMMARY): void {
  if (path) appendFileSync(path, `${markdown}\n`)
}
