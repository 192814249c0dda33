import { binsOf, decodeDistribution } from '../analyse/distribution.js'
import type { ExpectationEntry, RetentionEntry } from '../model/entries.js'
import type { BenchRow, DecidedRun } from '../model/run-report.js'
import { formatBytes, formatChange, formatCount, formatDuration, formatPercent, formatRate, formatRme } from '../units/format.js'
import { changeChart, distributionChart } from './charts.js'
import { renderLoadSections } from './load-sections.js'
import { renderOverheadSection } from './overhead-section.js'
import { renderScalingSection, scalingName } from './scaling-section.js'
import { BADGE, markdownTable as table } from './markdown-table.js'
import { markdownCode, markdownLines, markdownLinkTarget, markdownText as md } from './markdown-text.js'
import { entryName, nameInTest, rowName, testFile, testLocation, versusBaseline } from './row-name.js'
import { countsText, EXPECTED_TO_FAIL_DID_NOT } from './status-text.js'
import { checkSentence, checkText, fileErrorText, machineText, obsoleteText, notGatedTexts, statisticsAloneText, processesShortText, timeLimitedText, unfinishedText } from './verdict-text.js'

/** Bins of a latency distribution chart. */
const DISTRIBUTION_BINS = 12
/** Most benchmarks on the change chart: the largest changes either way. */
const CHANGE_CHART_MAX = 30

/** `<details>` around `lines`, closed by default, with a blank line so that Markdown inside renders. */
function details(summary: string, lines: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...lines, '</details>', '']
}

/**
 * An item of a list: its mark, then `text`, which is not perfspec's own, escaped; a message of
 * several lines keeps them as lines (`<br>`), on one line of the source, where no line of it can
 * start a heading or a list of its own.
 */
function item(mark: string, text: string, at?: string): string {
  // The place is one line whatever it holds: a line break in a test file's name is written `\n`, as in the headings.
  return `- ${mark ? `${mark} ` : ''}${markdownLines(text)}${at !== undefined ? ` — ${md(at)}` : ''}`
}

/** Where a test's benchmark is: `file:line`. */
function where(row: { test: { file: string; line?: number } }): string {
  return testLocation(row.test)
}

/** What a retention check asked for, in a few words. */
function retentionExpected(check: RetentionEntry): string {
  if (check.check === 'collected') return 'garbage-collected'
  return `at most ${formatCount(check.limit)} after ${formatCount(check.iterations ?? 0)} calls`
}

/** What an expectation asked, in short: `p95 latency < limit`, `median latency faster than "old"`, `CPU per call within 5.0% of "old"`. */
function expectationLabel(e: ExpectationEntry): string {
  if (e.overhead) return `${e.subject} within ${formatPercent(e.overhead.margin)} of "${e.overhead.otherName}"`
  return `${e.subject} ${e.comparator} ${e.comparison ? `"${e.comparison.otherName}"` : 'limit'}`
}

/** The sections of one test file: a short table, then everything else behind a `<details>`. */
function fileSection(file: string, rows: readonly BenchRow[]): string[] {
  const out = [`## ${md(file)}`, '']
  out.push(
    table(
      ['Benchmark', 'p50', 'p95', 'p99', 'ops/s', 'vs baseline', 'status'],
      rows.map((row) => {
        const r = row.bench.result
        if (!r) return [rowName(row), '—', '—', '—', '—', '—', `${BADGE[row.status]}: ${row.bench.error ?? ''}`]
        return [rowName(row), formatDuration(r.latency.p50), formatDuration(r.latency.p95), formatDuration(r.latency.p99), formatRate(r.throughput.mean).replace(/\/s$/, ''), versusBaseline(row), BADGE[row.status]]
      }),
    ),
    '',
  )
  const more: string[] = []
  const measured = rows.filter((row) => row.bench.result)
  if (measured.length) {
    more.push(
      table(
        ['Benchmark', 'n', 'mean', 'min', 'max', 'sd', 'CPU/call', 'heap/call', 'baseline'],
        measured.map((row) => {
          const r = row.bench.result!
          const l = r.latency
          const b = row.baseline
          return [
            rowName(row),
            formatCount(r.samples),
            `${formatDuration(l.mean)} ${formatRme(l.rme)}`,
            formatDuration(l.min),
            formatDuration(l.max),
            formatDuration(l.sd),
            r.cpu ? formatDuration(r.cpu.perOp) : '—',
            r.heap ? formatBytes(r.heap.bytesPerOp) : '—',
            b?.baseline !== undefined ? `${b.metric} ${formatDuration(b.baseline)}` : (b?.status ?? '—'),
          ]
        }),
      ),
      '',
    )
  }
  const expectations = rows.flatMap((row) => row.expectations.map((e) => ({ row, e })))
  if (expectations.length) {
    more.push(table(['Benchmark', 'Expectation', 'Status', 'Details'], expectations.map(({ row, e }) => [entryName(row.bench), expectationLabel(e), BADGE[e.status], e.message])), '')
  }
  for (const row of rows) {
    for (const w of row.bench.result?.warnings ?? []) more.push(item('⚠️', `${row.bench.name}: ${w}`))
    const text = machineText(row.baseline?.machine)
    if (text) more.push(item('ℹ️', `${row.bench.name}: baseline from another machine (${text}); differences may come from the machine`))
  }
  if (more.length && more[more.length - 1] !== '') more.push('')
  for (const row of measured) {
    const d = decodeDistribution(row.bench.result!.histogram)
    if (d && d.values.length > 1) more.push(distributionChart(row.bench.name, binsOf(d, DISTRIBUTION_BINS)), '')
  }
  if (more.length) out.push(...details('Full statistics, expectations, warnings and latency distributions', more))
  return out
}

/**
 * The list items of every failure of the run that counts neither way, of one status: failed as
 * expected (XFAIL) or caught by its test (CAUGHT).
 */
function uncountedItems(run: DecidedRun, status: 'XFAIL' | 'CAUGHT'): string[] {
  const items: string[] = []
  const failed = (name: string, error: string, at: string) => items.push(item('☑️', `"${name}" failed: ${error}`, at))
  for (const row of run.rows) {
    if (row.bench.error && row.status === status) failed(rowName(row), row.bench.error, where(row))
    for (const e of row.expectations.filter((x) => x.status === status)) items.push(item('☑️', e.message, where(row)))
  }
  for (const row of run.scaling) {
    if (row.scaling.error && row.status === status) failed(scalingName(row), row.scaling.error, where(row))
    for (const e of row.expectations.filter((x) => x.status === status)) items.push(item('☑️', e.message, where(row)))
  }
  for (const { leak, test } of run.leaks.filter((l) => l.leak.status === status)) items.push(item('☑️', `"${nameInTest(test.test, leak.name)}": ${leak.message}`, where({ test })))
  for (const { check, test } of run.retention.filter((r) => r.check.status === status)) items.push(item('☑️', `"${nameInTest(test.test, check.name)}": ${check.message}`, where({ test })))
  return items
}

/**
 * Renders `BENCHMARK_RESULTS.md` for people: the verdict and counts first; then what failed;
 * then what is worth a look though it did not fail; a chart of every benchmark's change against
 * its baseline; a section per test file with a short table, its full statistics, expectations
 * and latency distributions folded away; load runs, leak checks, baselines; the environment,
 * folded. `jsonName` is the raw JSON file the report points at.
 */
export function renderMarkdown(run: DecidedRun, jsonName = 'BENCHMARK_RESULTS.json'): string {
  const { report, rows, leaks, scaling, retention } = run
  const { summary, environment: env } = report
  const out: string[] = []
  out.push('# Benchmark results', '')
  out.push(`**${BADGE[summary.status]}** · ${md(`${report.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} · ${report.runner.name} ${report.runner.version} · Node ${env.node}`)} · run took ${formatDuration(report.duration)}`, '')
  const expectationCounts = countsText(summary.expectations)
  const leakCounts = countsText(summary.leaks)
  // Runs without scaling checks keep the table they always had. A scaling check that failed as
  // expected, or that its test caught, is counted apart, as the other checks are.
  const scalingCounts = countsText({
    pass: scaling.filter((s) => s.status === 'PASS' || s.status === 'WARN').length,
    fail: scaling.filter((s) => s.status === 'FAIL').length,
    xfail: scaling.filter((s) => s.status === 'XFAIL').length,
    caught: scaling.filter((s) => s.status === 'CAUGHT').length,
  })
  out.push(
    table(
      ['Benchmarks', 'Regressions', `Expectations (${expectationCounts.label})`, `Leak checks (${leakCounts.label})`, ...(scaling.length ? [`Scaling checks (${scalingCounts.label})`] : [])],
      [[String(summary.benchmarks), String(summary.regressions), expectationCounts.value, leakCounts.value, ...(scaling.length ? [scalingCounts.value] : [])]],
    ),
    '',
  )
  for (const text of notGatedTexts(report.baselines)) out.push(`> ℹ️ ${md(text)}`, '')
  const limited = timeLimitedText(report.baselines)
  if (limited) out.push(`> ℹ️ ${md(limited)}`, '')
  const fewer = processesShortText(report.baselines)
  if (fewer) out.push(`> ℹ️ ${md(fewer)}`, '')
  const statistics = statisticsAloneText(rows, report.runner.name)
  if (statistics) out.push(`> ℹ️ ${md(statistics)}`, '')
  if (rows.length === 0 && leaks.length === 0 && scaling.length === 0 && retention.length === 0) out.push('No benchmark or leak check finished in this run.', '')

  const failures: string[] = []
  for (const row of rows) {
    const b = row.baseline
    if (b?.status === 'regressed') failures.push(item('❌', checkSentence(b, rowName(row)), where(row)))
    else if (b?.status === 'unchecked' && row.status === 'FAIL') failures.push(item('❌', `"${rowName(row)}": ${checkText(b)}`, where(row)))
    if (row.bench.error && row.status !== 'XFAIL' && row.status !== 'CAUGHT') failures.push(item('❌', `"${rowName(row)}" failed: ${row.bench.error}`, where(row)))
    if (row.test.expectedToFail && row.test.state === 'failed') failures.push(item('❌', `"${rowName(row)}": ${EXPECTED_TO_FAIL_DID_NOT}`, where(row)))
    for (const e of row.expectations.filter((x) => x.status === 'FAIL')) failures.push(item('❌', e.message, where(row)))
  }
  for (const row of scaling) {
    if (row.scaling.error && row.status !== 'XFAIL' && row.status !== 'CAUGHT') failures.push(item('❌', `"${scalingName(row)}" failed: ${row.scaling.error}`, where(row)))
    for (const e of row.expectations.filter((x) => x.status === 'FAIL')) failures.push(item('❌', e.message, where(row)))
  }
  for (const { leak, test } of leaks.filter((l) => l.leak.status === 'FAIL')) failures.push(item('❌', `"${nameInTest(test.test, leak.name)}": ${leak.message}`, where({ test })))
  for (const { check, test } of retention.filter((r) => r.check.status === 'FAIL')) failures.push(item('❌', `"${nameInTest(test.test, check.name)}": ${check.message}`, where({ test })))
  for (const e of report.baselineErrors) failures.push(item('❌', fileErrorText(e)))
  const unfinished = unfinishedText(report.unfinished)
  if (unfinished) failures.push(item('❌', unfinished))
  for (const problem of report.problems ?? []) failures.push(item('❌', problem))
  if (failures.length) out.push('## Regressions and failures', '', ...failures, '')

  const look: string[] = []
  for (const row of rows) {
    if (row.baseline?.status === 'warn') look.push(item('⚠️', checkSentence(row.baseline, rowName(row)), where(row)))
    for (const e of row.expectations.filter((x) => x.status === 'WARN')) look.push(item('⚠️', e.message, where(row)))
  }
  for (const row of scaling) for (const e of row.expectations.filter((x) => x.status === 'WARN')) look.push(item('⚠️', e.message, where(row)))
  if (look.length) out.push('## Not failed, worth a look', '', ...look, '')

  const expected = uncountedItems(run, 'XFAIL')
  if (expected.length) out.push('## Failed as expected', '', 'In tests the runner expects to fail (`test.fails`, `test.failing`), whose failures are how they pass: these count neither as failures nor as passes.', '', ...expected, '')
  const caught = uncountedItems(run, 'CAUGHT')
  if (caught.length) out.push('## Caught by the test', '', 'Failures in tests that passed: each test caught its failure (`await expect(…).rejects.toThrow()`, a `try`/`catch`), as a test of a detector does. These count neither as failures nor as passes.', '', ...caught, '')

  const changed = rows
    .filter((row) => row.baseline?.change !== undefined)
    .map((row) => ({ label: row.bench.name, change: row.baseline!.change! }))
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))
    .slice(0, CHANGE_CHART_MAX)
  const threshold = rows.find((row) => row.baseline)?.baseline?.threshold ?? 0.2
  const chart = changeChart(changed, threshold)
  if (chart) out.push('## Change vs baseline', '', chart, '')

  const files = [...new Set(rows.map((row) => testFile(row.test)))]
  for (const file of files) out.push(...fileSection(file, rows.filter((row) => testFile(row.test) === file)))

  out.push(...renderLoadSections(rows))
  out.push(...renderOverheadSection(rows))
  out.push(...renderScalingSection(scaling))

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

  if (retention.length) {
    out.push('## Objects collected and live instances', '')
    out.push(
      table(
        ['Check', 'Expected', 'Alive', 'Counted by', 'Held by', 'Status'],
        retention.map(({ check }) => [check.id, retentionExpected(check), String(check.alive), check.method, check.retainers ?? '—', BADGE[check.status]]),
      ),
      '',
    )
  }

  const baselineNotes = report.baselines.filter((c) => c.status === 'new' || c.status === 'written' || c.status === 'updated' || (c.status === 'unchecked' && !failures.some((f) => f.includes(`"${md(c.benchId)}"`))))
  const obsolete = obsoleteText(report.obsolete)
  if (baselineNotes.length || obsolete) {
    const lines = [...baselineNotes.map((c) => item('', `"${c.benchId}": ${checkText(c)}`)), ...(obsolete ? [item('', obsolete)] : []), '']
    out.push(...details(`Baselines: ${baselineNotes.length} new, written or not checked${obsolete ? '; obsolete ones' : ''}`, lines))
  }

  out.push(
    ...details('Environment', [
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
    ]),
  )
  out.push(`Raw data: [${markdownCode(jsonName)}](${markdownLinkTarget(jsonName)}).`, '')
  return out.join('\n')
}
