import type { AbComparison } from '../model/ab.js'
import { printableLines } from '../model/names.js'
import type { AbRunReport } from '../model/ab-run.js'
import schema from '../../schema/ab-results.schema.json' with { type: 'json' }
import { abComparisonProblems } from './ab-comparison-check.js'
import { isRecord, nullsToNaN, withPrintableStrings } from './json-value.js'
import { readRegularFile } from './regular-file.js'
import { compileSchema, problemList, problemsOf } from './schema-problems.js'

const validate = compileSchema<AbRunReport>(schema)
/** A failure's exit code and signal: `null` there is not a figure (a signal ended it, or none did). */
const FAILURE_NULLS: ReadonlySet<string> = new Set(['code', 'signal'])

/** An A/B results file that cannot be used: the message names the path and what is wrong. */
export class AbResultsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AbResultsError'
  }
}

/**
 * Reads the JSON of a `perfspec ab` run (a shard's, for `perfspec ab --merge`), checked against
 * `schema/ab-results.schema.json` (a hand-edited status or figure is named, never counted as
 * something else), with its `null` figures back as `NaN`.
 *
 * @throws AbResultsError naming the path and the problem
 */
export function readAbReport(path: string): AbRunReport {
  const file = readRegularFile(path)
  if (!file.ok) throw new AbResultsError(`${path}: ${file.problem}`)
  let data: unknown
  try {
    data = JSON.parse(file.text)
  } catch (error) {
    throw new AbResultsError(`${path} is not JSON (${(error as Error).message}); give the results.json a perfspec ab run wrote`)
  }
  if (!isRecord(data) || data.perfspecAb !== 1) throw new AbResultsError(`${path} is not the results of a perfspec ab run (no "perfspecAb": 1); give the .perfspec/ab/results.json it wrote (or its --json)`)
  if (!validate(data)) throw new AbResultsError(`${path} does not match the perfspec ab results schema (perfspec/schema/ab-results.schema.json): ${problemList(problemsOf(validate.errors))}; give the file as perfspec ab wrote it, or run that shard again`)
  // Strings made printable, as every file perfspec reads: ids reach terminals and `::error` lines;
  // a runner's output line by line, so that the excerpt of it shows the lines it printed.
  const outputs = (data as unknown as AbRunReport).failures.map((f) => f.output)
  const report = withPrintableStrings(nullsToNaN(data, FAILURE_NULLS)) as AbRunReport
  report.failures.forEach((f, i) => (f.output = printableLines(outputs[i] ?? '')))
  const problems = abComparisonProblems(report.comparisons)
  if (problems.length) throw new AbResultsError(`${path} holds what no perfspec ab run writes: ${problemList(problems)}; give the file as perfspec ab wrote it, or run that shard again`)
  return report
}

/**
 * One report of several shards' (`-- --shard=i/n` in separate jobs): their comparisons and
 * failures together, the longest duration (shards run at once). They must share the base and
 * head commits and the gate, or they do not belong together.
 *
 * @throws AbResultsError naming the files that differ, or a benchmark two files both compared
 */
export function mergeAbReports(reports: ReadonlyArray<{ path: string; report: AbRunReport }>): AbRunReport {
  const [first, ...rest] = reports
  if (!first) throw new AbResultsError('no results to merge')
  const key = (r: AbRunReport) => `base ${r.base.commit.slice(0, 12)}, head ${r.head.commit.slice(0, 12)}, gate ${r.gate.metric} ${r.gate.threshold} at ${r.gate.confidence}`
  for (const other of rest) {
    if (key(other.report) !== key(first.report)) throw new AbResultsError(`${other.path} (${key(other.report)}) and ${first.path} (${key(first.report)}) come from different runs: merge the shards of one commit pair and one gate`)
  }
  refuseIncompleteShards(reports)
  const seen = new Map<string, string>()
  const comparisons: AbComparison[] = []
  for (const { path, report } of reports) {
    for (const c of report.comparisons) {
      const before = seen.get(c.id)
      if (before !== undefined) throw new AbResultsError(`"${c.id}" is in both ${before} and ${path}: shards do not overlap, so these are not shards of one run (or one file was given twice)`)
      seen.set(c.id, path)
      comparisons.push(c)
    }
  }
  const merged: AbRunReport = {
    ...first.report,
    createdAt: reports.map((r) => r.report.createdAt).sort().at(-1)!,
    duration: Math.max(...reports.map((r) => r.report.duration)),
    files: reports.reduce((n, r) => n + r.report.files, 0),
    comparisons: comparisons.sort((a, b) => (a.file === b.file ? 0 : a.file < b.file ? -1 : 1)),
    failures: reports.flatMap((r) => r.report.failures),
    shards: reports.flatMap((r) => r.report.shards ?? []),
    install: first.report.install,
  }
  const stopped = reports.find((r) => r.report.stopped)?.report.stopped
  if (stopped) merged.stopped = stopped
  else delete merged.stopped
  const undecided = reports.find((r) => r.report.undecided)?.report.undecided
  if (undecided) merged.undecided = undecided
  else delete merged.undecided
  return merged
}

/**
 * Shards of one run cover `1…n` once each, all of one `n`: a shard whose job was cancelled or
 * whose file was not uploaded would otherwise drop out of the verdict unseen, its slower
 * benchmarks with it.
 *
 * @throws AbResultsError naming the shards missing, twice, or of another count
 */
function refuseIncompleteShards(reports: ReadonlyArray<{ path: string; report: AbRunReport }>): void {
  const sharded = reports.filter((r) => r.report.shards?.length)
  if (sharded.length === 0) return
  const whole = reports.find((r) => !r.report.shards?.length)
  if (whole) throw new AbResultsError(`${whole.path} is a whole run and ${sharded[0]!.path} a shard (${shardNames(sharded[0]!.report)}): merge the shards of one run only`)
  const all = sharded.flatMap((r) => r.report.shards!.map((s) => ({ ...s, path: r.path })))
  const count = all[0]!.count
  const other = all.find((s) => s.count !== count)
  if (other) throw new AbResultsError(`${other.path} is shard ${other.index}/${other.count} and ${all[0]!.path} shard ${all[0]!.index}/${count}: the shards of one run split it alike; merge the shards of one run only`)
  const twice = all.find((s, i) => all.findIndex((t) => t.index === s.index) !== i)
  if (twice) throw new AbResultsError(`shard ${twice.index}/${count} is given twice (${all.filter((s) => s.index === twice.index).map((s) => s.path).join(', ')}): give each shard's results once`)
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !all.some((s) => s.index === i))
  if (missing.length) throw new AbResultsError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} of this run ${missing.length > 1 ? 'are' : 'is'} missing: a verdict without ${missing.length > 1 ? 'them' : 'it'} would leave out ${missing.length > 1 ? 'their' : 'its'} benchmarks; give the results of every shard (a shard whose job failed must run again)`)
}

function shardNames(report: AbRunReport): string {
  return (report.shards ?? []).map((s) => `${s.index}/${s.count}`).join(', ')
}
