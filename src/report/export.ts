import type { BenchResult } from '../model/bench-result.js'
import type { ExportFormat } from '../model/export-formats.js'
import type { RunReport } from '../model/run-report.js'
import { bmfOf } from './export-bmf.js'
import { githubActionBenchmarkOf } from './export-github-action-benchmark.js'
import { listed } from './verdict-text.js'

/** The benchmarks of a run an export carries, and those it leaves out, by bench id and why. */
export interface ExportSelection {
  /** Benchmarks with a result, in the report's order. */
  results: BenchResult[]
  /** Benchmarks that failed: no result to export. */
  failed: string[]
  /**
   * Ids carried by more than one benchmark of the run: the other tools key a benchmark by its
   * name, so one name would stand for two sets of figures.
   */
  sharedIds: string[]
  /** Results without a finite mean latency (a figure the report keeps as unknown): no value to give. */
  unmeasured: string[]
}

/** Which benchmarks of `report` the exports carry: those with a result, a mean latency and an id of their own. Pure. */
export function exportSelection(report: RunReport): ExportSelection {
  const benches = report.tests.flatMap((t) => t.entries.filter((e) => e.kind === 'bench'))
  const seen = new Map<string, number>()
  for (const b of benches) seen.set(b.id, (seen.get(b.id) ?? 0) + 1)
  const selection: ExportSelection = { results: [], failed: [], sharedIds: [...seen].filter(([, n]) => n > 1).map(([id]) => id), unmeasured: [] }
  for (const bench of benches) {
    if (selection.sharedIds.includes(bench.id)) continue
    if (!bench.result) selection.failed.push(bench.id)
    else if (!Number.isFinite(bench.result.latency.mean)) selection.unmeasured.push(bench.id)
    else selection.results.push(bench.result)
  }
  return selection
}

/** The file of one export format: JSON, two-space indented, with a final newline. Pure. */
export function renderExport(format: ExportFormat, results: readonly BenchResult[]): string {
  const data = format === 'bmf' ? bmfOf(results) : githubActionBenchmarkOf(results)
  return `${JSON.stringify(data, null, 2)}\n`
}

/**
 * What an export left out, in one sentence per reason, e.g. `1 failed benchmark not exported
 * (it has no result): "a.test.ts > t > parse"`; none when it left out nothing.
 */
export function leftOutText(selection: ExportSelection): string[] {
  const { failed, sharedIds, unmeasured } = selection
  const lines: string[] = []
  if (failed.length) lines.push(`${failed.length} failed ${noun(failed.length, 'benchmark')} not exported (no result): ${quoted(failed)}`)
  if (sharedIds.length) lines.push(`${sharedIds.length} ${noun(sharedIds.length, 'id')} shared by several benchmarks not exported (an exported name must stand for one benchmark; rename one of them): ${quoted(sharedIds)}`)
  if (unmeasured.length) lines.push(`${unmeasured.length} ${noun(unmeasured.length, 'benchmark')} without a finite mean latency not exported: ${quoted(unmeasured)}`)
  return lines
}

function noun(count: number, singular: string): string {
  return count === 1 ? singular : `${singular}s`
}

/** Up to five ids in quotes, then how many more. */
function quoted(ids: readonly string[]): string {
  return listed(ids.map((id) => `"${id}"`))
}

/** What the console says of a file of the run's results the reporter could not write (`the JSON report`, `bmf export`). */
/** The line for an export a stopped run does not write: it would hold part of a run, under the name of a whole one. */
export function stoppedExportText(what: string, path: string): string {
  return `${what} not written to ${path}: the run was stopped before it ended, so it holds only part of the results; the last complete run's export is kept`
}

/** What `perfspec export` says of a run report that says its run went wrong (stopped, no test file ran), one line per problem. */
export function partialRunText(path: string, problems: readonly string[]): string[] {
  return [...problems.map((problem) => `${path}: ${problem}`), `the run report says its run went wrong (above): the export holds only what it measured`]
}

export function notWrittenText(what: string, path: string, problem: string): string {
  return `${what} not written to ${path}: ${problem}. The run fails: a tool reading ${path} next would read the last run's figures`
}
