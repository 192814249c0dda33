import { baselineEntryOf } from '../compare/baseline-entry.js'
import { confirmationOf } from '../compare/confirmation-rule.js'
import type { BaselineEntry, BaselineFile } from '../model/baseline.js'
import type { BaselineCheck, BenchGate, FailedBench } from '../model/baseline-check.js'
import type { BenchEntry } from '../model/entries.js'
import { gateFor, type Gate } from '../model/gate.js'
import type { RunReport, TestRecord } from '../model/run-report.js'
import { errorStatus } from './decide.js'
import { baselineFileProblems, entryListProblems } from './baseline-schema.js'
import { parseJson } from './json-error.js'
import { readRegularFile } from './regular-file.js'
import { isRecord, withPrintableStrings } from './json-value.js'
import { runReportOf, runReportProblems } from './run-report-schema.js'
import { problemList } from './schema-problems.js'
import { entriesOf, otherTestbedEntries } from './testbeds.js'

/** The benchmarks of one results file, as baseline-shaped entries, and what kind of file it was. */
export interface ResultsFile {
  path: string
  kind: 'run' | 'baseline' | 'plain'
  entries: BaselineEntry[]
  /** Benchmarks of a run report that failed (no result): only run reports record them. */
  failed: FailedBench[]
  /** Each benchmark's own gate, as its run report decided it: only run reports record them. */
  gates: BenchGate[]
  /** The whole run, when the file is a run report. */
  report?: RunReport
  /**
   * Of a baseline file read as the baseline, the entries of its other testbeds for benchmarks the
   * read testbed has none of: compared, not gated, as the reporter does (see `otherTestbedEntries`).
   */
  otherTestbeds?: Map<string, { name: string | null; entry: BaselineEntry }>
  /** Of a baseline file, the testbeds it keeps entries under, by name (none: only unnamed entries). */
  testbeds?: string[]
}

/** A results file that cannot be used: the message names the path and what is wrong. */
export class ResultsFileError extends Error {
  constructor(readonly path: string, message: string) {
    super(message)
    this.name = 'ResultsFileError'
  }
}

/**
 * A benchmark's own gate as the reporter decided it ({@link BenchGate}): not gated in a test
 * expected to fail, when it failed in a test that caught it (`run/decide.ts` says which), or
 * when it opted out; otherwise its own metric and threshold, when it has them; and what the run
 * read of the machine while measuring it (other processes' load) and what its confirmation read,
 * which the reporter weighed.
 */
function gateOfBench(bench: BenchEntry, test: TestRecord, check: BaselineCheck | undefined, runGate: Gate | undefined): BenchGate {
  const override = bench.baseline === false ? undefined : bench.baseline
  const skip = test.expectedToFail ? 'expected-to-fail' : test.state === 'skipped' && bench.result ? 'test-skipped' : !bench.result && errorStatus(bench.error ?? 'no result', test) === 'CAUGHT' ? 'caught' : bench.baseline === false ? 'opted-out' : undefined
  const r = bench.result
  const otherCores = r?.host?.otherCores
  const a = r?.attempts
  const read = confirmationOf(a)
  // The gate the run read its confirmation at, with each measurement's figures: compare under another gate reads them again.
  const readGate = check ?? (runGate && gateFor(runGate, override))
  const confirmation = read && readGate && a?.latency.length === read.changes.length ? { ...read, readAt: { metric: readGate.metric, threshold: readGate.threshold, latency: a.latency } } : read
  const speedRatio = check?.machine?.speedRatio
  const runReading = check?.typicalChange !== undefined && Number.isFinite(check.typicalChange) && check.gated !== false ? { typicalChange: check.typicalChange, ...(speedRatio !== undefined && { machine: { speedRatio } }) } : undefined
  const crossMachine = check?.machine?.other === true && check.reason !== 'other-machine' && check.gated !== false
  return { benchId: bench.id, ...(skip && { skip }), ...(override && { override }), ...(otherCores !== undefined && { otherCores }), ...(confirmation && { confirmation }), ...(runReading && { runReading }), ...(crossMachine && { crossMachine }) }
}

/** The run JSON (`BENCHMARK_RESULTS.json`): every bench that produced a result, every one that failed, and each one's own gate. */
function benchesOfRun(run: RunReport): Pick<ResultsFile, 'entries' | 'failed' | 'gates'> {
  const entries: BaselineEntry[] = []
  const failed: FailedBench[] = []
  const gates = new Map<string, BenchGate>()
  const checks = new Map(run.baselines.map((c) => [c.benchId, c]))
  for (const test of run.tests) {
    for (const e of test.entries) {
      if (e.kind !== 'bench') continue
      if (e.result) entries.push(baselineEntryOf(e.result, run.environment, run.createdAt))
      else failed.push({ benchId: e.id, ...(e.error !== undefined && { error: e.error }) })
      // The attempt that gave a result decides, as it is the bench's outcome.
      if (e.result || !gates.has(e.id)) gates.set(e.id, gateOfBench(e, test, checks.get(e.id), run.gate))
    }
  }
  // A retry that gave a result is the bench's outcome: an earlier attempt's failure is not.
  const measured = new Set(entries.map((e) => e.bench_id))
  return { entries, failed: failed.filter((f) => !measured.has(f.benchId)), gates: [...gates.values()] }
}

/**
 * The parsed JSON of a results file, every string in it printable. @throws ResultsFileError
 * naming the path: missing, a directory, not a regular file (a FIFO, a device), over 64 MiB
 * (`MAX_FILE_BYTES`), unreadable, not JSON (with line and column)
 */
function readJsonFile(path: string): unknown {
  const file = readRegularFile(path)
  if (!file.ok) {
    if (file.reason === 'missing') throw new ResultsFileError(path, `${path}: no such file`)
    if (file.reason === 'directory') throw new ResultsFileError(path, `${path} is a directory; give the path of a results file in it`)
    throw new ResultsFileError(path, `${path} ${file.problem}`)
  }
  const parsed = parseJson(file.text)
  if (!parsed.ok) throw new ResultsFileError(path, `${path} ${parsed.problem}`)
  // Before the checks, so that they see (and their messages quote) the ids every output prints.
  return withPrintableStrings(parsed.data)
}

/** Parsed JSON as a results file of one of the kinds, checked against its schema. @throws ResultsFileError */
function resultsFileOf(path: string, data: unknown, testbed?: string, current = false, named = true): ResultsFile {
  const invalid = (problems: string[], what: string, fix: string) => new ResultsFileError(path, `${path} is not a valid ${what}: ${problemList(problems)}. ${fix}`)

  if (isRecord(data) && typeof data.perfspec === 'number' && data.perfspec !== 1) {
    throw new ResultsFileError(path, `${path} is a perfspec file of format version ${data.perfspec}; this perfspec reads version 1: use the perfspec version that wrote it`)
  }
  // A version of another type ("1", null) is a hand edit of a perfspec file, not a list of another tool's (probe 84 #2).
  if (isRecord(data) && 'perfspec' in data && typeof data.perfspec !== 'number') {
    throw new ResultsFileError(path, `${path} has "perfspec": ${JSON.stringify(data.perfspec) ?? String(data.perfspec)}, where a perfspec file has the number 1 (its format version): restore the field, or write the file again`)
  }
  if (isRecord(data) && data.perfspec === 1 && 'tests' in data) {
    const problems = runReportProblems(data)
    if (problems.length) throw invalid(problems, 'perfspec run report', 'The reporter writes this file whole at the end of a run: run the tests again to write it anew, or restore the field')
    const report = runReportOf(data)
    return { path, kind: 'run', ...benchesOfRun(report), report }
  }
  if (isRecord(data) && data.perfspec === 1) {
    const problems = baselineFileProblems(data)
    if (problems.length) throw invalid(problems, 'perfspec baseline file', 'Fix the field, or write the baselines again (run the tests with -u)')
    const file = data as unknown as BaselineFile
    const names = (file.testbeds ?? []).map((t) => t.name)
    // A current file that is a baseline file is read by the same testbed when it has it.
    if (current) return { path, kind: 'baseline', entries: entriesOf(file, testbed !== undefined && names.includes(testbed) ? testbed : undefined), failed: [], gates: [], testbeds: names }
    // A testbed asked for by name that the file lacks is likelier a typo than a machine without baselines.
    if (named && testbed !== undefined && !names.includes(testbed)) throw new ResultsFileError(path, `${path} has no testbed "${testbed}"${names.length ? ` (it has ${names.map((n) => `"${n}"`).join(', ')})` : ' (it has no testbeds)'}: give one of its testbeds, or none for its unnamed entries`)
    // The run's testbed (or none): its entries, and the others' where it has none, compared and not gated, as the reporter does.
    return { path, kind: 'baseline', entries: entriesOf(file, testbed), failed: [], gates: [], otherTestbeds: otherTestbedEntries(file, testbed), testbeds: names }
  }
  const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.benchmarks) ? data.benchmarks : undefined
  if (!list) {
    throw new ResultsFileError(path, `${path} holds no benchmarks: expected a JSON array of { bench_id, metric, unit, p50, p95, n, timestamp }, an object with such a "benchmarks" array, or a perfspec results or baseline file`)
  }
  const problems = entryListProblems(list, Array.isArray(data) ? '' : 'benchmarks')
  if (problems.length) throw invalid(problems, 'results file', 'Fix the field where the file is written (perfspec compare --help shows the format)')
  return { path, kind: 'plain', entries: list as BaselineEntry[], failed: [], gates: [] }
}

/**
 * Refuses a run report in which two benchmarks with a result share an id: compared with a
 * baseline, one id would stand for two sets of figures, as a plain file's `bench_id` given twice
 * would. (A run writes such a report when two tests have one name; `report` renders it, and says
 * the ids clash, and `export` leaves those benchmarks out.)
 *
 * @throws ResultsFileError naming the ids
 */
function refuseSharedIds(file: ResultsFile): void {
  const seen = new Set<string>()
  const shared = new Set<string>()
  for (const entry of file.entries) (seen.has(entry.bench_id) ? shared : seen).add(entry.bench_id)
  if (shared.size) {
    const ids = problemList([...shared].map((id) => `"${id}"`))
    throw new ResultsFileError(file.path, `${file.path} has ${shared.size === 1 ? 'a benchmark id' : 'benchmark ids'} carried by several benchmarks: ${ids}; compare needs one result per id: rename the tests or benchmarks that share one, and run them again`)
  }
}

/**
 * Reads any results file `perfspec compare` accepts: perfspec's run JSON
 * (`BENCHMARK_RESULTS.json`), a perfspec baseline file, or a plain file of another tool, a JSON
 * array (or `{ "benchmarks": [...] }`) of `{ bench_id, metric, unit, p50, p95, n, timestamp, notes? }`.
 * Each kind is checked against its schema before anything reads it, and in each a benchmark id
 * must name one benchmark. Every string read is printable ({@link withPrintableStrings}); a
 * leading byte-order mark is skipped.
 *
 * @param testbed - of a baseline file, the testbed whose entries are read (default: its unnamed ones)
 * @param current - the file is a current one: a baseline file without `testbed` gives its unnamed entries
 * @param named - `testbed` was asked for by name (a flag, the environment), not taken from the
 *   run report: a baseline file without it is refused rather than read through its other testbeds
 * @throws ResultsFileError naming the path and the problem: missing, a directory, unreadable, not
 *   JSON (with line and column), a field its schema refuses (with its place, e.g.
 *   `tests[0].entries[2].result.latency`), an id given twice, or a testbed asked for by name that
 *   it does not have, and what to do about it
 */
export function readResultsFile(path: string, testbed?: string, current = false, named = true): ResultsFile {
  const file = resultsFileOf(path, readJsonFile(path), testbed, current, named)
  if (file.kind === 'run') refuseSharedIds(file)
  return file
}

/** Reads a run report (`BENCHMARK_RESULTS.json`) for `perfspec report` and `perfspec export`, as {@link readResultsFile} reads it. @throws ResultsFileError */
export function readRunReport(path: string): RunReport {
  const file = resultsFileOf(path, readJsonFile(path))
  if (!file.report) throw new ResultsFileError(path, `${path} is not a perfspec run report (BENCHMARK_RESULTS.json): it is a ${file.kind === 'baseline' ? 'baseline file' : 'plain results file'}`)
  return file.report
}

/**
 * The entries of several current files (shards of one run), merged, with the benchmarks that
 * failed in them. A benchmark in two of them (measured or failed) would be compared twice with
 * nothing to tell which reading counts, so it is refused.
 *
 * @throws ResultsFileError naming the benchmark and both files
 */
export function mergeCurrentFiles(files: readonly ResultsFile[]): Pick<ResultsFile, 'entries' | 'failed' | 'gates'> {
  const from = new Map<string, number>()
  const merged: Pick<ResultsFile, 'entries' | 'failed' | 'gates'> = { entries: [], failed: [], gates: [] }
  const claim = (benchId: string, i: number) => {
    const other = from.get(benchId)
    if (other !== undefined && other !== i) {
      const file = files[i]!
      const where = files[other]!.path === file.path ? `${file.path}, given twice` : `both ${files[other]!.path} and ${file.path}`
      throw new ResultsFileError(file.path, `"${benchId}" is in ${where}: each benchmark must come from one current file (shards of one run do not overlap)`)
    }
    from.set(benchId, i)
  }
  files.forEach((file, i) => {
    for (const entry of file.entries) {
      claim(entry.bench_id, i)
      merged.entries.push(entry)
    }
    for (const failure of file.failed) {
      claim(failure.benchId, i)
      merged.failed.push(failure)
    }
    merged.gates.push(...file.gates)
  })
  return merged
}
