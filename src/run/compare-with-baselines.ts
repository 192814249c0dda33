import { baselineEntryOf } from '../compare/baseline-entry.js'
import { baselineVerdict, writesBaseline } from '../compare/baseline-verdict.js'
import { discountMachineDrift } from '../compare/machine-drift.js'
import type { BaselineEntry } from '../model/baseline.js'
import type { BaselineCheck, BaselineFileError } from '../model/baseline-check.js'
import type { BenchEntry } from '../model/entries.js'
import type { Environment } from '../model/environment.js'
import type { Gate, UpdateMode } from '../model/gate.js'
import type { TestRecord } from '../model/run-report.js'
import { entryProblems } from './baseline-schema.js'
import type { BaselineStore } from './baseline-store.js'
import { entriesOf, withEntries } from './testbeds.js'

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
}

/** One check per benchmark that ran, and problems with files. */
export interface BaselinePassOutcome {
  checks: BaselineCheck[]
  errors: BaselineFileError[]
}

/**
 * Compares every benchmark of the run with its baseline and writes baselines as the update mode
 * allows: reads each test file's baselines once from the store, asks the pure judge about each
 * benchmark, writes the file once, then applies the run-wide drift check. A missing, unreadable
 * or invalid file never crashes the run and is never overwritten unless the update mode is `'all'`.
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
  const checks: BaselineCheck[] = []
  const errors: BaselineFileError[] = []
  for (const [testFile, benches] of byFile) {
    const baselineFile = options.store.pathOf(testFile)
    const read = options.store.read(testFile)
    if (read.status === 'invalid') errors.push({ file: baselineFile, problem: read.problem })
    const existing = new Map<string, BaselineEntry>(read.status === 'ok' ? entriesOf(read.data, options.testbed).map((e) => [e.bench_id, e]) : [])
    const next = new Map(existing)
    let changed = false
    for (const { bench, test } of benches) {
      const previous = existing.get(bench.id)
      // The entry this run would write, checked by the rules its reader applies.
      const entry = bench.result && writesBaseline(options.update, read.status, previous !== undefined) ? baselineEntryOf(bench.result, options.environment, options.timestamp, previous) : undefined
      const unstorable = entry ? entryProblems(entry).join('; ') : ''
      const { check, write } = baselineVerdict({
        bench,
        test,
        gate: options.gate,
        update: options.update,
        environment: options.environment,
        baselineFile,
        fileState: read.status,
        ...(read.status === 'invalid' && { fileProblem: read.problem }),
        ...(previous && { previous }),
        crossMachine: options.crossMachine ?? false,
        ...(unstorable && { unstorable }),
      })
      checks.push(check)
      if (write && entry) {
        next.set(bench.id, entry)
        changed = true
      }
    }
    if (!changed) continue
    try {
      options.store.write(testFile, withEntries(read.status === 'ok' ? read.data : undefined, testFile, options.testbed, [...next.values()]))
    } catch (error) {
      errors.push({ file: baselineFile, problem: `could not be written: ${(error as Error).message}` })
    }
  }
  return { checks: discountMachineDrift(checks, options.gate), errors }
}
