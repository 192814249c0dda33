import type { CompareOutcome } from '../compare/compare-entries.js'
import type { CompareRow } from '../model/baseline-check.js'
import type { Gate } from '../model/gate.js'
import { formatChange, formatDuration, formatPercent } from '../units/format.js'
import { padEndColumns, textWidth } from './fit-text.js'
import { compareRowText, compareStatisticsAloneText, notGatedTexts } from './verdict-text.js'

const VERDICT: Record<CompareOutcome, string> = { regressed: 'FAIL', failed: 'FAIL', warned: 'WARN', passed: 'PASS', 'nothing-compared': 'NOTHING COMPARED' }

const LABEL: Record<CompareRow['status'], string> = {
  ok: 'ok',
  improved: 'improved',
  warn: 'WARN',
  regressed: 'REGRESSED',
  new: 'new',
  missing: 'missing',
  unchecked: 'unchecked',
  failed: 'FAILED',
  skipped: 'not gated',
}

/**
 * `perfspec compare`'s terminal output: a table (baseline, current, change, status), the details,
 * then the outcome with every count, and when nothing was compared, why.
 *
 * @param runsGate - the gate is the current run's own, from its report (no gate flag given)
 */
export function compareTable(rows: readonly CompareRow[], gate: Gate, outcome: CompareOutcome, runsGate = false): string {
  const header = ['benchmark', `baseline ${gate.metric}`, `current ${gate.metric}`, 'change', 'status']
  // A figure of a benchmark gated on another metric than the command's names it.
  const figure = (r: CompareRow, value: number | undefined) => (value === undefined ? '—' : `${formatDuration(value)}${r.gate && r.gate.metric !== gate.metric ? ` (${r.gate.metric})` : ''}`)
  const body = rows.map((r) => [
    r.benchId,
    figure(r, r.baseline),
    figure(r, r.current),
    r.change !== undefined ? formatChange(r.change) : '—',
    LABEL[r.status],
  ])
  // Terminal columns, not code units: an id in CJK or with emoji keeps the table aligned.
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => textWidth(row[i]!))))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? padEndColumns(c, widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), '']
  for (const r of rows) if (r.status === 'regressed' || r.status === 'failed' || r.status === 'warn' || r.status === 'unchecked') out.push(`${r.status === 'regressed' || r.status === 'failed' ? '✗' : '!'} ${compareRowText(r, gate)}`)
  for (const r of rows) if (r.status === 'skipped') out.push(`i ${compareRowText(r, gate)}`)
  const own = rows.filter((r) => r.gate && r.status !== 'skipped')
  if (own.length) out.push(`i ${own.length} ${own.length === 1 ? 'benchmark is' : 'benchmarks are'} gated by ${own.length === 1 ? 'its' : 'their'} own metric or threshold, as ${own.length === 1 ? 'its' : 'their'} run report says (${own.map((r) => `"${r.benchId}": ${r.gate!.metric} ${formatPercent(r.gate!.threshold)}`).join(', ')})`)
  const statistics = compareStatisticsAloneText(rows)
  if (statistics) out.push(`i ${statistics}`)
  for (const text of notGatedTexts(rows)) out.push(`i ${text}`)
  const count = (s: CompareRow['status']) => rows.filter((r) => r.status === s).length
  out.push(
    `${VERDICT[outcome]}: ${rows.length} ${rows.length === 1 ? 'benchmark' : 'benchmarks'}, ${count('regressed')} regressed, ${count('failed')} failed, ${count('warn')} warn, ${count('improved')} improved, ${count('ok')} ok, ${count('new')} new, ${count('missing')} missing, ${count('unchecked')} unchecked${count('skipped') ? `, ${count('skipped')} not gated` : ''} (gate: ${gate.metric} more than ${formatPercent(gate.threshold)} above the baseline${runsGate ? ", the run's own, from its report; --threshold, --warn or --metric to choose another" : ''})`,
  )
  if (outcome === 'nothing-compared') {
    out.push(
      count('unchecked')
        ? `Nothing was compared: no benchmark has a "${gate.metric}" figure on both sides. Choose a --metric both files carry (plain files of other tools carry p50 and p95).`
        : 'Nothing was compared: no benchmark is in both the baseline and the current results. Check that the files belong together.',
    )
  }
  return `${out.join('\n')}\n`
}

/**
 * What a current run report said went wrong with its run (stopped before it ended, no test file
 * ran, a Jest project without perfspec's setup), one line each, and that the comparison fails for
 * it: its results are incomplete, whatever the table says.
 */
export function currentRunProblemsText(problems: ReadonlyArray<{ path: string; problem: string }>): string {
  if (problems.length === 0) return ''
  const lines = problems.map(({ path, problem }) => ` ✗ ${path}: ${problem}`)
  return `${lines.join('\n')}\n FAIL  the current run ${problems.length === 1 ? 'report says' : 'reports say'} its run went wrong (above), so what it holds is incomplete\n`
}

/**
 * What the baseline run report said went wrong with its run, one line each, and what that means:
 * a benchmark that run never reached reads `new` here and is not gated.
 */
export function baselineRunProblemsText(path: string, problems: readonly string[]): string {
  if (problems.length === 0) return ''
  const lines = problems.map((problem) => ` ! ${path}: ${problem}`)
  return `${lines.join('\n')}
 ! the baseline run report says its run went wrong (above): a benchmark that run never reached reads "new" here and is not gated; compare with the report of a run that went right
`
}
