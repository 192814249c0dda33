import type { BaselineCheck, BaselineFileError } from './baseline-check.js'
import type { BenchEntry, ExpectationEntry, LeakEntry, RecordEntry, RetentionEntry, Status } from './entries.js'
import type { Environment } from './environment.js'

/** One test that recorded perfspec entries. */
export interface TestRecord {
  /** Test file relative to the project root, `/`-separated. */
  file: string
  /** Line of the test in its file, when the runner knows it. */
  line?: number
  /** Describe blocks and test name, joined by ` > `. */
  test: string
  /** The test's own outcome. */
  state: 'passed' | 'failed' | 'skipped'
  entries: RecordEntry[]
}

/** A test that ran, whatever it recorded: what tells a baseline entry whose test is gone from one that did not run. */
export interface TestOutline {
  /** Test file relative to the project root, `/`-separated. */
  file: string
  /** Describe blocks then the test name. */
  titlePath: string[]
  /** `skipped` covers tests left out by a filter, `.skip`, `.only` elsewhere and `.todo`. */
  state: 'passed' | 'failed' | 'skipped'
}

/**
 * Baselines that no test stands behind any more: entries of test files that ran whose benchmark
 * is gone (its test passed without it, or its test is no longer in the file), and files whose
 * test file is gone from disk. Reported on every run, removed on `-u`.
 */
export interface ObsoleteBaselines {
  entries: Array<{ baselineFile: string; benchId: string }>
  /** Baseline files, relative to the project root. */
  files: string[]
  /** Whether this run removed them (`-u`). */
  pruned: boolean
}

/** The machine-readable result of a whole run (`BENCHMARK_RESULTS.json`). */
export interface RunReport {
  /** Format version of this file. */
  perfspec: 1
  /** ISO time the run ended. */
  createdAt: string
  /** Wall time of the run, ms. */
  duration: number
  runner: { name: string; version: string }
  environment: Environment
  tests: TestRecord[]
  /** The baseline check of every benchmark that ran. */
  baselines: BaselineCheck[]
  /** Problems with baseline files (unreadable, invalid, not written), by file. */
  baselineErrors: BaselineFileError[]
  /** Baselines whose benchmark or test file is gone, when the runner listed the tests that ran. */
  obsolete?: ObsoleteBaselines
  /** Tests that failed before recording anything: benchmarks that did not finish. */
  unfinished?: TestOutline[]
  summary: RunSummary
}

/** Counts for the executive summary. */
export interface RunSummary {
  benchmarks: number
  expectations: { pass: number; warn: number; fail: number }
  /** Leak checks: `expectNoLeak`, `expectCollected` and `expectInstances` alike. */
  leaks: { pass: number; fail: number }
  regressions: number
  /** Overall: FAIL when an expectation, leak check, bench or baseline check failed. */
  status: Status
}

/** A benchmark with everything the report says about it, and its one decided status. */
export interface BenchRow {
  test: TestRecord
  bench: BenchEntry
  expectations: ExpectationEntry[]
  baseline?: BaselineCheck
  status: Status
}

/** A leak check with its test. */
export interface LeakRow {
  test: TestRecord
  leak: LeakEntry
}

/** An `expectCollected` or `expectInstances` check with its test. */
export interface RetentionRow {
  test: TestRecord
  check: RetentionEntry
}

/**
 * A run with every status decided, as the renderers receive it: the report (what the JSON
 * holds), each benchmark's row and whether the run fails.
 */
export interface DecidedRun {
  report: RunReport
  rows: BenchRow[]
  leaks: LeakRow[]
  retention: RetentionRow[]
  /**
   * Whether the run must exit non-zero for perfspec's own reasons: a regression, or (in CI) a
   * baseline that could not be checked. Failed expectations fail their tests already.
   */
  failed: boolean
}
