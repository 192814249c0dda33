import type { CompareRow } from '../model/baseline-check.js'
import type { DecidedRun, TestRecord } from '../model/run-report.js'
import { checkSentence, compareRowText, unfinishedText } from './verdict-text.js'
import { printable } from '../model/names.js'
import { testFile } from './row-name.js'
import { normalize } from 'pathe'

/** GitHub's workflow-command escaping of a message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** GitHub's workflow-command escaping of a property (file, title). */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** One workflow command; `file` (and `line`) place it in the code when known (the CLI's files have none). */
export function annotation(level: 'error' | 'warning', file: string | undefined, line: number | undefined, title: string, message: string): string {
  const where = [...(file ? [`file=${escapeProperty(file)}`] : []), ...(file && line ? [`line=${line}`] : []), `title=${escapeProperty(title)}`].join(',')
  return `::${level} ${where}::${escapeData(message)}`
}

// The same words for the same finding, from the reporter and from the CLI.
const TITLE = { regressed: 'perfspec: performance regression', failed: 'perfspec: benchmark failed', warn: 'perfspec: slower than baseline', unchecked: 'perfspec: baseline not checked' } as const

/**
 * A test file's path as an annotation places it, relative to the repository: `folder` is the
 * project's folder in the repository (`''` at its top), where the run's paths start; `..` parts
 * resolved, and none for a file outside the repository.
 */
export function inRepository(folder: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined
  const path = normalize(folder === '' ? file : `${folder}/${file}`)
  // A test file outside the repository (Jest `roots` beside `rootDir`): GitHub has no place for it.
  return path === '..' || path.startsWith('../') ? undefined : path
}

/**
 * GitHub Actions annotations for a decided run: `::error` for regressions, failed leak checks and
 * (in CI) baselines that could not be checked; `::warning` for WARN results, at the test's file
 * and line, as a path from the repository's top (`folder`: the project's folder there, see
 * {@link inRepository}).
 */
export function runAnnotations(run: DecidedRun, folder = ''): string[] {
  const at = (test: Pick<TestRecord, 'file' | 'path'>) => inRepository(folder, testFile(test))
  const lines: string[] = []
  for (const row of run.rows) {
    const check = row.baseline
    if (check) {
      const text = checkSentence(check)
      if (check.status === 'regressed') lines.push(annotation('error', at(row.test), check.line, TITLE.regressed, text))
      else if (check.status === 'warn') lines.push(annotation('warning', at(row.test), check.line, TITLE.warn, text))
      // Whether an unchecked baseline fails the run was decided with the row's status.
      else if (check.status === 'unchecked') lines.push(annotation(row.status === 'FAIL' ? 'error' : 'warning', at(row.test), check.line, TITLE.unchecked, text))
    }
    for (const e of row.expectations) {
      if (e.status === 'WARN') lines.push(annotation('warning', at(row.test), row.test.line, 'perfspec: little headroom', e.message))
    }
  }
  for (const { test, leak } of run.leaks) {
    if (leak.status === 'FAIL') lines.push(annotation('error', at(test), test.line, 'perfspec: memory leak', leak.message))
  }
  for (const { test, check } of run.retention) {
    if (check.status === 'FAIL') lines.push(annotation('error', at(test), test.line, 'perfspec: object not released', check.message))
  }
  // What failed the run as a whole (a runner stopped, a project without perfspec's setup, tests
  // that failed before recording): no file to point at, but the job's annotations say why.
  for (const problem of run.report.problems ?? []) lines.push(annotation('error', undefined, undefined, 'perfspec: run', printable(problem)))
  const unfinished = unfinishedText(run.report.unfinished)
  if (unfinished) lines.push(annotation('error', undefined, undefined, 'perfspec: run', unfinished))
  return lines
}

/**
 * GitHub Actions annotations for `perfspec compare`, as the reporter gives them: `::error` for a
 * regression and for a benchmark that failed, `::warning` for a WARN and for a benchmark that
 * could not be compared.
 */
export function compareAnnotations(rows: readonly CompareRow[], gate: { metric: string; threshold: number }): string[] {
  const lines: string[] = []
  for (const r of rows) {
    if (r.status === 'regressed' || r.status === 'failed') lines.push(annotation('error', undefined, undefined, TITLE[r.status], compareRowText(r, gate)))
    else if (r.status === 'warn' || r.status === 'unchecked') lines.push(annotation('warning', undefined, undefined, TITLE[r.status], compareRowText(r, gate)))
  }
  return lines
}

/**
 * The line said when the Markdown summary cannot be appended to `$GITHUB_STEP_SUMMARY` (a folder
 * that does not exist, a directory): the run fails, as it does for a report that was not written.
 */
export function stepSummaryNotWrittenText(path: string, problem: string): string {
  return `the GitHub step summary not written to ${path} ($GITHUB_STEP_SUMMARY): ${problem}. The run fails, as for a report not written: the job's summary would not show this run`
}
