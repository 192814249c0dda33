import { createColors } from 'picocolors'
import type { DecidedStatus } from '../model/entries.js'
import { printable } from '../model/names.js'
import type { BenchRow, DecidedRun } from '../model/run-report.js'
import { formatComplexity, formatDuration, formatExponent, formatRate } from '../units/format.js'
import { fitMiddle, padEndColumns, textWidth } from './fit-text.js'
import { entryName, rowName, testFile, testLocation, versusBaseline } from './row-name.js'
import { scalingName } from './scaling-section.js'
import { countsText, EXPECTED_TO_FAIL_DID_NOT, uncountedPrefix } from './status-text.js'
import { briefCheckText, fileErrorText, obsoleteText, notGatedTexts, statisticsAloneText, processesShortText, timeLimitedText, unfinishedText } from './verdict-text.js'
import { inert } from './inert-lines.js'

/** How the terminal that shows the summary looks. */
export interface TerminalStyle {
  /** ANSI colours on. */
  color: boolean
  /**
   * Columns: rows are fitted to it, names shortened in the middle (widths in terminal columns: a
   * CJK character or an emoji takes two); below 60, calls/s and then p50 are left out.
   */
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
type Column = (typeof COLUMNS)[number]
const INDENT = '   '
// `x`, as pytest marks a failure that was expected; a failure its test caught counts neither way too.
const MARK: Record<DecidedStatus, string> = { PASS: '✓', WARN: '!', FAIL: '✗', XFAIL: 'x', CAUGHT: 'x' }
const MIN_NAME = 16
// The statuses of a check that failed, whether it counts or not.
const FAILED: ReadonlySet<DecidedStatus> = new Set(['FAIL', 'XFAIL', 'CAUGHT'])

// Where the lines of a message after its first start, under the message's own text.
const CONTINUATION = '     '

/** Lines of one message the console shows; the rest are counted. */
const MAX_MESSAGE_LINES = 40

/**
 * A message of perfspec's own on its lines, as it was written (`held by: …` on a line of its
 * own), each line printable. A line that would start a GitHub workflow command (`::error …`, which
 * the runner reads after leading spaces too) gets a `›` before it: a name or an error inside a
 * message is not perfspec's, and must not command the CI.
 */
function messageLines(message: string): string {
  const all = message.split('\n')
  // A message is perfspec's sentence around what the user's code threw, which can be anything:
  // a thrown text of 200,000 lines printed them all.
  const lines = all.length > MAX_MESSAGE_LINES ? [...all.slice(0, MAX_MESSAGE_LINES), `… ${all.length - MAX_MESSAGE_LINES} more lines (in the JSON report)`] : all
  return lines
    .map((line, i) => {
      const shown = printable(i === 0 ? line : line.trimStart())
      return i === 0 ? shown : `${CONTINUATION}${inert(shown)}`
    })
    .join('\n')
}


/** The mark of a row's error: the row's status when the failure counts neither way, FAIL otherwise. */
function errorMark(status: DecidedStatus): DecidedStatus {
  return status === 'XFAIL' || status === 'CAUGHT' ? status : 'FAIL'
}
// What a narrow terminal leaves out first, so that a name keeps MIN_NAME columns: the gate's
// figures (p95 and the change) stay.
const DROPPED_WHEN_NARROW: ReadonlyArray<Column['title']> = ['calls/s', 'p50']

/** The figure columns that fit beside a name of MIN_NAME columns, and the name's width. */
function layout(width: number, longestName: number): { columns: Column[]; nameWidth: number } {
  let columns: Column[] = [...COLUMNS]
  const room = () => width - INDENT.length - 2 - columns.reduce((sum, col) => sum + col.width, 0) - 1
  for (const title of DROPPED_WHEN_NARROW) if (room() < MIN_NAME) columns = columns.filter((col) => col.title !== title)
  return { columns, nameWidth: Math.max(1, Math.min(MIN_NAME, room()), Math.min(longestName, room())) }
}

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
  const paint: Record<DecidedStatus, (s: string) => string> = { PASS: c.green, WARN: c.yellow, FAIL: c.red, XFAIL: c.blue, CAUGHT: c.blue }
  const { report } = run
  const names = [...run.rows.map((r) => textWidth(rowName(r))), ...run.scaling.map((r) => textWidth(scalingName(r)))]
  const { columns, nameWidth } = layout(style.width, Math.max(0, ...names))
  const figuresWidth = columns.reduce((sum, col) => sum + col.width, 0)
  const lines: string[] = ['', ` ${c.bold('perfspec')}`]
  if (run.rows.length) {
    lines.push(c.dim(`${' '.repeat(INDENT.length + 2 + nameWidth)}${columns.map((col) => col.title.padStart(col.width)).join('')}`))
  }
  let file: string | undefined
  // The start of a row (a benchmark's, a scaling check's): its mark and its name, under a heading
  // for its test file when the file changes.
  const rowStart = (test: { file: string; path?: string }, status: DecidedStatus, name: string): string => {
    if (testFile(test) !== file) {
      file = testFile(test)
      // A folder or file name is not perfspec's: it must not command the CI either.
      lines.push(` ${c.cyan(inert(fitMiddle(printable(file), style.width - 3)))}`)
    }
    return `${INDENT}${paint[status](MARK[status])} ${padEndColumns(name, nameWidth)}`
  }
  for (const row of run.rows) {
    const start = rowStart(row.test, row.status, rowName(row, nameWidth))
    const r = row.bench.result
    let shown: string
    if (r) {
      const figures: Record<Column['title'], string> = { p50: formatDuration(r.latency.p50), p95: formatDuration(r.latency.p95), 'calls/s': formatRate(r.throughput.mean).replace(/\/s$/, ''), 'vs base': versusBaseline(row, true) }
      const changeColor = row.baseline?.status === 'regressed' ? c.red : row.baseline?.status === 'improved' ? c.green : (s: string) => s
      shown = columns.map((col) => (col.title === 'vs base' ? changeColor : (s: string) => s)(figures[col.title].padStart(col.width))).join('')
    } else {
      const failed = ` ${uncountedPrefix(row.status) || 'failed: '}`
      shown = paint[row.status](`${failed}${fitMiddle(printable(row.bench.error ?? ''), figuresWidth - failed.length)}`)
    }
    lines.push(`${start}${shown}`)
  }
  // A scaling check takes one row too: the class it looks like and its exponent (time ∝ n^exponent,
  // with its interval), over the figure columns.
  for (const row of run.scaling) {
    const start = rowStart(row.test, row.status, scalingName(row, nameWidth))
    const r = row.scaling.result
    const failed = ` ${uncountedPrefix(row.status) || 'failed: '}`
    const text = r
      ? fitMiddle(`${formatComplexity(r.fit.best)}, n^${formatExponent(r.fit.exponent)} (${formatExponent(r.fit.interval[0])}–${formatExponent(r.fit.interval[1])})`, figuresWidth).padStart(figuresWidth)
      : paint[errorMark(row.status)](`${failed}${fitMiddle(printable(row.scaling.error ?? ''), figuresWidth - failed.length)}`)
    lines.push(`${start}${text}`)
  }

  // What needs attention, one line each; the whole sentences are in the Markdown report.
  const attention: string[] = []
  const mark = (status: DecidedStatus) => paint[status](MARK[status])
  // The words before a message: a failure in a test expected to fail is said to be expected, one
  // in a test that passed to be caught by it.
  const said = uncountedPrefix
  for (const row of run.rows) {
    const where = `${entryName(row.bench)} (${printable(testLocation(row.test))})`
    if (row.bench.error) attention.push(`${mark(errorMark(row.status))} ${where}: ${said(row.status) || 'failed: '}${printable(row.bench.error)}`)
    if (row.test.expectedToFail && row.test.state === 'failed') attention.push(`${mark('FAIL')} ${where}: ${EXPECTED_TO_FAIL_DID_NOT}`)
    const brief = row.baseline ? briefCheckText(row.baseline) : undefined
    if (brief) attention.push(`${mark(row.status)} ${where}: ${brief}`)
    for (const e of row.expectations.filter((x) => x.status !== 'PASS')) attention.push(`${mark(e.status)} ${where}: ${said(e.status)}${messageLines(e.message)}`)
  }
  for (const { leak, test } of run.leaks.filter((l) => FAILED.has(l.leak.status))) {
    attention.push(`${mark(leak.status)} ${printable(leak.name)} (${printable(testLocation(test))}): ${said(leak.status)}${messageLines(leak.message)}`)
  }
  for (const row of run.scaling) {
    const where = `${entryName(row.scaling)} (${printable(testLocation(row.test))})`
    if (row.scaling.error) attention.push(`${mark(errorMark(row.status))} ${where}: ${said(row.status) || 'failed: '}${printable(row.scaling.error)}`)
    for (const e of row.expectations.filter((x) => x.status !== 'PASS')) attention.push(`${mark(e.status)} ${where}: ${said(e.status)}${messageLines(e.message)}`)
  }
  for (const { check, test } of run.retention.filter((r) => FAILED.has(r.check.status))) {
    attention.push(`${mark(check.status)} ${printable(check.name)} (${printable(testLocation(test))}): ${said(check.status)}${messageLines(check.message)}`)
  }
  for (const e of report.baselineErrors) attention.push(`${c.red('✗')} ${fileErrorText(e)}`)
  const unfinished = unfinishedText(report.unfinished)
  if (unfinished) attention.push(`${c.red('✗')} ${unfinished}`)
  for (const text of notGatedTexts(report.baselines)) attention.push(`${c.blue('i')} ${text}`)
  const limited = timeLimitedText(report.baselines)
  if (limited) attention.push(`${c.blue('i')} ${limited}`)
  const fewer = processesShortText(report.baselines)
  if (fewer) attention.push(`${c.blue('i')} ${printable(fewer)}`)
  const statistics = statisticsAloneText(run.rows, report.runner.name)
  if (statistics) attention.push(`${c.blue('i')} ${statistics}`)
  const obsolete = obsoleteText(report.obsolete)
  if (obsolete) attention.push(`${c.blue('i')} ${obsolete}`)
  for (const f of [...(report.problems ?? []), ...failures]) attention.push(`${c.red('✗')} ${printable(f)}`)
  if (attention.length) lines.push('', ...attention.map((line) => ` ${line}`))

  const s = { ...report.summary, ...(failures.length > 0 && { status: 'FAIL' as const }) }
  const counts = [
    `${s.benchmarks} ${s.benchmarks === 1 ? 'benchmark' : 'benchmarks'}`,
    `${s.regressions} ${s.regressions === 1 ? 'regression' : 'regressions'}`,
    `expectations ${countsText(s.expectations).inline}`,
    ...(s.leaks.pass + s.leaks.fail + (s.leaks.xfail ?? 0) + (s.leaks.caught ?? 0) > 0 ? [`leak checks ${countsText(s.leaks).inline}`] : []),
    ...(run.scaling.length > 0 ? [`${run.scaling.length} scaling ${run.scaling.length === 1 ? 'check' : 'checks'}`] : []),
  ]
  lines.push('', ` ${paint[s.status](c.bold(s.status))}  ${counts.join(' · ')}`)
  if (written.length) lines.push(c.dim(` wrote ${written.join(', ')}`))
  return `${lines.join('\n')}\n`
}

