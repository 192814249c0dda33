import { abCounts } from '../compare/ab-outcome.js'
import { failsAbRun, type AbComparison } from '../model/ab.js'
import type { AbRunReport } from '../model/ab-run.js'
import { formatChange, formatConfidence, formatCount, formatDuration, formatPercent } from '../units/format.js'
import { abFileText, abOutcomeLine, abSentence, abStatusLabel, failureExcerpt, failureSentence, intervalText, revisionsLine, typicalText } from './ab-text.js'
import { changeChart } from './charts.js'
import { markdownTable as table } from './markdown-table.js'
import { markdownText as md } from './markdown-text.js'
import { entryName, nameInTest } from './row-name.js'

/** Most benchmarks on the change chart: the largest changes either way. */
const CHANGE_CHART_MAX = 30

const MARK = { slower: '❌', faster: '✅', unchanged: '✅', inconclusive: '⚠️', alone: 'ℹ️' } as const

/** A comparison's mark: one slower that is not gated fails nothing, and is marked as a note. */
const markOf = (c: AbComparison): string => (c.status === 'slower' && !failsAbRun(c) ? '⚠️' : MARK[c.status])

/**
 * `BENCHMARK_RESULTS.md` of a `perfspec ab` run (and the GitHub step summary): the outcome, the
 * section "Base vs head" with its table and change chart (head's typical call as a percentage of
 * base's), a sentence for each benchmark that is not plainly unchanged, the runner failures, and
 * how the run was made.
 *
 * @param jsonName - the JSON's path, to point at
 */
export function renderAbMarkdown(report: AbRunReport, exitCode: number, jsonName?: string): string {
  const counts = abCounts(report)
  const out: string[] = ['# Benchmark results: base vs head', '']
  out.push(`**${exitCode === 1 ? '❌ FAIL' : exitCode === 2 ? '⚠️ NOT DECIDED' : '✅ PASS'}** · ${md(`${report.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} · ${report.runner.name} · ${revisionsLine(report)}`)} · run took ${formatDuration(report.duration)}`, '')
  out.push(`${md(abOutcomeLine(report, counts, exitCode))}`, '')
  out.push('## Base vs head', '')
  if (report.comparisons.length) {
    out.push(
      table(
        ['File', 'Benchmark', 'base', 'head', 'change', 'interval', 'pairs', 'status'],
        report.comparisons.map((c) => [abFileText(c.file), nameInTest(c.test, entryName(c)), typicalText(c.base.typicalNs), typicalText(c.head.typicalNs), formatChange(c.change), intervalText(c.interval), formatCount(c.pairs), `${markOf(c)} ${abStatusLabel(c, report.failures)}`]),
      ),
      '',
    )
    const charted = report.comparisons
      .filter((c) => c.status !== 'alone' && Number.isFinite(c.change))
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))
      .slice(0, CHANGE_CHART_MAX)
    const chart = changeChart(charted.map((c) => ({ label: nameInTest(c.test, entryName(c)), change: c.change })), report.gate.threshold, { now: 'Head', then: 'base' })
    if (chart) out.push(chart, '')
    const notes = report.comparisons.filter((c) => c.status !== 'unchanged')
    for (const c of notes) out.push(`- ${markOf(c)} ${md(`${abFileText(c.file)}: ${abSentence(c, report.failures, report.comparisons)}`)}`)
    if (notes.length) out.push('')
  } else out.push('No benchmark ran on either side.', '')
  if (report.failures.length) {
    out.push('### Runner failures', '')
    for (const f of report.failures) {
      out.push(`- ❌ ${md(failureSentence(f))}`)
      const excerpt = failureExcerpt(f.output, 20)
      if (excerpt) out.push('', ...fenced(excerpt).map((l) => `  ${l}`))
    }
    out.push('')
  }
  out.push('## How this was measured', '')
  out.push(
    md(
      `Both revisions ran their own tests at the same time, one ${report.runner.name} process each, one test file at a time in the same order; benchmarks with the same id took turns in short blocks, alternating in a random order per pair, so that the machine's slow stretches fell on both. Each verdict comes from the ratios of the paired blocks' ${report.gate.metric === 'typical' ? 'typical call' : report.gate.metric}: an interval at ${formatConfidence(report.gate.confidence)} confidence for the whole run, checked against ±${formatPercent(report.gate.threshold)}, with at most ${formatDuration(report.timeCapMs)} per benchmark.`,
    ),
    '',
  )
  const setup = [`${report.files} test ${report.files === 1 ? 'file' : 'files'}`, `base dependencies ${report.install === 'link' ? 'shared with the working tree (same lockfile)' : report.install === 'reuse' ? 'from an earlier install' : 'installed for this run'}`]
  if (report.shards?.length) setup.push(`shard${report.shards.length > 1 ? 's' : ''} ${report.shards.map((s) => `${s.index}/${s.count}`).join(', ')}`)
  out.push(md(`${setup.join(' · ')}.`), '')
  if (jsonName) out.push(`Raw data: ${md(jsonName)}`, '')
  return `${out.join('\n').trimEnd()}\n`
}

/** A runner's output (printable lines, see `failureExcerpt`) as a fenced block: a fence longer than any run of backticks in it, so nothing inside is markup or ends it. */
function fenced(text: string): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  return [`${fence}text`, ...text.split('\n'), fence]
}

const AB_START = '<!-- perfspec ab: start -->'
const AB_END = '<!-- perfspec ab: end -->'

/** Whether a Markdown file is a whole `perfspec ab` report (not the reporter's, which gets a section). */
export function isAbMarkdown(text: string): boolean {
  return text.replace(/^\uFEFF/, '').startsWith('# Benchmark results: base vs head')
}

/**
 * The reporter's `BENCHMARK_RESULTS.md` with a `perfspec ab` run's report as its last section,
 * between markers: a run of the baseline gate and an A/B run in one job leave one report with
 * both, and the next A/B run replaces its own section only. Headings go one level down, under
 * "perfspec ab: base vs head".
 *
 * @param existing - the reporter's report as on disk
 * @param ab - {@link renderAbMarkdown}'s text
 */
export function withAbSection(existing: string, ab: string): string {
  const start = existing.indexOf(AB_START)
  const end = existing.indexOf(AB_END, start)
  const kept = (start >= 0 && end > start ? existing.slice(0, start) + existing.slice(end + AB_END.length) : existing).trimEnd()
  const body = ab
    .split('\n')
    .slice(1)
    .map((line) => (line.startsWith('#') ? `#${line}` : line))
    .join('\n')
    .trim()
  return `${kept}\n\n${AB_START}\n\n## perfspec ab: base vs head\n\n${body}\n\n${AB_END}\n`
}
