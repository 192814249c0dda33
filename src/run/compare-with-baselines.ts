import { baselineEntryOf } from '../compare/baseline-entry.js'
import { baselineVerdict, writesBaseline } from '../compare/baseline-verdict.js'
import { discountMachineDrift } from '../compare/machine-drift.js'
import type { BaselineEntry, BaselineRead } from '../model/baseline.js'
import type { BaselineCheck, BaselineFileError } from '../model/baseline-check.js'
import type { BenchEntry } from '../model/entries.js'
import type { Environment } from '../model/environment.js'
import type { Gate, UpdateMode } from '../model/gate.js'
import type { ObsoleteBaselines, TestOutline, TestRecord } from '../model/run-report.js'
import { gateFor } from '../model/gate.js'
import { obsoleteEntries } from '../compare/obsolete-entries.js'
import { entryProblems } from './baseline-schema.js'
import type { BaselineStore } from './baseline-store.js'
import { entriesOf, otherTestbedEntries, withEntries } from './testbeds.js'
import { atomicWriteProblem } from './atomic-write.js'

/** What comparing a run with its baselines needs. */
export interface BaselinePassOptions {
  store: BaselineStore
  gate: Gate
  update: UpdateMode
  environment: Environment
  /** ISO time stamped on written entries. */
  timestamp: string
  /** The testbed whose baselines are read and written; the unnamed ones by default. */
  testbed?: string
  /** Gate baselines from another machine as if they were from this one. */
  crossMachine?: boolean
  /** The run did not end whole: nothing is written (`update` is `'none'`), and new benchmarks say why. */
  incomplete?: boolean
  /** Every test the run saw, whatever it recorded: lets obsolete baselines be found. */
  tests?: readonly TestOutline[]
  /** The run left no project out (no `--project`, `--selectProjects`, `--ignoreProjects`): see `obsoleteEntries`. Default `false`. */
  allProjects?: boolean
  /** Records of `tests` kept from earlier runs of a watch session (see `SessionInput.earlier`): compared, never written. */
  earlier?: ReadonlySet<TestRecord>
}

/** One check per benchmark that ran, problems with files, and baselines no test stands behind. */
export interface BaselinePassOutcome {
  checks: BaselineCheck[]
  errors: BaselineFileError[]
  /** Set when the runner listed the tests that ran (`tests` option). */
  obsolete?: ObsoleteBaselines
}

/** The other testbeds an invalid file holds baselines of, as the run names them (`testbed "mac"`, `the unnamed entries`). */
function otherTestbedsHeld(holds: Extract<BaselineRead, { status: 'invalid' }>['holds'], testbed: string | undefined): string[] {
  if (!holds) return []
  const named = [...new Set(holds.testbeds.filter((name) => name !== testbed))].map((name) => `testbed "${name}"`)
  return [...(testbed !== undefined && holds.unnamed ? ['the entries without a testbed name'] : []), ...named, ...(holds.unknown ? ['testbeds whose names it cannot show'] : [])]
}

/** Ids that more than one benchmark of the list carries, with the tests that carry them. */
function sharedIds(benches: ReadonlyArray<{ bench: BenchEntry; test: TestRecord }>): Map<string, string[]> {
  const tests = new Map<string, string[]>()
  for (const { bench, test } of benches) tests.set(bench.id, [...(tests.get(bench.id) ?? []), `"${test.test}"${test.line !== undefined ? ` (line ${test.line})` : ''}`])
  return new Map([...tests].filter(([, list]) => list.length > 1))
}

/**
 * Compares every benchmark of the run with its baseline and writes baselines as the update mode
 * allows: reads each test file's baselines once from the store, asks the pure judge about each
 * benchmark, writes the file once, then applies the run-wide drift check. A missing, unreadable
 * or invalid file never crashes the run and is never overwritten unless the update mode is
 * `'all'`. Benchmarks that share an id are not checked and not written (no file can keep both);
 * a write that fails turns its checks into `not-written`. With the tests the runner saw, reports
 * obsolete entries and files, and removes them under `'all'` (`-u`): a file is obsolete when its
 * test file is gone from disk and it is a valid baseline file whose `file` names that test file.
 */
export function compareWithBaselines(tests: readonly TestRecord[], options: BaselinePassOptions): BaselinePassOutcome {
  const byFile = new Map<string, Array<{ bench: BenchEntry; test: TestRecord }>>()
  for (const test of tests) {
    for (const entry of test.entries) {
      if (entry.kind !== 'bench') continue
      const list = byFile.get(test.file) ?? []
      list.push({ bench: entry, test })
      byFile.set(test.file, list)
    }
  }
  const prune = options.update === 'all'
  const checks: BaselineCheck[] = []
  const errors: BaselineFileError[] = []
  const obsolete: ObsoleteBaselines = { entries: [], files: [], pruned: prune }
  for (const [testFile, benches] of byFile) {
    const baselineFile = options.store.pathOf(testFile)
    const read = options.store.read(testFile)
    const existing = new Map<string, BaselineEntry>(read.status === 'ok' ? entriesOf(read.data, options.testbed).map((e) => [e.bench_id, e]) : [])
    const next = new Map(existing)
    const otherTestbeds = read.status === 'ok' ? otherTestbedEntries(read.data, options.testbed) : new Map<string, never>()
    const shared = sharedIds(benches)
    // An invalid file is rewritten whole from this run's benchmarks (-u): when the run skipped some
    // of the file's tests (a filter, test.skip), their entries, which the file may still hold, would
    // be lost. It is then left as it is, and said.
    const partial = read.status === 'invalid' && options.update === 'all' && ((options.tests?.some((t) => t.file === testFile && t.state === 'skipped') ?? false) || benches.some((b) => options.earlier?.has(b.test)))
    // Nor when it holds other testbeds' baselines (or the unnamed ones, for a named testbed): a
    // rewrite from this testbed's run would lose them.
    const others = read.status === 'invalid' && options.update === 'all' ? otherTestbedsHeld(read.holds, options.testbed) : []
    // Another project's file is never rewritten: its own runs would then fail on this one's.
    const foreign = read.status === 'invalid' && read.foreign === true
    const update: UpdateMode = foreign ? 'none' : partial || others.length > 0 ? 'new' : options.update
    const fileProblem = read.status === 'invalid' ? read.problem : undefined
    const fileChecks: BaselineCheck[] = []
    let changed = false
    for (const { bench, test } of benches) {
      // Not compared, for `cause`: the check says why, under the gate the benchmark would have had.
      const unchecked = (cause: 'duplicate-id' | 'file-invalid', detail: string): BaselineCheck => {
        const gate = gateFor(options.gate, bench.baseline === false ? undefined : bench.baseline)
        return { benchId: bench.id, file: test.file, ...(test.line !== undefined && { line: test.line }), metric: gate.metric, threshold: gate.threshold, baselineFile, status: 'unchecked', cause, detail }
      }
      const holders = shared.get(bench.id)
      if (holders) {
        fileChecks.push(unchecked('duplicate-id', holders.join(', ')))
        continue
      }
      const previous = existing.get(bench.id)
      // Its baseline is committed but was lost before the run (see `BaselineRead`): not new. -u writes it anew.
      const lost = !previous && options.update !== 'all' && read.status === 'ok' ? read.lost : undefined
      if (lost?.entries.some((e) => e.id === bench.id && e.testbed === options.testbed)) {
        fileChecks.push(unchecked('file-invalid', lost.problem))
        continue
      }
      // What an earlier run of a watch session measured was not measured again: never written.
      const benchUpdate: UpdateMode = options.earlier?.has(test) ? 'none' : update
      // The entry this run would write, checked by the rules its reader applies.
      const entry = bench.result && writesBaseline(benchUpdate, read.status, previous !== undefined) ? baselineEntryOf(bench.result, options.environment, options.timestamp, previous) : undefined
      const unstorable = entry ? entryProblems(entry, testFile).join('; ') : ''
      const { check, write } = baselineVerdict({
        bench,
        test,
        gate: options.gate,
        update: benchUpdate,
        ...(options.incomplete && { incomplete: true }),
        environment: options.environment,
        baselineFile,
        fileState: read.status,
        ...(fileProblem !== undefined && { fileProblem }),
        ...(previous && { previous }),
        ...(!previous && otherTestbeds.has(bench.id) && { otherTestbed: otherTestbeds.get(bench.id)! }),
        crossMachine: options.crossMachine ?? false,
        ...(unstorable && { unstorable }),
      })
      // -u was asked for and did not happen: said, and the run fails, as for an unwritable file.
      const invalid = check.status === 'unchecked' && check.cause === 'file-invalid'
      if (invalid && foreign) fileChecks.push({ ...check, cause: 'other-project' })
      else if (others.length > 0 && invalid) fileChecks.push({ ...check, cause: 'not-written', detail: `(${read.status === 'invalid' ? read.problem : ''}) was left as it is: it holds the baselines of ${others.join(' and ')}, which rewriting it from this run would lose; fix the file` })
      else fileChecks.push(partial && invalid ? { ...check, cause: 'not-written', detail: `(${read.status === 'invalid' ? read.problem : ''}) was left as it is: this -u run skipped some of its tests (a filter, or test.skip), whose entries the file may hold; fix the file, or run -u over all its tests` } : check)
      if (write && entry) {
        next.set(bench.id, entry)
        changed = true
      }
    }
    const outline = options.tests?.filter((t) => t.file === testFile) ?? []
    if (read.status === 'ok' && outline.length > 0) {
      const gone = obsoleteEntries([...existing.keys()], new Set(benches.map((b) => b.bench.id)), outline, options.allProjects)
      obsolete.entries.push(...gone.map((benchId) => ({ baselineFile, benchId })))
      if (prune && gone.length > 0) {
        for (const id of gone) next.delete(id)
        changed = true
      }
    }
    let written = false
    let writeProblem: string | undefined
    if (changed) {
      try {
        options.store.write(testFile, withEntries(read.status === 'ok' ? read.data : undefined, testFile, options.testbed, [...next.values()]))
        written = true
      } catch (error) {
        writeProblem = `could not be written: ${atomicWriteProblem(error)}`
        errors.push({ file: baselineFile, problem: writeProblem })
      }
    }
    // An invalid file that this run rewrote whole (-u) is no longer a problem of the run.
    if (read.status === 'invalid' && !written) errors.push({ file: baselineFile, problem: read.problem })
    for (const check of fileChecks) {
      const asked = check.status === 'written' || check.status === 'updated'
      checks.push(asked && writeProblem ? { ...check, status: 'unchecked', cause: 'not-written', detail: writeProblem } : check)
    }
  }
  if (options.tests && options.store.list && options.store.testFileExists) {
    for (const testFile of options.store.list()) {
      if (byFile.has(testFile) || options.store.testFileExists(testFile)) continue
      // Only a baseline file of that very test file is obsolete: any other file under the folder
      // (the user's notes, a file of another project, one this perfspec cannot read) is left alone.
      if (obsoleteOf(options.store, testFile) !== testFile) continue
      const baselineFile = options.store.pathOf(testFile)
      const elsewhere = options.store.testFileElsewhere?.(testFile)
      if (elsewhere !== undefined) {
        // Kept: said where a run would have removed it, since a stale copy keeps it for good.
        if (prune) (obsolete.kept ??= []).push({ file: baselineFile, ...(elsewhere && { testFileAt: elsewhere }) })
        continue
      }
      obsolete.files.push(baselineFile)
      if (!prune || !options.store.remove) continue
      try {
        options.store.remove(testFile)
      } catch (error) {
        errors.push({ file: baselineFile, problem: `could not be removed: ${(error as Error).message}` })
      }
    }
  }
  return { checks: discountMachineDrift(checks, options.gate), errors, ...(options.tests && { obsolete }) }
}

/** The test file a baseline file names, when it is a baseline file: by `fileOf` where the store has it, else read whole. */
function obsoleteOf(store: BaselineStore, testFile: string): string | undefined {
  if (store.fileOf) return store.fileOf(testFile)
  const found = store.read(testFile)
  return found.status === 'ok' ? found.data.file : undefined
}
